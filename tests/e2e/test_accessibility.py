"""Every view passes axe-core's WCAG 2 A/AA rules in Chromium, on a desktop and a phone screen,
and `gridla serve` sends the built dashboard compressed with the cache headers it needs."""

import gzip
import re
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest
from playwright.sync_api import Page

from tests.constants import REPO_ROOT
from tests.e2e.conftest import Demo
from tests.e2e.test_dashboard import draw_every_chart, open_view

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
VIEWS = ("overview", "generation", "analysis", "clustering")


def axe_violations(page: Page) -> list[str]:
    """One line per axe violation of the page: rule, impact and the first offending nodes."""
    assert AXE.is_file(), f"{AXE} is missing: `npm ci` in the repository root"
    draw_every_chart(page)  # axe checks the charts too, not their empty boxes
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        "async rules => (await axe.run(document, {runOnly: {type: 'tag', values: rules}}))"
        ".violations",
        RULES,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in found
    ]


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_passes_axe(page: Page, view: str):
    open_view(page, view)
    assert axe_violations(page) == []


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_passes_axe_on_a_phone(browser: Any, demo: Demo, view: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=demo.base_url)
    page = context.new_page()
    try:
        open_view(page, view)
        assert axe_violations(page) == []
    finally:
        context.close()


def fetch(demo: Demo, path: str, encoding: str | None = "gzip") -> tuple[dict[str, str], bytes]:
    headers = {"Accept-Encoding": encoding} if encoding else {}
    with urlopen(Request(f"{demo.base_url}{path}", headers=headers)) as answer:
        return {key.lower(): value for key, value in answer.headers.items()}, answer.read()


def test_hashed_assets_are_immutable_and_compressed(demo: Demo):
    dist = REPO_ROOT / "dashboard" / "dist"
    assets = sorted(path for path in (dist / "assets").iterdir() if path.suffix in (".js", ".css"))
    assert assets, f"no assets in {dist}"
    for asset in assets:
        headers, body = fetch(demo, f"/assets/{asset.name}")
        assert headers["cache-control"] == "public, max-age=31536000, immutable", asset.name
        if asset.stat().st_size >= 1024:  # smaller files gain nothing from gzip
            assert headers["content-encoding"] == "gzip", asset.name
            assert headers["vary"] == "Accept-Encoding"
            assert gzip.decompress(body) == asset.read_bytes()
    largest = max(assets, key=lambda path: path.stat().st_size)
    for refusal in (None, "gzip;q=0, identity", "br"):
        headers, body = fetch(demo, f"/assets/{largest.name}", encoding=refusal)
        assert "content-encoding" not in headers, refusal
        assert body == largest.read_bytes()


@pytest.mark.parametrize("path", ["/", "/config.json"])
def test_the_page_and_its_config_are_revalidated(demo: Demo, path: str):
    headers, _ = fetch(demo, path)
    assert headers["cache-control"] == "no-cache"


def test_api_answers_are_compressed_only_for_clients_that_accept_it(demo: Demo):
    packed_headers, packed = fetch(demo, "/measurements?range=week")
    plain_headers, plain = fetch(demo, "/measurements?range=week", encoding=None)
    assert packed_headers["content-encoding"] == "gzip"
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) / 4
    assert "content-encoding" not in plain_headers
    assert "accept-encoding" in packed_headers["vary"].lower()


def test_the_built_page_loads_only_the_shown_views_code(page: Page):
    """Each view is its own chunk: the Overview does not fetch the Analysis' code."""
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(Path(request.url).name))
    open_view(page, "overview")
    names = [name for name in scripts if name.endswith(".js")]
    assert any(name.startswith("Overview-") for name in names), names
    assert any(name.startswith("recharts-") for name in names), names
    assert not any(name.startswith(("Analysis-", "Clustering-", "Generation-")) for name in names)


COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"


def test_every_chunk_but_the_entry_asks_for_eager_compilation(demo: Demo):
    """The compile hint (vite.config.ts) on the first line of each lazily loaded chunk, where
    Chromium reads it, and not on the entry, whose compile is on the way to the first paint."""
    _, page_html = fetch(demo, "/", encoding=None)
    (entry,) = re.findall(rb'<script type="module"[^>]* src="/?assets/([^"]+\.js)"', page_html)
    assets = REPO_ROOT / "dashboard" / "dist" / "assets"
    chunks = {path.name: path.read_bytes() for path in assets.glob("*.js")}
    assert entry.decode() in chunks, (entry, sorted(chunks))
    assert not chunks.pop(entry.decode()).startswith(COMPILE_HINT)
    assert any(name.startswith("recharts-") for name in chunks), sorted(chunks)
    unhinted = [name for name, code in chunks.items() if not code.startswith(COMPILE_HINT)]
    assert not unhinted
