"""Debian's Chromium launched by playwright: one way for the e2e tests and the dashboard bench."""

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (CI runs as root), no GPU, and nothing that reaches beyond loopback.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_chromium(playwright: Any) -> Any:
    """A browser of `sync_playwright()`; fails with the fix when Chromium is not installed."""
    assert CHROMIUM.is_file(), (
        f"{CHROMIUM} is missing: `apt-get install -y chromium` (make test does it)"
    )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
