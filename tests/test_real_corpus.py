"""The real-reporting corpus (tests/pages/real/, issue 21) keeps its scores: links and event tags on
both halves, never below the figures reached (rounded down). The test half is held out: only its
aggregate figures are ever computed into a message, never a case."""

from __future__ import annotations

import functools

import pytest
from real_corpus import score

# half -> (link precision, link recall, wrong senses at most, event precision, event recall)
FLOORS = {  # the figures reached on 5 December 2026 (issue 21), rounded down
    # first run of the code before issue 21: 0.87, 0.97, 22, 0.57, 0.50; the tuning half has 68 more pages since
    # issue 22's figures batch (15 pages) added 5 extra tags and 2 missed, unseen; issue 21's ninth and tenth batches (15 news
    # pages) and the figure pages were tuned on (rules 23-28, two look-alikes)
    # the links4 batch (10 look-alike and spelling pages, 5 December; first run 2 extra links, 3 missed, 1 wrong
    # sense) leaves 1 missed after its rules (links 1.000 / 0.994); with issue 22's round-4 figures batch
    # (11 pages, unseen by the tagger) events fell to P 0.847, R 0.894; issue 21's eleventh batch (8 news pages)
    # first ran at P 0.47 R 0.58 (the whole half 0.820 / 0.875) and was tuned on (rules 29-34): 0.859 / 0.885;
    # the links5 batch (13 look-alike and spelling pages, written for the linker, unseen by the tagger) brings
    # 4 right tags and 2 extra; with the twelfth events batch's rules the half is at 0.854 / 0.888;
    # issue 22's round-5 figures batch (11 pages, unseen by the linker and tagger: 1 link missed, 3 extra tags,
    # 2 missed) with the rest: links 1.000 / 0.995, events 0.851 / 0.8798
    # the thirteenth (events5, 11 news pages) first ran at P 0.67 R 0.67 (the half, 209 pages, 0.840 / 0.871),
    # rules 41-47: 0.868 / 0.876
    # 6 December (sixth session): eight batches (104 pages) written and annotated before any code ran on them first
    # ran at events P 0.69 / 0.62 / 0.22 / 0.56 / 0.60 / 0.82 / 0.67 / 0.10 (the last four after earlier ones were
    # tuned on); with rules 49-62 the half (316 pages) is at 0.805 / 0.834, its 212 older pages at 0.884 / 0.884
    # seventh session: batches 97 (17 news pages) and 98 (15 figure and trap pages) first ran at events P 0.41 R 0.47
    # and 0.67 / 0.75, links 3 missed and 2 wrong senses; with rules 63-66 they are at 0.62 / 0.78 with no wrong
    # sense, the 316 older pages at 0.807 / 0.834, the half (348 pages) at 0.792 / 0.831; batch 99 (12 pages of
    # news with figures) first ran with those rules at 0.67 / 0.73, links R 0.81 ("Kuruk", "стройка" taught):
    # the half (360 pages) is at 0.791 / 0.830 with the rail 'between' cue
    # tenth session: batches 100-101 (31 pages) first ran at 0.47 / 0.88 and 0.69 / 0.69, tuned on (rules 67-70):
    # the half (391 pages) 0.789 / 0.832, no wrong sense; batches 102-103 (31 pages, written after) first ran at
    # 0.52 / 0.78 and 0.55 / 0.33 with 4 wrong senses; with rules 71-73 the half (422 pages) is at 0.773 / 0.808,
    # one wrong sense left ("the Aktau Seaport SEZ", a zone named for the port, read by an unambiguous alias);
    # batches 104-105 (31 pages) first ran at 0.59 / 0.62 and 0.75 / 1.00 with 4 wrong senses; with rules 74-75
    # and stems in every word of a sense cue the half (453 pages) is at 0.769 / 0.805, two wrong senses (a city
    # digest's headline "Новороссийск и побережье", a dateline "AKTAU.": read as a city, it cost the test half a figure)
    # batches 106 (analyses) and 107 (Russian news) first ran at 0.29 / 0.56 and 0.53 / 0.64; with rules 76-77 the
    # half (478 pages) is at 0.749 / 0.797, links 0.996 / 0.981 with three wrong senses (Constanța as a cable's
    # landing point added; the cue that fixed it cost the test half two right links)
    # batches 108-110 (37 pages) first ran at 0.46 / 0.60, 0.50 / 0.40 and 0.40 / 0.33: the half (515 pages) 0.738 / 0.784
    # batch 111 (8 pages of analyses, not tuned on: 1 link missed, "no gas pipeline across the Caspian")
    # batches 112-113 (28 pages, Trend, Interfax, Kommersant and Central Asian outlets) first ran at 0.69 / 0.73 and
    # 0.58 / 0.64 with three wrong senses; with rules 80-83 the half (551 pages) is at 0.740 / 0.777, four wrong senses
    # (Poti inside a proposed corridor's name «Китай – Казахстан – Актау – Баку – Поти – Европа» is the new one)
    # batches 114-115 (28 pages) first ran at 0.56 / 0.69 and 0.52 / 0.85, links 0.905 / 0.905 and 0.935 / 0.935 with
    # four wrong senses; with rules 84-88 and the ports' new cues the half (579 pages) is at 0.730 / 0.782, five wrong
    # senses ("the Azerbaijani port of Baku" as a Kashagan cargo's destination is the new one)
    # batches 116-117 (28 pages: Russian news from Kazakh outlets, English news from Georgian and Turkish ones) first
    # ran at 0.41 / 0.70 and 0.29 / 0.80 (plans and attacks their annotators do not tag); with rules 95-96 the half
    # (607 pages) is at 0.719 / 0.787, six wrong senses (a Chinese terminal "в Хоргосе" is the new one)
    # batches 120-121 (28 pages, twelfth session) first ran at 0.72 / 0.72 and 0.60 / 0.82, links 1.000 / 0.952 and
    # 1.000 / 1.000; with rules 100-102 the half (635 pages) is at 0.720 / 0.788, six wrong senses; batches 123-124
    # (28 pages) first ran at 0.29 / 0.67 and 0.78 / 0.66; with rules 103-106 the half (663 pages) is at 0.717 / 0.789;
    # batches 126-127 (28 pages) first ran at 0.38 / 0.60 and 0.31 / 0.57 with four wrong senses; with rules 107-109 the
    # half (691 pages) is at 0.709 / 0.785, links 0.992 / 0.983 with eight wrong senses; batch 129 first ran at 0.64 /
    # 0.58; with rules 110-111 the half (705 pages) is at 0.710 / 0.782; batch 130 first ran at 0.82 / 0.70 with one
    # wrong sense; with rule 112 the half (719 pages) is at 0.715 / 0.784, links 0.992 / 0.983 with nine wrong senses;
    # batch 132 (analyses) first ran at 0.53 / 0.42; with rules 113-118 the half (733 pages) is at 0.725 / 0.778;
    # batch 134 first ran at 0.40 / 0.50; with rule 119 the half (747 pages) is at 0.723 / 0.775
    # thirteenth session: batches 137-138 (28 pages) first ran at 0.47 / 0.82 and 0.67 / 1.00, links 0.926 / 0.962 and
    # 0.950 / 1.000 with three wrong senses; with rules 120-125 the half (775 pages) is at 0.725 / 0.777, nine wrong senses
    # batches 140-141 (28 pages) first ran at 0.55 / 0.86 and 0.45 / 0.50 with two wrong senses; with rules 126-130
    # the half (803 pages) is at 0.731 / 0.771, links 0.993 / 0.980, nine wrong senses
    # batches 143-144 (28 pages) first ran at 0.79 / 0.85 and 0.25 / 0.50, 146-147 (27 pages) at 0.57 / 0.57 and 0.62 /
    # 0.50; with rules 131-136 the half (858 pages) is at 0.730 / 0.770, links 0.993 / 0.979, nine wrong senses
    # batches 149-150 (28 pages) first ran at 0.33 / 0.63 and 0.36 / 0.57 with three wrong senses; with rules 137-140
    # the half (886 pages) is at 0.723 / 0.769, links 0.993 / 0.978, nine wrong senses
    # fourteenth session: fifteen batches (152-179, 220 pages) first ran at events P 0.43, 0.57, 0.56, 0.24, 0.45, 0.60,
    # 0.33, 0.50, 0.00, 0.00, 0.50, 0.29, 0.50, 0.33, 0.40 with ten wrong senses among them; with rules 150-170 and
    # their links the half (1,106 pages) is at links 0.993 / 0.981 with twelve wrong senses, events 0.702 / 0.792 (the
    # session's first code on the same pages: 0.989 / 0.978, 19, events 0.675 / 0.779)
    # fifteenth session: fourteen batches (181-207, odd numbers, 187 pages) first ran at events P 0.63, 0.62, 0.68,
    # 0.20, 0.65, 0.57, 0.60, 0.60, 0.09, 0.20, 0.50, 0.60, 0.23, 0.42 with eleven wrong senses among them; with rules
    # 171-185 and their links the half (1,293 pages) is at links 0.991 / 0.980 with 19 wrong senses, events 0.695 /
    # 0.793 (the session's first code on the same pages: 0.989 / 0.979, 23, events 0.673 / 0.783)
    # sixteenth session: batches 209-221 (odd numbers, 97 pages) joined at their first runs (see SPLIT.md)
    # seventeenth session: batches 223-245 (odd numbers, 168 pages) joined at their first runs, ten wrong senses
    # among them; the half (1,558 pages) ends at links 0.986 / 0.978, 34 wrong senses, events 0.681 / 0.775
    # eighteenth session: batches 247-275 (odd numbers, 210 pages) first ran at link recall 0.74 to 1.00 (median 0.89),
    # 17 wrong senses among them, events P 0.00 to 1.00 (median 0.50); tuned on (rules 190-193 and the aliases and
    # cues of SPLIT.md's paragraphs), the half (1,768 pages) ends at 0.986 / 0.975, 38 wrong senses, events 0.672 /
    # 0.765 (the session's first code on the same pages: 0.981 / 0.968, 51, events 0.670 / 0.752)
    # nineteenth session: batches 277-283 (odd numbers, 56 pages) joined at their first runs (link recall 0.73 to
    # 1.00, 9 wrong senses among them, events P 0.00 to 0.67): the half (1,824 pages) at 0.983 / 0.973, 47 wrong
    # senses, events 0.668 / 0.759; with rules 194-195 (cee930e) batches 285-291 (56 pages) joined at their first
    # runs (link recall 0.64 to 1.00, 5 wrong senses among them, events P 0.00 to 0.50): 1,880 pages at 0.983 /
    # 0.971, 48 wrong senses, events 0.665 / 0.752; with the rules of cdc8ff3 and ddf3fe4 batches 293-299 (56 pages)
    # joined at their first runs (link recall 0.90 to 1.00, 5 wrong senses among them, events P 0.67 to 1.00):
    # 1,936 pages at 0.982 / 0.972, 51 wrong senses, events 0.670 / 0.751
    # the session's rules on the same pages: 0.980 / 0.970, 57 -> 0.982 / 0.974, 51, events 0.665 / 0.752 -> 0.672 / 0.751
    # twentieth session: batches 301-307 (odd numbers, 56 pages) joined at their first runs (5510f98: link recall 0.81
    # to 1.00, 5 wrong senses among them, events P 0.00 to 0.60): the half (1,992 pages) at 0.981 / 0.972, 56 wrong
    # senses, events 0.668 / 0.749; with the rules of d864580 batches 309-315 (56 pages) joined at their first runs
    # (link recall 0.85 to 1.00, 6 wrong senses among them, events P 0.13 to 0.80): 2,048 pages at 0.980 (0.9798) /
    # 0.972, 61 wrong senses, events 0.663 / 0.747; with the rules of 0eebc92 batches 317-323 (56 pages) joined at
    # their first runs (link recall 0.70 to 0.93, 4 wrong senses among them, events P 0.14 to 0.40), and one page of
    # batch 320 moved here from the test half (The Media Line goes by "Media": tuning): 2,105 pages at 0.981 / 0.968,
    # 58 wrong senses, events 0.658 / 0.742; with the rules of 9495193 batch 331 (14 pages; the search budget ran out
    # before batches 325-329 were written) joined at its first run (link recall 0.89, one wrong sense, events P 0.33):
    # 2,119 pages at 0.981 / 0.971, 59 wrong senses, events 0.659 / 0.742; the session's rules on the same pages
    # (d8b81af -> its last code): 0.978 / 0.966, 67 -> 0.981 / 0.973, 58, events 0.655 / 0.739 -> 0.658 / 0.743
    # twenty-first session: batches 325, 327, 329 and 333 (56 pages) joined at their first runs (ffbbfc7: link recall
    # 0.75 to 0.86, 4 wrong senses among them, events P 0.00 to 0.75): the half (2,175 pages) at 0.980 / 0.969, 62
    # wrong senses, events 0.656 / 0.736 (the events recall floor goes down to 0.73 with them); with the rules of
    # a73b8e7 batches 335, 337, 339 and 341 (56 pages) joined at their first runs (link recall 0.91 to 1.00, 4 wrong
    # senses among them, events P 0.00 to 0.50): 2,231 pages at 0.981 / 0.972, 63 wrong senses, events 0.650 (0.6496)
    # / 0.733 (the events precision floor goes down to 0.64 with them); with the rules of f4c32b9 batches 343, 345, 347
    # and 349 (56 pages) joined at their first runs (link recall 0.88 to 1.00, 8 wrong senses among them, events P
    # 0.18 to 1.00): 2,287 pages at 0.979 / 0.972, 70 wrong senses, events 0.645 / 0.724 (the events recall floor
    # goes down to 0.72 with them); the session's rules on the same 2,287 pages (ffbbfc7 -> its last code): 0.978 /
    # 0.969, 74 -> 0.981 / 0.976, 64, events 0.646 / 0.723 -> 0.645 / 0.727
    # twenty-second session: batches 359-381 (odd numbers, 167 pages) joined at their first runs (61ac4e8, ec9e310,
    # 5eb7da9: link recall 0.60 to 1.00, median 0.95, 15 wrong senses among them, events P 0.20 to 0.78); the
    # session's rules on the same 2,454 pages (61ac4e8 -> its last code): 0.978 / 0.972, 79 -> 0.980 / 0.977, 69,
    # events 0.634 / 0.718 -> 0.643 / 0.722
    "tune": (0.97, 0.96, 69, 0.64, 0.72),
    # eleventh session 0.613 / 0.671; then batches 118-119 (28 held-out pages) joined it at their first run: links
    # 0.967 / 0.946 with 6 wrong senses (4 from batch 119), events 0.584 / 0.702; batch 122 (14 held-out pages,
    # twelfth session) at its first run: links 0.966 / 0.952 with 7 wrong senses, events 0.565 / 0.692; batch 125 (14
    # held-out pages, no wrong sense at its first run) and rules 103-106: 0.969 / 0.956, 7, events 0.577 / 0.695;
    # batch 128 (14 held-out pages) at its first run, with rules 107-109: 0.968 / 0.960, 8, events 0.590 / 0.705;
    # batch 131 (14 more, first run 0.966 / 0.966 with one wrong sense, events 1.000 / 0.867) and rules 110-111: the
    # half (151 pages, 216 articles) at 0.968 / 0.961, 9 wrong senses, events 0.620 / 0.721; batch 133 (14 more, first
    # run 1.000 / 0.920, events 0.588 / 0.714) and rule 112: 165 pages at 0.970 / 0.958, 9, events 0.617 / 0.720;
    # batch 135 (14 more, first run 1.000 / 1.000, events 0.556 / 0.714) and rules 113-115: 179 pages at 0.973 /
    # 0.961, 9, events 0.612 / 0.720; batch 136 (14 more, first run 0.917 / 1.000 with 2 wrong senses, events 0.455 /
    # 0.714) and rule 119: 193 pages at 0.969 / 0.964, 11, events 0.607 / 0.720
    # thirteenth session: batch 139 (14 more, first run 0.952 / 0.952 with one wrong sense, events 0.560 / 1.000) and
    # rules 120-125: 207 pages at 0.971 / 0.963, 11, events 0.602 / 0.739; batch 142 (14 more, first run 0.826 / 0.760
    # with three wrong senses, events 0.714 / 0.625) and rules 129-130: 221 pages at 0.962 / 0.950, 14, 0.608 / 0.731;
    # batches 145 and 148 (28 more, first runs 1.000 / 0.967 and 0.950 / 1.000 with one wrong sense, events 0.562 /
    # 0.750 and 0.636 / 0.583) and rules 131-136: 249 pages at 0.964 / 0.954, 15, events 0.610 / 0.733
    # batch 151 (14 more, first run 0.968 / 0.968 with one wrong sense, events 0.538 / 0.875) and rules 137-140: 263
    # pages at 0.964 / 0.954, 16, events 0.607 / 0.737
    # fourteenth session: fourteen held-out batches (154-180, even numbers, 209 pages) joined at their first runs, with
    # eleven wrong senses among them (three in the batch written to be traps) and events P 0.00 to 0.77 (median 0.45);
    # the half (472 pages) ends at links 0.967 / 0.953, 25 wrong senses, events 0.572 / 0.714 (the session's first code
    # on the same pages: 0.963 / 0.955, 28, events 0.574 / 0.725: this session's rules moved it down four right tags)
    # fifteenth session: fourteen held-out batches (182-208, even numbers, 193 pages) joined at their first runs, with
    # eight wrong senses among them (four in the batch written to be traps) and events P 0.00 to 1.00 (median 0.63);
    # the half (665 pages) ends at links 0.970 / 0.956, 31 wrong senses, events 0.594 / 0.722 (the session's first
    # code on the same pages: 0.967 / 0.956, 34, events 0.585 / 0.718)
    # sixteenth session: batches 210-222 (even numbers, 93 pages) joined at their first runs (see SPLIT.md)
    # seventeenth session: batches 224-246 (even numbers, 168 pages) joined at their first runs, fifteen wrong senses
    # among them; the half (926 pages) ends at links 0.962 / 0.940, 51 wrong senses, events 0.594 / 0.705
    # eighteenth session: batches 248-276 (even numbers, 210 pages) joined at their first runs: link recall 0.56 to
    # 0.93 (median 0.80), 15 wrong senses among them, events P 0.00 to 1.00 (median 0.50); the half (1,136 pages)
    # ends at links 0.958 / 0.924, 65 wrong senses, events 0.581 / 0.683 (the session's first code on the same pages:
    # 0.957 / 0.920, 66, events 0.585 / 0.680)
    # nineteenth session: batches 278-284 (even numbers, 56 pages) joined at their first runs (link recall 0.67 to
    # 0.80, 2 wrong senses among them, events P 0.25 to 0.88): the half (1,192 pages) at 0.958 / 0.918, 67 wrong
    # senses, events 0.583 / 0.675; batches 286-292 (56 pages) joined at their first runs (cee930e: link recall 0.64
    # to 1.00, 4 wrong senses among them, events P 0.00 to 0.67): 1,248 pages at 0.958 / 0.917, 69 wrong senses,
    # events 0.583 / 0.666; batches 294-300 (56 pages) joined at their first runs (ddf3fe4: link recall 0.73 to
    # 1.00, 2 wrong senses among them, events P 0.00 to 0.68): 1,304 pages at 0.958 / 0.920, 71 wrong senses,
    # events 0.584 / 0.667
    # the session's rules (bf1a1f5 -> its last code) on the same 1,304 pages: 0.956 / 0.917, 74 -> 0.958 / 0.923, 71,
    # events 0.581 / 0.669 -> 0.584 / 0.666
    # twentieth session: batches 302-308 (even numbers, 56 pages) joined at their first runs (5510f98: link recall 0.84
    # to 1.00, 6 wrong senses among them, events P 0.29 to 1.00): the half (1,360 pages) at 0.956 / 0.923, 77 wrong
    # senses, events 0.584 / 0.665; batches 310-316 (56 pages) joined at their first runs (d864580: link recall 0.83
    # to 0.96, 6 wrong senses among them, events P 0.00 to 1.00): 1,416 pages at 0.955 / 0.924, 83 wrong senses,
    # events 0.580 (0.5796) / 0.663; batches 318-324 (55 pages) joined at their first runs (0eebc92: link recall 0.69
    # to 1.00, 2 wrong senses among them, events P 0.17 to 0.50): 1,471 pages at 0.956 / 0.920 (0.91998), 83 wrong
    # senses, events 0.572 / 0.656; batch 332 (14 pages; 326-330 were never written) joined at its first run
    # (9495193: link recall 0.82, one wrong sense, events P 0.43): 1,485 pages at 0.956 / 0.919, 84 wrong senses,
    # events 0.572 / 0.656; the session's rules on the same 1,485 pages (d8b81af -> its last code): 0.955 / 0.918, 85
    # -> 0.956 / 0.921, 83, events 0.572 / 0.656 -> 0.574 / 0.656
    # twenty-first session: batches 326, 328, 330 and 334 (56 pages) joined at their first runs (ffbbfc7: link recall
    # 0.73 to 0.95, 2 wrong senses among them, events P 0.00 to 0.92): 1,541 pages at 0.956 / 0.919, 85 wrong senses,
    # events 0.575 / 0.653; batches 336, 338, 340 and 342 (56 pages) joined at theirs (a73b8e7: link recall 0.55 to
    # 1.00, 7 wrong senses among them, events P 0.33 to 1.00): 1,597 pages at 0.955 / 0.920, 91 wrong senses, events
    # 0.575 / 0.653; batches 344, 346, 348 and 350 (56 pages) joined at theirs (f4c32b9, 344 at 7f19455: link recall
    # 0.79 to 1.00, 7 wrong senses among them, events P 0.00 to 0.80): 1,653 pages at 0.954 / 0.918, 97 wrong senses,
    # events 0.574 / 0.650; with the rules of 7f19455 (tuned on batches 343-349 of the tuning half) 0.954 / 0.920, 98
    # wrong senses, events 0.574 / 0.653; the session's rules on the same 1,653 pages (ffbbfc7 -> its last code):
    # 0.953 / 0.917, 99 -> 0.956 / 0.921, 92, events 0.574 / 0.650 -> 0.574 / 0.653
    # twenty-second session: batches 360-382 (even numbers but 376, which the search budget left unwritten; 154 pages)
    # joined at their first runs (61ac4e8, ec9e310, 5eb7da9: link recall 0.73 to 1.00, median 0.91, 5 wrong senses
    # among them, events P 0.00 to 0.82): the half (1,807 pages) at the session's first code 0.958 / 0.919, 97 wrong
    # senses, events 0.572 / 0.647 (the events recall floor goes down to 0.64 with them); the session's rules on the
    # same pages: 0.959 / 0.922, 95, events 0.570 / 0.647
    "test": (0.95, 0.91, 95, 0.57, 0.64),  # first run: 0.93, 0.90, 8, 0.38, 0.37
}


@functools.cache
def scores(half: str):
    return score(half)


@pytest.mark.parametrize("half", sorted(FLOORS))
def test_the_half_keeps_its_scores(half):
    found = scores(half)
    precision, recall, wrong, event_precision, event_recall = FLOORS[half]
    assert not found.corpus_errors or half == "test", "\n".join(found.corpus_errors)
    assert found.link_precision >= precision and found.link_recall >= recall, found.summary()
    assert found.wrong_senses <= wrong, found.summary()
    assert found.event_precision >= event_precision and found.event_recall >= event_recall, found.summary()
