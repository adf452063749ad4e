"""The real app in a real browser, for the browser tests and the app benchmark: `streamlit run` on a
free local port, and Debian's Chromium driven by Playwright (never `playwright install`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent  # tests/ sits in the checkout
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach outside hosts on this closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning']"
MAP = ".st-key-map .js-plotly-plot .geolayer"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class AppServer:
    """`streamlit run SCRIPT` with the given environment; `start()` returns once it answers health."""

    def __init__(self, folder: Path, env: dict[str, str], script: Path = REPO_DIR / "app.py") -> None:
        self.folder = folder
        self.env = env
        self.script = script
        self.process: subprocess.Popen | None = None
        self.url = ""

    @property
    def log_path(self) -> Path:
        return self.folder / "streamlit.log"

    def start(self, timeout_s: float = 120) -> float:
        """Start the server; return the `time.perf_counter()` at which it was started."""
        self.folder.mkdir(parents=True, exist_ok=True)
        port = free_port()
        env = {**os.environ, **self.env}
        env.pop("DASHBOARD_DEBUG", None)
        self.url = f"http://127.0.0.1:{port}"
        self._log = self.log_path.open("w")
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(self.script),
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
            ],
            cwd=REPO_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return started
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"streamlit did not start:\n{self.log_path.read_text()}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        self.process = None

    def __enter__(self) -> AppServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
