"""`make screenshots`: the docs' pictures and the stage set (every page at 1280x720 in talk
mode and on a 390x844 phone), taken from the real app in Chromium with the bundled models."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.i18n import translations
from tools.app_driver import (
    ALL_IMAGES,
    choose,
    draw_and_wait_for_send,
    draw_by_touch,
    draw_trousers,
    live_panel,
    open_train_page,
    pick_radio,
    start_training,
    take_the_quiz,
    wait_for_the_script,
)
from tools.app_server import CHROMIUM_ARGS, ROOT, chromium_path, streamlit_server
from tools.outlines import OUTLINES, outline

OUT = ROOT / "docs" / "screenshots"
TEN_THOUSAND = "10,000 images (quick run)"
README_VIEWPORT = {"width": 1400, "height": 1400}
PHOTOS = ROOT / "data" / "clothing-photos" / "validation"
PHOTO = PHOTOS / "shirt" / "6791b759-a30d-40bb-84f2-ff32ce939988.jpg"  # from the check half
TALK = {"viewport": {"width": 1280, "height": 720}}
PHONE = {  # a Pixel 7's screen in CSS pixels, touch, a mobile browser's User-Agent
    "viewport": {"width": 390, "height": 844},
    "has_touch": True,
    "is_mobile": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36",
}


def on_train(page: Page, url: str, talk: bool) -> None:
    open_train_page(page, url + ("?talk=1" if talk else ""))
    start_training(page, "cnn", 10, subset=TEN_THOUSAND)
    expect(live_panel(page).get_by_text("epoch 3/10 · batch")).to_be_visible(timeout=300_000)


def on_inside(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/inside" + ("?talk=1" if talk else ""))
    expect(page.get_by_role("heading", name="Inside the CNN")).to_be_visible(timeout=30_000)
    choose(page, "Class", "Sneaker")
    expect(page.get_by_text("Shifted by 4 pixels", exact=False)).to_be_visible(timeout=300_000)


def on_classify(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/classify" + ("?talk=1" if talk else ""))
    expect(page.get_by_role("heading", name="Classify")).to_be_visible(timeout=30_000)
    if page.evaluate("navigator.maxTouchPoints > 0"):  # a finger draws the outline of a T-shirt
        draw_by_touch(page, outline(OUTLINES["T-shirt/top"]))
    else:
        draw_trousers(page)
    expect(page.get_by_test_id("stMetric")).to_have_count(2, timeout=30_000)


def on_compare(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/compare" + ("?talk=1" if talk else ""))
    expect(page.get_by_text("fewer mistakes", exact=False)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("right, bundled-dense wrong", exact=False)).to_be_visible(timeout=300_000)


def on_race(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/compare" + ("?talk=1" if talk else ""))
    page.get_by_role("tab", name="Race").click()
    choose(page, "Training images", ALL_IMAGES)  # long enough to be caught running
    page.get_by_role("button", name="Start the race").click()
    expect(page.get_by_text("2. cnn: epoch 2/3", exact=False)).to_be_visible(timeout=300_000)


def on_models(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/models" + ("?talk=1" if talk else ""))
    listing = page.get_by_test_id("stDataFrame").or_(page.get_by_test_id("stTable"))  # talk: a table
    expect(listing).to_be_visible(timeout=30_000)


TO_THE_TOP = "element => element.scrollIntoView({block: 'start'})"


def on_heatmaps(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/classify" + ("?talk=1" if talk else ""))
    expect(page.get_by_role("heading", name="Classify")).to_be_visible(timeout=30_000)
    page.get_by_text("Test image", exact=True).click()
    choose(page, "Class", "Ankle boot")
    heatmaps = page.get_by_test_id("stImageCaption").filter(has_text="what drove")
    expect(heatmaps).to_have_count(2, timeout=60_000)
    page.get_by_role("heading", name="What each model looked at").evaluate(TO_THE_TOP)


def on_photo(page: Page, url: str, talk: bool, more: tuple[str, ...] = (), language: str = "en") -> None:
    """A shirt from the check half of the photos, uploaded: the pipeline's steps and the verdicts
    of the photo defaults (the same CNN without and with real photos), then of ``more`` models;
    the page in ``language``."""
    say = translations(language).gettext
    asked = ([] if language == "en" else [f"lang={language}"]) + (["talk=1"] if talk else [])
    page.goto(f"{url}/classify" + (f"?{'&'.join(asked)}" if asked else ""))
    expect(page.get_by_role("heading", name=say("Classify"))).to_be_visible(timeout=30_000)
    page.get_by_text(say("Upload a photo"), exact=True).click()  # first: a drawing has models of its own
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(PHOTO)
    expect(page.get_by_test_id("stMetric")).to_have_count(2, timeout=120_000)  # the photo defaults
    if not more:
        return
    # Only then the others: a multiselect applies its pick a moment after the list closes, and a
    # file given to the uploader during that rerun was lost (CI, a loaded machine).
    page.get_by_role("combobox", name="Models").click()
    for name in more:
        page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("stMetric")).to_have_count(2 + len(more), timeout=120_000)


def on_real_photos(page: Page, url: str, talk: bool) -> None:
    """Compare's Real photos preset: the same CNN without and with real photos, and their scores."""
    page.goto(f"{url}/compare" + ("?talk=1" if talk else ""))
    page.get_by_role("button", name="Real photos").click()
    expect(page.get_by_text("The same network, other data", exact=False)).to_be_visible(timeout=60_000)


