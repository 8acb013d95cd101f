"""pytest set-up for tests/."""

# Importing the package first installs its import hook: whichever test imports TensorFlow or
# Keras first does so quietly. It does not import TensorFlow itself.
import lstm_course  # noqa: F401

import pytest


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per worker, shared by the browser and site tests.

    Playwright's sync API allows one instance per thread: a second ``sync_playwright()``
    while the first is open fails ("Sync API inside the asyncio loop").
    """
    from helpers import chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
