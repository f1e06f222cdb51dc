"""Shared test fixtures.

``browser_page``: a real headless Chromium page (via playwright, using the
system's /usr/bin/chromium, never a downloaded browser) that lets the browser
load only the files a test allows and records every other request it
attempted (and aborts it), plus every console error and uncaught page error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory) -> Iterator[None]:
    """Keep the gazetteer's index cache of a test run out of the user's ~/.cache."""
    previous = os.environ.get("GEOMAP_CACHE_DIR")
    os.environ["GEOMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("geomap-cache"))
    yield
    if previous is None:
        os.environ.pop("GEOMAP_CACHE_DIR", None)
    else:
        os.environ["GEOMAP_CACHE_DIR"] = previous

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class BrowserPage:
    """A playwright page that may load only allowed URLs; everything else is recorded and aborted.

    Attributes
    ----------
    page:
        The playwright ``Page``.
    attempted:
        URLs of requests the page tried to make that were not allowed.
    errors:
        Console errors and uncaught exceptions, as text.
    """

    def __init__(self, page) -> None:  # page: playwright.sync_api.Page
        self.page = page
        self.allowed: set[str] = set()
        self.attempted: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _route(self, route) -> None:
        if route.request.url in self.allowed:
            route.continue_()
        else:
            self._record(route.request.url)
            route.abort()

    def _on_request(self, request) -> None:
        # A second net: requests that bypass routing (other than data: URIs) are recorded too.
        if request.url not in self.allowed and not request.url.startswith("data:"):
            self._record(request.url)

    def _record(self, url: str) -> None:
        if url not in self.attempted:
            self.attempted.append(url)

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self.errors.append(f"console.{msg.type}: {msg.text}")

    def open_file(self, path: str | os.PathLike[str], settle_ms: int = 300) -> str:
        """Allow and load a local file by its file:// URL; return the URL."""
        url = Path(path).resolve().as_uri()
        self.allowed.add(url)
        self.page.goto(url, wait_until="load")
        if settle_ms:
            self.page.wait_for_timeout(settle_ms)
        return url

    def assert_clean(self) -> None:
        """Fail if any request was attempted or any error reported."""
        assert not self.attempted, f"network requests attempted: {self.attempted}"
        assert not self.errors, f"browser errors: {self.errors}"


@pytest.fixture(scope="session")
def _chromium():
    """One headless system Chromium for the session (skips when it is not installed)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def browser_page(_chromium) -> Iterator[BrowserPage]:
    """A fresh page (1280×800) in its own context, guarded as :class:`BrowserPage` describes."""
    context = _chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        yield BrowserPage(context.new_page())
    finally:
        context.close()
