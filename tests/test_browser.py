"""The front page in a real browser: headless Chromium (Debian's ``chromium`` and ``chromium-driver``).

Opens the built pack's ``index.html`` from disk, as a reader does, on a desktop (1366 x 900) and on
a phone (390 px, emulated); checks that every image loads, every local link and anchor resolves,
nothing is fetched from the network and the page never scrolls sideways; that every column of
every table is visible or reached by scrolling inside the table's own box, never hidden under its
pinned first column; and that on the phone every figure is shown at least 360 px wide in its
phone rendering, as sharp as the screen (its PNG's pixels about the shown width times the
device's pixel ratio, where the 2000-px PNG has 2.7 times too many and words 4 px tall). Saves
screenshots into the pack (``screenshots/``: ``desktop.png`` and ``phone.png``, the top of the
page; ``*-headline.png``, the headline table; ``phone-figure.png``, the first figure).
``.ci/run`` installs the browser.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from dtlib.words import i18n

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# root in CI (no sandbox), no GPU, and nothing that would reach for the network on its own
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1366,900"]
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
DESKTOP = {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False}
#: A phone shows a figure at least this wide (CSS px): 390 less the page's margins.
MIN_FIGURE = 360
#: How far an image's pixels may be from the shown width times the device pixel ratio and still be sharp
#: and legible: upscaled by at most a quarter, or at most 1.6 times the pixels needed.
SHARP = (0.75, 1.6)

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
        why = (f"the browser test needs Debian's Chromium: {', '.join(missing)} not found; "
               "install it with `apt-get install chromium chromium-driver` (.ci/run does)")
        # CI (.ci/run sets DTLIB_REQUIRE_BROWSER=1) must run it; a researcher's fresh machine skips it, saying why
        if os.environ.get("DTLIB_REQUIRE_BROWSER") == "1":
            pytest.fail(why)
        pytest.skip(why)
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


# every table: its box, whether the box scrolls, and where each column lands when the box is scrolled to it
TABLES = """
return [...document.querySelectorAll('table')].map((table, k) => {
  const box = table.parentElement;
  const style = getComputedStyle(box);
  const first = table.querySelector('tr > :first-child');
  const heads = [...table.querySelector('tr').children];
  const columns = heads.map((cell, i) => {
    box.scrollLeft = 0;
    const pinned = first.getBoundingClientRect().right;
    // scroll the box so that the column starts just right of the pinned one, as a reader would
    box.scrollLeft = Math.max(0, cell.offsetLeft - (i ? first.offsetWidth : 0));
    const r = cell.getBoundingClientRect(), b = box.getBoundingClientRect();
    const shown = {text: cell.textContent.trim(), left: r.left, right: r.right, boxLeft: b.left, boxRight: b.right,
                   pinnedRight: i ? first.getBoundingClientRect().right : b.left, width: r.width,
                   offsetRight: cell.offsetLeft + cell.offsetWidth};
    box.scrollLeft = 0;
    return shown;
  });
  return {k, isBox: box.classList.contains('scroll'), tabindex: box.getAttribute('tabindex'),
          role: box.getAttribute('role'), label: box.getAttribute('aria-label'), overflowX: style.overflowX,
          scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, boxRight: box.getBoundingClientRect().right,
          position: getComputedStyle(first).position, firstWidth: first.offsetWidth, columns};
});
"""

# every figure's image as shown: which file, its pixels (naturalWidth is in CSS px: the pixels over the density
# its srcset gives), the width it takes on the screen
FIGURES = """
return [...document.querySelectorAll('figure')].map(f => {
  const img = f.querySelector('img'), box = f.querySelector('.pic');
  const chosen = [...f.querySelectorAll('source')].map(s => s.srcset.trim().split(/\\s+/))
    .find(([url]) => new URL(url, document.baseURI).href === img.currentSrc);
  const density = chosen && chosen[1] ? parseFloat(chosen[1]) : 1;
  return {id: f.id, src: img.currentSrc, natural: Math.round(img.naturalWidth * density),
          shown: img.getBoundingClientRect().width,
          boxWidth: box.clientWidth, boxScroll: box.scrollWidth, overflowX: getComputedStyle(box).overflowX,
          ratio: window.devicePixelRatio};
});
"""


def open_page(driver, page: Path, phone: bool = False) -> dict:
    """Load ``page`` at phone size if ``phone``, else at a desktop's 1366 x 900, and return what
    :data:`PAGE_STATE` reads of it, with ``requests``: the address of every request the page made
    (from the browser's network log), ``tables`` (:data:`TABLES`) and ``figures`` (:data:`FIGURES`)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE if phone else DESKTOP)
    driver.get_log("performance")       # drop what came before
    driver.get(page.as_uri())           # returns once the load event fired: every image has loaded or failed
    state = driver.execute_script(PAGE_STATE)
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    state["requests"] = [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"
                         and e["params"].get("documentURL") == page.as_uri()]
    state["tables"] = driver.execute_script(TABLES)
    state["figures"] = driver.execute_script(FIGURES)
    return state


def unreachable_columns(state: dict) -> list[str]:
    """Why a column of a table cannot be seen: its table not in a scrolling box of its own, a box wider than the
    screen or one that cannot scroll, or a column that, scrolled to, stays under the pinned first column or past
    the box's edge. Empty when every column is visible or reached inside its box."""
    problems = []
    for table in state["tables"]:
        where = f"table {table['k'] + 1} ({table['label']!r})"
        if not table["isBox"] or table["tabindex"] != "0" or table["role"] != "region" or not table["label"]:
            problems.append(f"{where}: not in a focusable, named scrolling box")
        if table["boxRight"] > state["innerWidth"] + 1:
            problems.append(f"{where}: its box runs past the screen")
        if table["scrollWidth"] > table["clientWidth"] + 1 and table["overflowX"] not in ("auto", "scroll"):
            problems.append(f"{where}: wider than its box, which does not scroll")
        if table["position"] != "sticky":
            problems.append(f"{where}: the first column is not pinned")
        if table["firstWidth"] > 0.6 * table["clientWidth"]:
            problems.append(f"{where}: the pinned column leaves no room for the others")
        for column in table["columns"]:
            if column["offsetRight"] > table["scrollWidth"] + 1:
                problems.append(f"{where}, column {column['text']!r}: beyond what the box scrolls to")
            if column["left"] < column["pinnedRight"] - 1 or column["left"] >= column["boxRight"] - 8:
                problems.append(f"{where}, column {column['text']!r}: hidden when scrolled to "
                                f"({column['left']:.0f}–{column['right']:.0f} px, box to {column['boxRight']:.0f})")
    return problems


def illegible_figures(state: dict) -> list[str]:
    """The figures a phone shows narrower than :data:`MIN_FIGURE`, not in their phone rendering, or with too
    few or too many pixels for their size on the screen (:data:`SHARP`)."""
    problems = []
    for figure in state["figures"]:
        pixels = figure["natural"] / (figure["shown"] * figure["ratio"]) if figure["shown"] else 0
        if figure["shown"] < MIN_FIGURE:
            problems.append(f"{figure['id']}: shown {figure['shown']:.0f} px wide")
        if "/phone/" not in figure["src"] and not figure["src"].endswith(".svg"):
            problems.append(f"{figure['id']}: shows {figure['src'].rsplit('/', 1)[-1]}, not its phone rendering")
        if not SHARP[0] <= pixels <= SHARP[1]:
            problems.append(f"{figure['id']}: {figure['natural']} px shown {figure['shown']:.0f} px wide at "
                            f"{figure['ratio']}x ({pixels:.2f} the pixels the screen needs)")
        if figure["boxScroll"] > figure["boxWidth"] + 1 and figure["overflowX"] not in ("auto", "scroll"):
            problems.append(f"{figure['id']}: wider than the screen, in a box that does not scroll")
    return problems


def screenshot_at(driver, path: Path, selector: str) -> None:
    """Scroll the element ``selector`` to the top of the screen and save a screenshot at ``path``."""
    driver.execute_script("document.querySelector(arguments[0]).scrollIntoView()", selector)
    save_screenshot(driver, path)


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
    # on a desktop's 1366 px: the page does not scroll sideways, and every column of every table is in view or
    # reached in its own box; each figure shows its full-size PNG, and opens it
    assert state["innerWidth"] == DESKTOP["width"]
    assert state["scrollWidth"] <= state["innerWidth"]
    headline = next(table for table in state["tables"] if table["label"] == i18n.t("nb.headline.title", lang))
    assert len(headline["columns"]) > 2 and len(state["tables"]) >= 2
    assert not unreachable_columns(state), unreachable_columns(state)
    assert headline["scrollWidth"] <= headline["clientWidth"] + 1, "the headline table does not fit a desktop"
    assert {f["id"] for f in state["figures"]} == {unquote(f)[:-4] for f in figures}
    assert all("/phone/" not in f["src"] for f in state["figures"])
    assert {f"{f['id']}.png" for f in state["figures"]} <= {unquote(h) for h in state["hrefs"]}
    save_screenshot(browser, pack / "screenshots" / "desktop.png")
    screenshot_at(browser, pack / "screenshots" / "desktop-headline.png", "#headline")

    phone = open_page(browser, page, phone=True)
    # the viewport meta tag holds: laid out at the phone's width, not a desktop's 980 px shrunk
    assert phone["innerWidth"] == PHONE["width"]
    assert phone["scrollWidth"] <= phone["innerWidth"], "the page is wider than a phone: it scrolls sideways"
    assert phone["fontSize"] >= 15
    assert not [i["src"] for i in phone["images"] if not i["ok"]]
    assert all(url.startswith("file:") for url in phone["requests"]), phone["requests"]
    # every column reached inside its box (the headline's five provinces do not fit 390 px: its box scrolls)
    assert not unreachable_columns(phone), unreachable_columns(phone)
    headline = next(table for table in phone["tables"] if table["label"] == i18n.t("nb.headline.title", lang))
    assert headline["scrollWidth"] > headline["clientWidth"]
    # every figure in its phone rendering, at least 360 px wide and as sharp as the screen
    assert len(phone["figures"]) == len(figures)
    assert not illegible_figures(phone), illegible_figures(phone)
    save_screenshot(browser, pack / "screenshots" / "phone.png")
    screenshot_at(browser, pack / "screenshots" / "phone-headline.png", "#headline")
    screenshot_at(browser, pack / "screenshots" / "phone-figure.png", "figure")
    assert (pack / "screenshots" / "desktop.png").stat().st_size > 0
