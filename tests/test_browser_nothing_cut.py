"""Nothing cut (issue 40): every page at the sizes its users have (a projector in talk mode at
1280x720 and 1920x1080, a laptop at 1366x768, a phone at 390x844), in Korean too (issue 44), and
no text whose box cuts it: no element whose content is wider than a box that hides the rest or
ends it in an ellipsis. ("T-shirt/top" showed as "T-shirt…" on Classify and on the phone.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from components.plain_text import unbroken
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.i18n import translations
from model_store import BUNDLED_ROOT
from tools.app_driver import wait_for_the_script
from tools.app_server import streamlit_server
from tools.screenshots import PHONE, TALK, on_photo

pytestmark = pytest.mark.browser
SIZES = {
    "talk 1280x720": (TALK, True),
    "talk 1920x1080": ({"viewport": {"width": 1920, "height": 1080}}, True),
    "laptop 1366x768": ({"viewport": {"width": 1366, "height": 768}}, False),
    "phone 390x844": (PHONE, False),
}
BUNDLED_NAMES = [folder.name for folder in BUNDLED_ROOT.iterdir() if folder.is_dir()]
KOREAN_CLASS_NAMES = [translations("ko").gettext(name) for name in CLASS_NAMES]
WORDS = {word for name in [*CLASS_NAMES, *KOREAN_CLASS_NAMES, *BUNDLED_NAMES] for word in name.split()}
NAMES = sorted(WORDS | {unbroken(word) for word in WORDS}, key=len)[::-1]  # as shown, joined or not
# Korean at the three sizes its issue (44) names: its strings are of other lengths
IN_KOREAN = ("talk 1280x720", "laptop 1366x768", "phone 390x844")
# (Korean leaves out the uploaded photo: the heaviest page, its texts those of classify, and the
# other worker's canvas tests starved on 2 cores while it ran three times)
PAGES = ("train", "inside", "learned", "classify", "classify-photo", "compare", "models", "room", "play")
KOREAN_PAGES = tuple(path for path in PAGES if path != "classify-photo")
# Each element with text of its own, shown (not an icon's ligature, not a screen reader's link),
# whose box (or a box up to four levels above it) hides what overflows it or ends it in an
# ellipsis, while its content is wider than that box.
CUT_TEXT = """() => {
  const clips = (style) => ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
  const cut = [];
  for (const element of document.querySelectorAll("[data-testid=stApp] *")) {
    if (element.closest("[data-testid=stSidebar][aria-expanded=false]")) continue;
    const own = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    const box = element.getBoundingClientRect();
    if (!own || box.width <= 1 || box.height <= 1) continue;  // a screen reader's only: "Skip to..."
    if (element.closest("[data-testid=stIconMaterial], [data-testid=stSkipToContent]")) continue;
    let holder = element;
    for (let depth = 0; holder && depth < 5; depth++, holder = holder.parentElement) {
      const wider = holder.scrollWidth > holder.clientWidth + 1;
      if (holder.clientWidth > 0 && wider && clips(getComputedStyle(holder))) {
        const where = element.closest("[data-testid]")?.dataset.testid;
        cut.push(`${where}: "${element.textContent.trim().slice(0, 60)}"`);
        break;
      }
    }
  }
  return [...new Set(cut)];
}"""


# Each occurrence of a name (a word of it: "Ankle boot" may wrap at its space) laid out on more
# than one line: "T-shirt/top" wrapped as "T-/shirt/top" in the heatmaps' captions.
BROKEN_NAMES = """(names) => {
  const broken = [];
  const app = document.querySelector("[data-testid=stApp]");
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const name of names) {
      for (let at = node.textContent.indexOf(name); at >= 0; at = node.textContent.indexOf(name, at + 1)) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + name.length);
        const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
        if (new Set(rects.map((rect) => Math.round(rect.top))).size > 1) {
          const where = node.parentElement.closest("[data-testid]")?.dataset.testid;
          broken.push(`${where}: "${name}" in "${node.textContent.trim().slice(0, 80)}"`);
        }
      }
    }
  }
  return [...new Set(broken)];
}"""


@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory, dataset):
    """Only what ships in model_store/bundled: the names a talk shows."""
    root = tmp_path_factory.mktemp("nothing-cut")
    settings = {"FASHION_LAB_BUNDLED": str(BUNDLED_ROOT), "FASHION_LAB_DATA": str(root / "room")}
    with streamlit_server(root / "models", **settings) as url:
        yield url


def show(page: Page, url: str, path: str, talk: bool, language: str = "en") -> None:
    """Open the page in ``language`` and wait until its script has run; Classify with a test image
    answered, and with a photo (its models have the longest names)."""
    say = translations(language).gettext
    if path == "classify-photo":
        on_photo(page, url, talk, language=language)
        wait_for_the_script(page, timeout=120_000)
        return
    asked = [f"lang={language}"] + (["talk=1"] if talk and path != "play" else [])
    where = "" if path == "train" else path  # Train is the app's "/"
    page.goto(f"{url}/{where}?{'&'.join(asked)}")
    wait_for_the_script(page, timeout=120_000)
    if path == "classify":
        page.get_by_text(say("Test image"), exact=True).click()
        expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=60_000)
        wait_for_the_script(page, timeout=120_000)
    if path == "compare":  # the four models of equal budgets: the longest names side by side
        page.get_by_role("button", name=say("Equal budgets")).click()
        expect(page.get_by_text("bundled-dense-wide", exact=True).first).to_be_visible(timeout=60_000)
        wait_for_the_script(page, timeout=120_000)


@pytest.mark.parametrize(
    "size, language", [(size, "en") for size in SIZES] + [(size, "ko") for size in IN_KOREAN]
)
def test_no_page_cuts_a_name(browser: Browser, fresh_install, size, language):
    context_options, talk = SIZES[size]
    page = (context := browser.new_context(**context_options)).new_page()
    cuts = {}
    for path in PAGES if language == "en" else KOREAN_PAGES:
        show(page, fresh_install, path, talk, language)
        cuts[path] = page.evaluate(CUT_TEXT) + page.evaluate(BROKEN_NAMES, NAMES)
        shot = f"test-results/nothing-cut-{language}-{size.split()[-1]}-{path}.png"
        page.screenshot(path=shot, full_page=True)
    context.close()
    assert not any(cuts.values()), {path: found for path, found in cuts.items() if found}


def plant(page: Page, url: str, tag: str, css: str, text: str) -> None:
    """The Models page with a ``tag`` element of style ``css`` holding ``text`` at its top."""
    show(page, url, "models", talk=False)
    page.evaluate(
        """([tag, css, text]) => {
        const box = document.createElement(tag);
        box.style.cssText = css;
        box.textContent = text;
        document.querySelector("[data-testid=stMain]").prepend(box);
    }""",
        [tag, css, text],
    )


def test_the_walk_finds_a_name_cut_by_its_box(page: Page, fresh_install):
    """The check above can fail: a name in a box too narrow for it, ended with an ellipsis."""
    css = "width: 40px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap"
    plant(page, fresh_install, "div", css, "bundled-cnn-deep-photos")
    assert any("bundled-cnn-deep-photos" in cut for cut in page.evaluate(CUT_TEXT))


def test_the_walk_finds_a_name_laid_out_on_two_lines(page: Page, fresh_install):
    """The line check above can fail too: "T-shirt/top" in a box so narrow it wraps inside."""
    plant(page, fresh_install, "p", "width: 50px", "true T-shirt/top")
    assert any("T-shirt/top" in broken for broken in page.evaluate(BROKEN_NAMES, NAMES))