def on_budgets(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/compare" + ("?talk=1" if talk else ""))
    page.get_by_role("button", name="Equal budgets").click()
    expect(page.get_by_text("The CNN wins", exact=False)).to_be_visible(timeout=60_000)


def on_arrangement(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/compare" + ("?talk=1" if talk else ""))
    page.get_by_text("How each model arranges the garments").click()
    scores = page.get_by_text("of 5-neighbour votes right", exact=False)
    expect(scores).to_have_count(2, timeout=120_000)
    page.get_by_text("Each dot is a test image", exact=False).evaluate(TO_THE_TOP)


def on_learned(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/learned" + ("?talk=1" if talk else ""))
    expect(page.get_by_text("edge or line detectors", exact=False)).to_be_visible(timeout=120_000)


README_SHOTS = {  # file -> what to do first (at README_VIEWPORT, full page where it is long)
    "train.png": on_train,
    "classify.png": on_classify,
    "inside.png": on_inside,
    "learned.png": on_learned,
    "compare.png": on_compare,
    "race.png": on_race,
}
STAGE_PAGES = {"train": on_train, "inside": on_inside, "classify": on_classify, "compare": on_compare}
STAGE_PAGES |= {"race": on_race, "models": on_models, "learned": on_learned}


def send_from_a_phone(browser: Browser, url: str, garment: str) -> Page:
    """A phone of the room draws ``garment`` with a finger and sends it; returns its page."""
    page = browser.new_context(**PHONE).new_page()
    page.goto(f"{url}/play")
    choose(page, "Draw a", garment)
    draw_and_wait_for_send(page, outline(OUTLINES[garment]))
    page.get_by_role("button", name="Send").click()  # enabled once the strokes reached the server
    expect(page.get_by_text("Sent to the board.")).to_be_visible(timeout=30_000)
    return page


def on_play(page: Page, url: str, talk: bool) -> None:
    sent = send_from_a_phone(page.context.browser, url, "T-shirt/top")
    page.goto(sent.url)  # the shot's own page shows the same phone page, sent
    choose(page, "Draw a", "Trouser")
    draw_and_wait_for_send(page, outline(OUTLINES["Trouser"]))
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Sent to the board.")).to_be_visible(timeout=30_000)
    sent.context.close()


def on_join(page: Page, url: str, talk: bool) -> None:
    """The room's join screen with three phones on the join page."""
    phones = [page.context.browser.new_context(**PHONE).new_page() for _ in range(3)]
    for phone in phones:
        phone.goto(f"{url}/play")
        expect(phone.get_by_text("Draw a", exact=False).first).to_be_visible(timeout=30_000)
    page.goto(f"{url}/room?talk=1")
    expect(page.get_by_role("heading", name=re.compile(r"^[3-9]\d* phones joined$"))).to_be_visible(
        timeout=30_000
    )


def open_the_board(page: Page, url: str, talk: bool) -> None:
    """The room page; in talk mode past its join screen."""
    page.goto(f"{url}/room" + ("?talk=1" if talk else ""))
    if talk:
        page.get_by_role("button", name="Start").click()


def on_room(page: Page, url: str, talk: bool) -> None:
    for garment in ("Trouser", "Ankle boot", "T-shirt/top", "Dress", "Bag", "Pullover"):
        send_from_a_phone(page.context.browser, url, garment).context.close()
    open_the_board(page, url, talk)
    expect(page.get_by_text("Pullover: dense", exact=False).first).to_be_visible(timeout=30_000)


def on_quiz(page: Page, url: str, talk: bool) -> None:
    """Four phones take Guess 10 (answers drawn to be right about 4 times in 5), then the board."""
    import random

    from fashion_lab.data.fashion_mnist import load_dataset
    from fashion_lab.room.drawings import open_room
    from fashion_lab.room.quiz import quiz_images

    labels = load_dataset().test_labels
    room = open_room()  # the server's (main() sets FASHION_LAB_DATA for both)
    truths = [CLASS_NAMES[labels[i]] for i in quiz_images(labels, room.quiz_seed(room.current_round()))]
    chance = random.Random(0)
    for _ in range(4):
        phone = page.context.browser.new_context(**PHONE).new_page()
        answers = [t if chance.random() < 0.8 else chance.choice(CLASS_NAMES) for t in truths]
        take_the_quiz(phone, url, answers)
        phone.context.close()
    open_the_board(page, url, talk)
    pick_radio(page, "Guess 10")
    expect(page.get_by_text("4 finished", exact=False)).to_be_visible(timeout=30_000)
    page.get_by_text("4 finished", exact=False).evaluate(TO_THE_TOP)


def on_quiz_phone(page: Page, url: str, talk: bool) -> None:
    """A phone in Guess 10, at its third image (a new person: this context's cookie goes)."""
    page.context.clear_cookies()
    page.goto(f"{url}/play")
    page.get_by_text("Guess 10").click()
    for position in range(2):
        expect(page.get_by_text(f"Image {position + 1} of 10")).to_be_visible(timeout=30_000)
        wait_for_the_script(page)  # a tap while the page still draws can be lost
        page.get_by_role("button", name="Coat", exact=False).click()
    expect(page.get_by_text("Image 3 of 10")).to_be_visible(timeout=30_000)


def on_calibration(page: Page, url: str, talk: bool) -> None:
    page.goto(f"{url}/models" + ("?talk=1" if talk else ""))
    page.get_by_text("How far each model's confidence can be trusted").click()
    choose(page, "Model", "bundled-cnn-deep-photos")
    chart = page.get_by_test_id("stExpander").get_by_test_id("stVegaLiteChart")
    expect(chart).to_contain_text("real photos (check half)", timeout=120_000)
    page.get_by_text("A point per band of confidence", exact=False).evaluate(TO_THE_TOP)


def on_class(page: Page, url: str, talk: bool) -> None:
    """Three classmates press Train first (2 slots: one of them waits); then this tab, 2nd in line."""
    for _ in range(3):
        classmate = page.context.browser.new_context().new_page()
        open_train_page(classmate, url)
        start_training(classmate, "cnn", 5, subset=ALL_IMAGES)
    open_train_page(page, url + ("?talk=1" if talk else ""))
    start_training(page, "dense", 10, subset=TEN_THOUSAND)
    expect(live_panel(page).get_by_text("waiting: 2nd in line")).to_be_visible(timeout=60_000)


def in_korean(path: str) -> Callable:
    """The shot of a page in Korean: opened with ?lang=ko, a drawing made on Classify, the first
    image of Guess 10 on the phone's quiz (the English shots' steps ask for English labels)."""
    say = translations("ko").gettext

    def act(page: Page, url: str, talk: bool) -> None:
        where = {"train": "", "quiz": "play"}.get(path, path)
        page.goto(f"{url}/{where}?lang=ko" + ("&talk=1" if talk else ""))
        expect(page.get_by_test_id("stMain")).to_be_visible(timeout=30_000)
        wait_for_the_script(page, timeout=300_000)
        if path == "classify" and page.evaluate("navigator.maxTouchPoints > 0"):
            draw_by_touch(page, outline(OUTLINES["T-shirt/top"]))
        elif path == "classify":
            draw_trousers(page, say)
        if path == "classify":
            expect(page.get_by_test_id("stMetric")).to_have_count(2, timeout=30_000)
        if path == "compare":  # the galleries of right and wrong come last
            expect(page.get_by_test_id("stImage").first).to_be_visible(timeout=300_000)
        if path == "quiz":
            page.get_by_text(say("🔎 Guess 10").split(" ", 1)[1]).click()  # its words, not its emoji
            expect(page.get_by_text("1/10", exact=False).first).to_be_visible(timeout=30_000)

    return act


KOREAN_PAGES = ("train", "inside", "learned", "classify", "compare", "models", "room", "play", "quiz")
ROOM_SHOTS = [
    ("train-waiting.png", on_class, {"viewport": {"width": 1400, "height": 900}}, False, False),
    ("train-waiting-talk.png", on_class, TALK, True, False),
    ("room-join-talk.png", on_join, TALK, True, False),
    ("room-join-1080.png", on_join, {"viewport": {"width": 1920, "height": 1080}}, True, False),
    ("room-talk.png", on_room, TALK, True, False),
    ("play-phone.png", on_play, PHONE, False, True),
    ("quiz-board-talk.png", on_quiz, TALK, True, False),
    ("quiz-phone.png", on_quiz_phone, PHONE, False, False),
    ("models-calibration.png", on_calibration, {"viewport": {"width": 1400, "height": 640}}, False, False),
    ("classify-photo.png", on_photo, {"viewport": {"width": 1400, "height": 1100}}, False, False),
    ("classify-photo-talk.png", on_photo, TALK, True, False),
    ("compare-real-photos.png", on_real_photos, {"viewport": {"width": 1400, "height": 900}}, False, False),
    ("classify-heatmaps.png", on_heatmaps, {"viewport": {"width": 1400, "height": 560}}, False, False),
    ("compare-budgets.png", on_budgets, {"viewport": {"width": 1400, "height": 900}}, False, False),
    ("compare-budgets-talk.png", on_budgets, TALK, True, False),
    ("compare-arrangement.png", on_arrangement, {"viewport": {"width": 1400, "height": 720}}, False, False),
]


def shoot(
    browser: Browser, url: str, act: Callable, path: Path, context: dict, talk: bool, tall: bool
) -> None:
    page = browser.new_context(**context).new_page()
    act(page, url, talk)
    page.wait_for_timeout(1500)  # let the charts take their latest points
    wait_for_the_script(page)
    if tall:  # the whole page at the device's width: what a thumb scrolls through
        height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
        page.set_viewport_size({"width": context["viewport"]["width"], "height": min(height, 8000)})
        page.wait_for_timeout(1000)
    page.screenshot(path=path)
    print("saved", path.relative_to(ROOT))
    for context in list(browser.contexts):  # this shot's, and those of the classmates it used
        for other in context.pages:
            _stop_runs(other)
        context.close()


def _stop_runs(page: Page) -> None:
    """Stop what ``page`` trains, and wait until it has ended: the slots are free for the next shot."""
    stops = page.get_by_role("button", name=re.compile("^Stop"))
    for stop in stops.all():
        try:
            stop.click(timeout=5_000)
        except PlaywrightError:  # the run ended meanwhile and took its Stop button away
            pass
    expect(stops).to_have_count(0, timeout=120_000)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[1:])  # e.g. `python -m tools.screenshots classify-phone.png`
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        os.environ["FASHION_LAB_DATA"] = str(Path(folder) / "room")  # the server's room, and on_quiz's
        os.environ["FASHION_LAB_PUBLIC_URL"] = "http://192.168.1.20:8501"  # as in a hall, not loopback
        with streamlit_server(Path(folder) / "models") as url:
            shots = [
                (name, act, {"viewport": README_VIEWPORT}, False, False) for name, act in README_SHOTS.items()
            ]
            for page_name, act in STAGE_PAGES.items():
                shots += [(f"{page_name}-talk.png", act, TALK, True, False)]
                shots += [(f"{page_name}-phone.png", act, PHONE, False, True)]
            for page_name in KOREAN_PAGES:  # issue 44: the Korean pages at the projector and on a phone
                shots += [(f"ko-{page_name}-talk.png", in_korean(page_name), TALK, True, False)]
                shots += [(f"ko-{page_name}-phone.png", in_korean(page_name), PHONE, False, True)]
            for name, act, context, talk, tall in shots + ROOM_SHOTS:
                if not only or name in only:
                    shoot(browser, url, act, OUT / name, context, talk, tall)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
