"""Residents on a phone: no page wider than the screen, the compensation table readable cell by
cell, tap targets of 44 px, a visible focus ring, what to do at the top of a notice, and
listings that say so when the expiry script has hidden every notice."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import DemoSiteTestCase, chromium, freeze_clock

TABLE_NOTICE = "2026-11-10-phuong-an-boi-thuong-duong-ven-bien"

# One page of every kind the site has.
PAGES = {
    "home": "",
    "type listing": "loai/compensation-plan/",
    "commune listing": "xa/xa-binh-thuan/",
    "notice with a table": f"thong-bao/{TABLE_NOTICE}/",
    "land recovery notice": "thong-bao/2026-11-02-thu-hoi-dat-duong-ven-bien/",
    "search": "tim-kiem/",
    "404": "404.html",
}

# Links inside running text (a sentence of the body) are exempt from the target size, as in
# WCAG 2.2 (2.5.8); so is the skip link, off screen until focused.
TARGETS = """
const exempt = el => el.closest('.body p, .body li, .body td, .body blockquote') || el.classList.contains('skip');
return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary')]
  .filter(el => !exempt(el))
  .map(el => { const r = el.getBoundingClientRect(); return {
      text: (el.textContent || el.getAttribute('aria-label') || el.name || el.tagName).trim().slice(0, 40),
      tag: el.tagName, height: r.height, width: r.width,
      visible: r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' }; })
  .filter(t => t.visible);
"""


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def parse_rgb(text):
    inside = text[text.index("(") + 1:text.index(")")]
    return tuple(int(float(part)) for part in inside.split(",")[:3])


class PhoneTests(DemoSiteTestCase):
    def setUp(self):
        self.drivers = []

    def tearDown(self):
        for driver in self.drivers:
            driver.quit()

    def browser(self, width, height=640, clock=None):
        driver = chromium(width=width, height=height)
        self.drivers.append(driver)
        # The window size includes no chrome in headless mode, but set the viewport exactly.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
        freeze_clock(driver, clock or self.BUILD_NOW)
        return driver

    def test_no_page_is_wider_than_a_phone(self):
        for width in (320, 360):
            driver = self.browser(width)
            for name, path in PAGES.items():
                with self.subTest(width=width, page=name):
                    driver.get(self.server.url + path)
                    sizes = driver.execute_script(
                        "return {scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,"
                        " widest: [...document.querySelectorAll('body *')].map(e => [e.getBoundingClientRect().right, e.tagName + '.' + e.className])"
                        "   .filter(x => x[0] > document.documentElement.clientWidth + 0.5 && !x[1].startsWith('svg'))"
                        "   .filter(x => true).slice(0, 5)};")
                    self.assertLessEqual(sizes["scroll"], sizes["view"], f"{name} at {width} px: {sizes}")

    def test_every_cell_of_the_compensation_table_is_on_screen_with_its_header(self):
        for width in (320, 360):
            with self.subTest(width=width):
                driver = self.browser(width)
                driver.get(self.server.url + PAGES["notice with a table"])
                cells = driver.execute_script(
                    "return [...document.querySelectorAll('main table tbody td')].map(td => {"
                    " const r = td.getBoundingClientRect(); const before = getComputedStyle(td, '::before').content;"
                    " return {left: r.left, right: r.right, text: td.textContent.trim(), label: td.dataset.label || '',"
                    "  shown: r.height > 0, before: before}; });")
                view = driver.execute_script("return document.documentElement.clientWidth")
                self.assertGreater(len(cells), 4)
                for cell in cells:
                    if not cell["text"]:
                        continue  # an empty cell (the total row's number) is not shown on a phone
                    self.assertTrue(cell["shown"], cell)
                    self.assertGreaterEqual(cell["left"], 0, cell)
                    self.assertLessEqual(cell["right"], view + 0.5, cell)
                    self.assertTrue(cell["label"], f"a cell without its column header: {cell}")
                    self.assertIn(cell["label"], cell["before"], f"the header is not shown before the value: {cell}")
                total = [c for c in cells if c["label"].startswith("Thành tiền") and "." in c["text"]]
                self.assertTrue(total, "no amount in the table")
                text = driver.find_element(By.CSS_SELECTOR, "main table").text
                self.assertIn("Tổng cộng", text)

    def test_the_table_is_not_cut_on_a_wide_screen(self):
        driver = self.browser(1280, 900)
        driver.get(self.server.url + PAGES["notice with a table"])
        box = driver.execute_script(
            "const s = document.querySelector('.table-scroll');"
            "return {scroll: s.scrollWidth, client: s.clientWidth, right: s.getBoundingClientRect().right,"
            " view: document.documentElement.clientWidth};")
        self.assertLessEqual(box["scroll"], box["client"], f"the table scrolls (amounts cut) at 1280 px: {box}")
        self.assertLessEqual(box["right"], box["view"], box)

    def test_tap_targets_are_44_px_tall(self):
        driver = self.browser(360)
        for name, path in PAGES.items():
            with self.subTest(page=name):
                driver.get(self.server.url + path)
                small = [t for t in driver.execute_script(TARGETS) if t["height"] < 44 - 0.5]
                self.assertEqual(small, [], f"{name}: targets under 44 px")

    def test_the_focus_ring_stands_out(self):
        driver = self.browser(360)
        driver.get(self.server.url + PAGES["notice with a table"])
        body = driver.find_element(By.TAG_NAME, "body")
        seen = 0
        for _ in range(12):
            body.send_keys(Keys.TAB)
            style = driver.execute_script(
                "const e = document.activeElement; const s = getComputedStyle(e);"
                "let bg = 'rgb(255, 255, 255)'; for (let p = e.parentElement; p; p = p.parentElement) {"
                " const c = getComputedStyle(p).backgroundColor; if (c && c !== 'rgba(0, 0, 0, 0)') { bg = c; break; } }"
                "return {tag: e.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,"
                " shadow: s.boxShadow, background: bg};")
            if style["tag"] == "BODY":
                continue
            seen += 1
            self.assertNotEqual(style["style"], "none", style)
            self.assertGreaterEqual(style["width"], 2, style)
            ratio = contrast(parse_rgb(style["color"]), parse_rgb(style["background"]))
            self.assertGreaterEqual(ratio, 3, f"focus ring contrast {ratio:.1f}:1 on {style}")
        self.assertGreater(seen, 5)

    def test_the_home_page_starts_with_search_types_and_communes(self):
        driver = self.browser(360, 640)
        driver.get(self.server.url)
        tops = driver.execute_script(
            "const top = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().bottom : null; };"
            "return {search: top('.home-search'), types: top('#types-heading + .chips'),"
            " communes: top('#communes-heading + .chips'), header: document.querySelector('.site-header').getBoundingClientRect().height};")
        for key in ("search", "types", "communes"):
            self.assertIsNotNone(tops[key], key)
            self.assertLessEqual(tops[key], 640, f"{key} is below the first screen: {tops}")
        self.assertLessEqual(tops["header"], 640 * 0.2, f"the header takes too much of the first screen: {tops}")
        # Each notice once.
        ids = driver.execute_script("return [...document.querySelectorAll('main [data-notice]')].map(e => e.dataset.notice)")
        self.assertEqual(len(ids), len(set(ids)), ids)
        # The search box sends the query to the search page.
        box = driver.find_element(By.ID, "home-q")
        box.send_keys("boi thuong")
        box.submit()
        self.assertIn("tim-kiem/?q=boi", driver.current_url)

    def test_a_notice_says_what_to_do_and_links_its_project(self):
        driver = self.browser(360)
        driver.get(self.server.url + PAGES["notice with a table"])
        box = driver.find_element(By.CSS_SELECTOR, ".action-box")
        self.assertIn("đến hết ngày 10/12/2026", box.text)
        self.assertIn("0255 3 123 457", box.text)
        top = driver.execute_script("return document.querySelector('.action-box').getBoundingClientRect().top")
        body = driver.execute_script("return document.querySelector('.body').getBoundingClientRect().top")
        self.assertLess(top, body, "the box is not above the notice's text")
        related = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".related a")]
        self.assertTrue(any("2026-11-25-lich-tiep-cong-dan-thang-11" in h for h in related), related)
        self.assertTrue(any("2026-11-02-thu-hoi-dat-duong-ven-bien" in h for h in related), related)
        footer = driver.find_element(By.CSS_SELECTOR, ".site-footer").text
        self.assertIn("0255 3 123 456", footer)
        driver.get(self.server.url)
        lines = driver.execute_script("return [...document.querySelectorAll('.notice-action')].map(e => e.textContent)")
        self.assertIn("Họp, đối thoại: 08:00 ngày 11/12/2026, tại Hội trường Ủy ban nhân dân xã Bình Thuận", lines)

    def test_when_every_listed_notice_has_ended_the_page_says_so(self):
        # The demo's withdrawal line and every notice of the resettlement type end by 02/12/2026.
        driver = self.browser(360, clock="2027-03-01T09:00:00+07:00")
        driver.get(self.server.url + "loai/resettlement-plan/")
        self.assertEqual(driver.execute_script("return [...document.querySelectorAll('li[data-ends]')].filter(li => !li.hidden).length"), 0)
        self.assertIn("Hiện không còn thông báo nào đang niêm yết ở đây.", driver.find_element(By.TAG_NAME, "main").text)
        driver.get(self.server.url)
        self.assertIn("Hiện không còn thông báo nào đang niêm yết ở đây.", driver.find_element(By.TAG_NAME, "main").text)
        hidden = driver.execute_script(
            "return [...document.querySelectorAll('main section')].filter(s => !s.hidden && !s.querySelector('[data-empty]') && s.querySelector('li[data-ends]')"
            " && ![...s.querySelectorAll('li[data-ends]')].some(li => !li.hidden)).map(s => s.className)")
        self.assertEqual(hidden, [], "a section with only ended items is still shown")
        driver.get(self.server.url + PAGES["notice with a table"])
        self.assertTrue(driver.execute_script("return document.querySelector('.related').closest('section').hidden"))


if __name__ == "__main__":
    unittest.main()
