"""A screenshot of a feature's card with its record (status in the news, the event strip, by the
numbers), as Chromium shows it: `streamlit run` on a free port, Debian's Chromium through Playwright
(the browser tests' harness), nothing fetched from outside.

    .venv/bin/python scripts/screenshot_card.py --seeds tests/pages/record --feature cpc --out docs/record-card.png

`--click-mark N` clicks the strip's N-th mark first (0: the first), so its sentence shows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from harness import MAP, SETTLED, AppServer, launch_chromium  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

STRIP_POINTS = ".st-key-record .js-plotly-plot .scatterlayer path.point"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=REPO / "seeds")
    parser.add_argument("--geodata", type=Path, default=REPO / "geodata")
    parser.add_argument("--feature", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--click-mark", type=int, default=None)
    parser.add_argument("--width", type=int, default=1600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        env = {
            "DASHBOARD_SEEDS": str(args.seeds.resolve()),
            "DASHBOARD_GEODATA": str(args.geodata.resolve()),
            "DASHBOARD_DATA": str(Path(work) / "data"),
        }
        with AppServer(Path(work), env) as app, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            # Tall enough that nothing scrolls: Streamlit scrolls inside its own container, which a
            # full-page screenshot would not follow.
            page = browser.new_page(viewport={"width": args.width, "height": 3000})
            page.goto(f"{app.url}/?feature={args.feature}")
            expect(page.locator(SETTLED)).to_be_attached(timeout=90_000)
            expect(page.locator(MAP)).to_be_attached(timeout=60_000)
            page.get_by_role("tab", name="Event signals").click()  # the record is drawn only when its tab is open
            expect(page.locator(".st-key-record .js-plotly-plot").first).to_be_visible(timeout=60_000)
            if args.click_mark is not None:
                page.locator(STRIP_POINTS).nth(args.click_mark).click(force=True)
                expect(page.locator(".st-key-record [data-testid='stHtml']").first).to_be_visible(timeout=30_000)
                expect(page.locator(SETTLED)).to_be_attached(timeout=60_000)
            page.wait_for_timeout(1500)  # let plotly finish drawing after the last rerun
            card = page.locator("[data-testid='stHtml']:has([data-testid='feature-card'])").bounding_box()
            record = page.locator(".st-key-record").bounding_box()
            top, bottom = card["y"], record["y"] + record["height"]
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=str(args.out),
                clip={"x": card["x"] - 8, "y": top - 8, "width": card["width"] + 16, "height": bottom - top + 16},
            )
            browser.close()
    print(args.out)


if __name__ == "__main__":
    main()
