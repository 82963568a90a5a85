"""The front page in a real browser: headless Chromium (Debian's ``chromium`` and ``chromium-driver``).

Opens the built pack's ``index.html`` from disk, as a reader does, at desktop and at phone size;
checks that every image loads, every local link and anchor resolves, nothing is fetched from the
network and nothing overflows a phone's width; and saves screenshots of both into the pack
(``screenshots/desktop.png``, ``screenshots/phone.png``). ``.ci/run`` installs the browser.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# root in CI (no sandbox), no GPU, and nothing that would reach for the network on its own
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1000"]
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}

# what the page holds once loaded: images, links, anchors, widths
PAGE_STATE = """
const imgs = [...document.images];
return {
  lang: document.documentElement.lang,
  images: imgs.map(i => ({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0})),
  hrefs: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  location: location.href,
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  fontSize: parseFloat(getComputedStyle(document.body).fontSize),
};
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"the browser test needs Debian's Chromium: {', '.join(missing)} not found; "
                    "install it with `apt-get install chromium chromium-driver` (.ci/run does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})   # every request the page makes
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    # an explicit driver: Selenium Manager never runs, so nothing is downloaded
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def open_page(driver, page: Path, phone: bool = False) -> dict:
    """Load ``page`` (at phone size if ``phone``) and return what :data:`PAGE_STATE` reads of it,
    with ``requests``: the address of every request the page made (from the browser's network log)."""
    if phone:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    else:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.get_log("performance")       # drop what came before
    driver.get(page.as_uri())           # returns once the load event fired: every image has loaded or failed
    state = driver.execute_script(PAGE_STATE)
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    state["requests"] = [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"
                         and e["params"].get("documentURL") == page.as_uri()]
    return state


def local_target(pack: Path, href: str) -> Path | None:
    """The file a relative link points to, or ``None`` for a web address, a mail link or an anchor."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https", "mailto") or href.startswith("#"):
        return None
    return (pack / unquote(parts.path)).resolve()


def save_screenshot(driver, path: Path) -> None:
    path.parent.mkdir(exist_ok=True)
    assert driver.save_screenshot(str(path)), path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_front_page_loads_whole_and_offline_and_fits_a_phone(browser, built_pack, lang):
    pack = built_pack(lang)
    page = pack / "index.html"
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    state = open_page(browser, page)

    assert state["lang"] == lang
    # every figure of the pack is on the page, and every image loaded
    figures = {f"{f}.png" for run in manifest["runs"] for f in run.get("figures", []) if (pack / f"{f}.json").exists()}
    assert figures and figures <= {unquote(i["src"]) for i in state["images"]}
    broken = [i["src"] for i in state["images"] if not i["ok"]]
    assert not broken, f"images that did not load: {broken}"
    # every local link is a file of the pack; every anchor has its target
    targets = {href: local_target(pack, href) for href in state["hrefs"]}
    missing = [h for h, p in targets.items() if p is not None and not (p.is_file() and p.is_relative_to(pack.resolve()))]
    assert not missing, f"local links that lead nowhere in the pack: {missing}"
    anchors = [h for h in state["hrefs"] if h.startswith("#")]
    assert anchors, "the page has no table of contents"
    assert not [h for h in anchors if unquote(h[1:]) not in set(state["ids"])], "anchors without a target"
    # nothing came from the network: the page and everything it loaded are files
    assert state["location"].startswith("file:")
    assert len(state["requests"]) > len(figures)        # the page itself and every image
    assert all(url.startswith("file:") for url in state["requests"]), state["requests"]
    assert state["scrollWidth"] <= state["innerWidth"]
    save_screenshot(browser, pack / "screenshots" / "desktop.png")

    phone = open_page(browser, page, phone=True)
    # the viewport meta tag holds: laid out at the phone's width, not a desktop's 980 px shrunk
    assert phone["innerWidth"] == PHONE["width"]
    assert phone["scrollWidth"] <= phone["innerWidth"], "the page is wider than a phone: it scrolls sideways"
    assert phone["fontSize"] >= 15
    assert not [i["src"] for i in phone["images"] if not i["ok"]]
    assert all(url.startswith("file:") for url in phone["requests"]), phone["requests"]
    save_screenshot(browser, pack / "screenshots" / "phone.png")
    assert (pack / "screenshots" / "desktop.png").stat().st_size > 0
