"""The figure extractor on the real-reporting corpus's test half (issue 22, item 6): its scores must
not fall. The floors are the scores recorded when the extractor was last tuned (on the tuning half
only), less a small margin for articles added to the corpus since; raise them when it gets better."""

from __future__ import annotations

import real_figures

# eleventh session: 0.892 / 0.650, 5 must-not; with batches 118-119 (28 held-out pages, at their first run) 0.858 /
# 0.636, 12; with batch 122 (14 held-out pages, twelfth session, at its first run) 0.847 / 0.635, 19; with batch 125
# (14 more, at its first run: 1.000 / 0.656, none attached) 0.861 / 0.637, 19; with batch 128 (14 more, at its first
# run: 0.850 / 0.654, 3 attached) 0.860 / 0.639, 22; with batch 131 (14 more, at its first run: 0.786 / 0.759, 2
# attached) 0.853 / 0.648, 24; with batch 133 (14 more, at its first run: 0.826 / 0.792, 2 attached) 0.851 / 0.657, 26;
# with batch 135 (14 more, at its first run: 0.838 / 0.861, 1 attached) 0.849 / 0.674, 27; with batch 136 (14 more,
# at its first run: 0.647 / 0.440, 4 attached) 0.840 / 0.661, 31; thirteenth session: the Russian kilometre adjective
# («188-километровый участок»), decided on the tuning half (three right lengths there), attaches one more here (it was
# dropped on that signal last session: the held-out half does not decide a rule); with batch 139 (14 more, at its first
# run: 0.696 / 0.667, 5 attached) 0.829 / 0.659, 37; with batch 142 (14 more, at its first run: 0.625 / 0.667, 6
# attached) and the session's later rules 0.813 / 0.660, 43; with batches 145 and 148 (28 more, at their first runs:
# 0.870 / 0.714 with 3 attached, 0.500 / 0.250 with 1) 0.813 / 0.658, 47; with batch 151 (14 more, at its first run:
# 0.824 / 0.800, 5 attached) 0.814 / 0.667, 52; with two later rules decided on the tuning half (a route's stations,
# tunnels and bridges are not its figures; ports named together when one goes by both names, "Baku/Alyat": 18 must-not
# numbers fewer there, three right ones lost) 0.812 / 0.658, 52: the second lost five right figures here; with the
# BTK's and the Zangezur corridor's sections as aliases (three more links here) 0.810 / 0.668, 53
# fourteenth session: fourteen held-out batches (154-180, 209 pages) joined at their first runs (precision 0.44 to 1.00,
# 58 must-not numbers attached among them); the half (565 articles) ends at 0.764 / 0.662, 107 of 1,868 (the session's
# first code on the same pages: 0.762 / 0.669, 112)
# fifteenth session: fourteen held-out batches (182-208, 193 pages) joined at their first runs (precision 0.60 to 0.92,
# 53 must-not numbers attached among them); the half (760 articles) ends at 0.777 / 0.678, 159 of 2,593 (the session's
# first code on the same pages: 0.776 / 0.678, 160)
FLOORS = {"precision": 0.74, "recall": 0.59}
# sixteenth session: batches 210-222 (93 held-out pages) joined at their first runs (see SPLIT.md)
# seventeenth session: batches 224-246 (168 held-out pages) joined at their first runs, 17 must-not numbers attached
# among them; the half (1,021 articles) ends at 0.765 / 0.646, 199 of 3,421
# eighteenth session: batches 248-276 (210 held-out pages) joined at their first runs, 27 must-not numbers attached
# among them (735 listed); the half (1,231 articles) ends at 0.756 / 0.614, 230 of 4,156 (the session's first code on
# the same pages: 0.758 / 0.613, 226)
# nineteenth session: batches 278-284 (56 held-out pages) joined at their first runs, 6 must-not numbers attached
# among them (164 listed); the half (1,287 articles) at 0.752 / 0.611, 236 of 4,320; batches 286-292 (56 more) at
# theirs (cee930e), 13 attached of 233 listed: 1,343 articles at 0.754 / 0.614, 248 of 4,553; batches 294-300 (56
# more) at theirs (ddf3fe4), 14 attached of 263 listed: 1,399 articles at 0.751 / 0.6095, 260 of 4,816 (the recall
# floor goes down to 0.60 with them)
# twentieth session: batches 302-308 (56 held-out pages) joined at their first runs (5510f98), 8 must-not numbers
# attached among them (241 listed): 1,455 articles at 0.748 / 0.611, 268 of 5,057 (the precision floor goes down to
# 0.74 with them); batches 310-316 (56 more) at theirs (d864580), 7 attached of 229 listed: 1,511 articles at 0.746 /
# 0.610, 275 of 5,286; batches 318-324 (55 more) at theirs (0eebc92), 3 attached of 174 listed: 1,566 articles at
# 0.750 / 0.609, 277 of 5,460; batch 332 (14 more) at its first run (9495193), 2 attached of 63 listed: 1,580 articles
# at 0.751 / 0.606, 279 of 5,523
# twenty-first session: batches 326, 328, 330 and 334 (56 held-out pages) joined at their first runs (ffbbfc7), 7
# must-not numbers attached among them (170 listed): 1,636 articles at 0.749 / 0.605, 286 of 5,693; batches 336,
# 338, 340 and 342 (56 more) at theirs (a73b8e7), 10 attached of 193 listed: 1,692 articles at 0.747 / 0.603, 299 of
# 5,886; batches 344, 346, 348 and 350 (56 more) at theirs (f4c32b9), 13 attached of 201 listed: 1,748 articles at
# 0.743 / 0.606, 312 of 6,087 (313 with the rules of 7f19455); the session's rules on the same 1,748 articles
# (ffbbfc7 -> its last code): 0.744 / 0.604, 309 -> 0.746 / 0.606, 307
# twenty-second session: batches 360-382 (even numbers but 376; 154 held-out pages) joined at their first runs
# (61ac4e8, ec9e310, 5eb7da9), 38 must-not numbers attached among them (761 listed): 1,948 articles at the session's
# first code 0.743 / 0.593, 346 of 6,848 (the recall floor goes down to 0.59 with them); the session's rules on the
# same articles: 0.747 / 0.593, 336
MUST_NOT_ATTACHED_AT_MOST = 336


def test_the_test_half_does_not_fall():
    score = real_figures.score("test")
    assert score.gold > 150, "the test half's gold figures are missing"
    assert score.precision >= FLOORS["precision"], score.line("test")
    assert score.recall >= FLOORS["recall"], score.line("test")
    assert score.attached <= MUST_NOT_ATTACHED_AT_MOST, score.line("test")
