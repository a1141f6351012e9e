"""A stale deployment still protects residents: the expiry script hides listed notices whose
posting has ended and marks an ended notice page, in a real headless Chromium whose clock is
moved past the end. Without JavaScript every page stays complete as of the build."""
import os
import unittest

from selenium.webdriver.common.by import By

from browser_support import DemoSiteTestCase, chromium, freeze_clock

BUILD_NOW = "2026-11-28T09:00:00+07:00"
# The demo's resettlement plan: expires 2026-12-01, so it ends at 2026-12-02T00:00:00+07:00.
ENDING = "2026-11-16-bo-tri-tai-dinh-cu-khu-go-cay-sung"
LAST_SECOND = "2026-12-01T23:59:59+07:00"
FIRST_SECOND_AFTER = "2026-12-02T00:00:00+07:00"
STILL_RUNNING = "2026-11-10-phuong-an-boi-thuong-duong-ven-bien"


class ExpiryGuardTest(DemoSiteTestCase):
    def open(self, path, clock=None, javascript=True):
        driver = chromium(javascript=javascript)
        self.addCleanup(driver.quit)
        if clock:
            freeze_clock(driver, clock)
        driver.get(self.server.url + path)
        return driver

    def listed(self, driver, notice_id):
        items = driver.find_elements(By.CSS_SELECTOR, f'li[data-notice="{notice_id}"]')
        self.assertTrue(items, f"{notice_id} is not in the page's markup")
        return [item.is_displayed() for item in items]

    def test_the_clock_is_really_moved(self):
        driver = self.open("", clock=FIRST_SECOND_AFTER)
        self.assertEqual(driver.execute_script("return new Date().toISOString()"), "2026-12-01T17:00:00.000Z")

    def test_listing_shows_the_notice_until_its_last_second(self):
        driver = self.open("", clock=LAST_SECOND)
        self.assertTrue(all(self.listed(driver, ENDING)))

    def test_listing_hides_the_notice_once_its_posting_has_ended(self):
        for path in ["", "loai/resettlement-plan/", "xa/xa-binh-thuan/"]:
            with self.subTest(page=path or "home"):
                driver = self.open(path, clock=FIRST_SECOND_AFTER)
                self.assertFalse(any(self.listed(driver, ENDING)))
                if path != "loai/resettlement-plan/":
                    self.assertTrue(all(self.listed(driver, STILL_RUNNING)))

    def test_an_ended_notice_page_shows_a_banner(self):
        driver = self.open(f"thong-bao/{ENDING}/", clock=FIRST_SECOND_AFTER)
        banner = driver.find_element(By.CSS_SELECTOR, ".expired-banner")
        self.assertTrue(banner.is_displayed())
        self.assertEqual(banner.text, "Thông báo này đã kết thúc niêm yết (ngày cuối: 01/12/2026).")
        self.assertFalse(driver.find_element(By.CSS_SELECTOR, ".badge").is_displayed())

    def test_a_running_notice_page_has_no_banner(self):
        driver = self.open(f"thong-bao/{ENDING}/", clock=LAST_SECOND)
        self.assertFalse(driver.find_element(By.CSS_SELECTOR, ".expired-banner").is_displayed())
        self.assertTrue(driver.find_element(By.CSS_SELECTOR, ".badge").is_displayed())

    def test_without_javascript_pages_are_complete_as_of_the_build(self):
        driver = self.open("", clock=FIRST_SECOND_AFTER, javascript=False)
        self.assertTrue(all(self.listed(driver, ENDING)))
        self.assertEqual(len(driver.find_elements(By.CSS_SELECTOR, "li.notice-item")),
                         len([i for i in driver.find_elements(By.CSS_SELECTOR, "li.notice-item") if i.is_displayed()]))
        page = self.open(f"thong-bao/{ENDING}/", clock=FIRST_SECOND_AFTER, javascript=False)
        self.assertFalse(page.find_element(By.CSS_SELECTOR, ".expired-banner").is_displayed())
        self.assertIn("Niêm yết từ 16/11/2026 đến hết ngày 01/12/2026", page.find_element(By.CSS_SELECTOR, ".meta").text)

    def days_left(self, clock, notice=ENDING, javascript=True):
        driver = self.open(f"thong-bao/{notice}/", clock=clock, javascript=javascript)
        box = driver.find_element(By.CSS_SELECTOR, ".days-left-box")
        return box.text.strip(" ·") if box.is_displayed() else None

    def test_days_left_are_computed_in_the_browser_from_the_page_clock(self):
        """The page does not change from day to day: the same bytes say "còn 3 ngày" on 28/11 and
        "hôm nay là ngày cuối" on 01/12, counted in the site's zone (UTC+7) to the second."""
        self.assertEqual(self.days_left(BUILD_NOW), "còn 3 ngày")
        self.assertEqual(self.days_left("2026-11-30T23:59:59+07:00"), "còn 1 ngày")
        # 00:00 in Viet Nam is still 30/11 in UTC: the count follows the zone in the markup.
        self.assertEqual(self.days_left("2026-12-01T00:00:00+07:00"), "hôm nay là ngày cuối")
        self.assertEqual(self.days_left(LAST_SECOND), "hôm nay là ngày cuối")
        self.assertIsNone(self.days_left(FIRST_SECOND_AFTER))
        self.assertEqual(self.days_left("2026-12-05T12:00:00+07:00", notice=STILL_RUNNING), "còn 5 ngày")

    def test_without_javascript_a_notice_page_shows_absolute_dates_only(self):
        self.assertIsNone(self.days_left(BUILD_NOW, javascript=False))
        with open(os.path.join(self.site, "thong-bao", ENDING, "index.html"), encoding="utf-8") as handle:
            html = handle.read()
        self.assertNotIn("còn 3 ngày", html)
        self.assertNotIn("Cập nhật", html)

    def test_the_script_is_small(self):
        size = os.path.getsize(os.path.join(self.site, "assets", "expiry.js"))
        self.assertLess(size, 4096)


if __name__ == "__main__":
    unittest.main()
