"""Search residents can use, in headless Chromium against the demo site's built index.

A set of realistic queries (with and without diacritics, administrative synonyms both ways, one
typo, document numbers, village names), each with the notice that must come first and the notices
that must not appear; then what a result shows, what the page suggests when nothing matches, the
page without JavaScript, the form on a 320 px phone, and a site's own synonym list."""
import os
import shutil
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import (REPO, DemoSiteTestCase, SiteServer, TemporaryFolder, build_site, chromium,
                             freeze_clock, open_search_page, type_search)

BUILD_NOW = "2026-11-28T09:00:00+07:00"

# The demo's notices being posted at BUILD_NOW.
LAND_PRICE = "2026-11-26-gia-dat-cu-the-khu-dan-cu-go-dat"            # 66/TB-UBND, Gò Đất, Bình Chánh
DIALOGUE = "2026-11-25-lich-tiep-cong-dan-thang-11"                    # 127/TB-UBND, đối thoại
WATER_PLANT = "2026-11-24-lay-y-kien-nha-may-nuoc-binh-chanh"          # 64/TB-UBND, nhà máy nước sạch
INDUSTRIAL = "2026-11-20-lay-y-kien-du-an-cum-cong-nghiep"             # 125/TB-UBND, thôn Vĩnh Trà
COMPLAINT = "2026-11-18-quyet-dinh-giai-quyet-khieu-nai"               # 215/QĐ-UBND
RESETTLEMENT = "2026-11-16-bo-tri-tai-dinh-cu-khu-go-cay-sung"         # 121/TB-UBND, Gò Cây Sung
PLAN = "2026-11-10-phuong-an-boi-thuong-duong-ven-bien"                # 118/TB-UBND, bồi thường
VILLAGE_RULES = "2026-11-05-du-thao-huong-uoc-thon-an-diem"            # hương ước thôn An Điềm
LAND_RECOVERY = "2026-11-02-thu-hoi-dat-duong-ven-bien"                # 112/TB-UBND, thu hồi đất

# (query, the notice that must come first, notices that must not appear at all)
QUERIES = [
    # Words as the notices write them, with and without diacritics.
    ("bồi thường", PLAN, [VILLAGE_RULES, WATER_PLANT, INDUSTRIAL]),
    ("boi thuong", PLAN, [VILLAGE_RULES, WATER_PLANT, INDUSTRIAL]),
    ("thu hồi đất", LAND_RECOVERY, [WATER_PLANT, INDUSTRIAL, VILLAGE_RULES]),
    ("thu hoi dat duong ven bien", LAND_RECOVERY, [LAND_PRICE, WATER_PLANT, INDUSTRIAL, COMPLAINT, VILLAGE_RULES]),
    ("tái định cư", RESETTLEMENT, [VILLAGE_RULES]),
    # "tại", "định", "cưới" are in the village rules, but not as "tái định cư".
    ("tai dinh cu", RESETTLEMENT, [VILLAGE_RULES, WATER_PLANT]),
    ("nước sạch", WATER_PLANT, [RESETTLEMENT]),
    # "nước" and "danh sách" are in the resettlement plan, but not "nước sạch".
    ("nuoc sach", WATER_PLANT, [RESETTLEMENT, PLAN]),
    ("doi thoai", DIALOGUE, [WATER_PLANT, INDUSTRIAL, VILLAGE_RULES]),
    ("khieu nai nguyen van hung", COMPLAINT, [LAND_RECOVERY, PLAN]),
    ("phuong an boi thuong lan 2", PLAN, [LAND_RECOVERY, LAND_PRICE]),
    ("ho tro dao tao chuyen doi nghe", PLAN, [LAND_RECOVERY, WATER_PLANT]),
    # Administrative synonyms, both ways (theme/search/synonyms.yaml).
    ("đền bù", PLAN, [VILLAGE_RULES, WATER_PLANT, INDUSTRIAL]),
    ("den bu", PLAN, [VILLAGE_RULES, WATER_PLANT, INDUSTRIAL]),
    ("giải tỏa", LAND_RECOVERY, [WATER_PLANT, INDUSTRIAL, VILLAGE_RULES]),
    ("giai toa", LAND_RECOVERY, [WATER_PLANT, INDUSTRIAL, VILLAGE_RULES]),
    ("GPMB", LAND_RECOVERY, [WATER_PLANT, INDUSTRIAL, VILLAGE_RULES]),
    ("giai phong mat bang", LAND_RECOVERY, [WATER_PLANT, INDUSTRIAL, VILLAGE_RULES]),
    ("TĐC", RESETTLEMENT, [VILLAGE_RULES, WATER_PLANT]),
    ("tdc go cay sung", RESETTLEMENT, [LAND_RECOVERY, PLAN]),
    ("UBND tỉnh", LAND_PRICE, [LAND_RECOVERY, VILLAGE_RULES]),
    ("hdnd", LAND_RECOVERY, [PLAN, VILLAGE_RULES]),
    ("quy uoc thon", VILLAGE_RULES, [PLAN, LAND_RECOVERY]),
    ("ccn", INDUSTRIAL, [WATER_PLANT]),
    ("di doi", RESETTLEMENT, [VILLAGE_RULES, WATER_PLANT]),
    ("QL 24C", RESETTLEMENT, [LAND_RECOVERY]),
    # One typo in a longer word.
    ("boi thuogn", PLAN, [VILLAGE_RULES, WATER_PLANT]),
    ("khiue nai", COMPLAINT, [PLAN, LAND_RECOVERY]),
    ("cum cong nghep", INDUSTRIAL, [WATER_PLANT]),
    ("nguyen van hungg", COMPLAINT, [PLAN]),
    # Document numbers.
    ("118/TB-UBND", PLAN, [LAND_RECOVERY, DIALOGUE, COMPLAINT, RESETTLEMENT]),
    ("số 118", PLAN, [LAND_RECOVERY, DIALOGUE]),
    ("thong bao 118", PLAN, [LAND_RECOVERY, DIALOGUE]),
    ("215/QĐ-UBND", COMPLAINT, [PLAN, LAND_RECOVERY]),
    ("quyet dinh 215", COMPLAINT, [PLAN]),
    ("112/tb", LAND_RECOVERY, [PLAN, DIALOGUE]),
    # Villages and places.
    ("An Điềm", VILLAGE_RULES, [LAND_PRICE, WATER_PLANT, INDUSTRIAL, RESETTLEMENT]),
    ("an diem", VILLAGE_RULES, [LAND_PRICE, WATER_PLANT, INDUSTRIAL, RESETTLEMENT]),
    ("thôn Vĩnh Trà", INDUSTRIAL, [WATER_PLANT, VILLAGE_RULES]),
    ("go cay sung", RESETTLEMENT, [LAND_PRICE]),
    # "gò" and "đất" are both in the resettlement plan, not as "Gò Đất".
    ("go dat", LAND_PRICE, [RESETTLEMENT]),
    ("binh chanh nuoc", WATER_PLANT, [RESETTLEMENT, INDUSTRIAL]),
]


def result_ids(driver):
    return [a.get_attribute("pathname").strip("/").split("/")[-1]
            for a in driver.find_elements(By.CSS_SELECTOR, "#search-results .notice-title a")]


class SearchQueryTest(DemoSiteTestCase):
    BUILD_NOW = BUILD_NOW

    def open_search(self, query="", clock=BUILD_NOW, width=1280):
        return open_search_page(self, self.server.url, clock, query, width)

    def search(self, driver, text):
        type_search(driver, text)
        return result_ids(driver)

    def test_the_query_set(self):
        self.assertGreaterEqual(len(QUERIES), 30)
        driver = self.open_search()
        for query, first, absent in QUERIES:
            with self.subTest(query=query):
                hits = self.search(driver, query)
                self.assertTrue(hits, f"{query!r} found nothing")
                self.assertEqual(hits[0], first, f"{query!r}: {hits}")
                for notice in absent:
                    self.assertNotIn(notice, hits, f"{query!r}: {hits}")

    def test_a_document_number_finds_that_notice_only(self):
        driver = self.open_search()
        self.assertEqual(self.search(driver, "118/TB-UBND"), [PLAN])
        self.assertEqual(self.search(driver, "215/QĐ-UBND"), [COMPLAINT])

    def test_whole_words_and_phrases_rank_above_prefixes(self):
        driver = self.open_search()
        # "thu hồi đất" and "đường ven biển" both in the title of notice 112; the dialogue schedule
        # and the compensation plan have "đất bị thu hồi" and "đường ven biển".
        hits = self.search(driver, "thu hoi dat duong ven bien")
        self.assertEqual(hits[0], LAND_RECOVERY)
        self.assertIn(DIALOGUE, hits)
        # A title match ranks above a body match: "đối thoại" is in the dialogue notice's title and
        # only in the compensation plan's body.
        self.assertEqual(self.search(driver, "doi thoai"), [DIALOGUE, PLAN])

    def test_only_the_word_being_typed_matches_by_prefix(self):
        driver = self.open_search()
        # "nuoc s" is being typed: "s" may become "sạch".
        self.assertEqual(self.search(driver, "nuoc s"), [WATER_PLANT])
        # After a space "s" is a whole word, which no notice has.
        self.assertEqual(self.search(driver, "nuoc s "), [])
        # Only the last word is a prefix: "nuo sach" finds nothing ("nuo" is not a word).
        self.assertEqual(self.search(driver, "nuo sach"), [])
        self.assertEqual(self.search(driver, "tai dinh c")[0], RESETTLEMENT)
        self.assertNotIn(VILLAGE_RULES, self.search(driver, "tai dinh c"))

    def test_a_typo_only_in_words_of_five_letters_or_more(self):
        driver = self.open_search()
        self.assertEqual(self.search(driver, "khiue nai")[0], COMPLAINT)
        # "naii" has four letters: no typo allowed, so nothing is found.
        self.assertEqual(self.search(driver, "khieu naii "), [])

    def test_results_show_what_listings_show(self):
        driver = self.open_search("?q=tai%20dinh%20cu")
        item = driver.find_element(By.CSS_SELECTOR, "#search-results li")
        self.assertEqual(item.find_element(By.CSS_SELECTOR, ".notice-title a").get_attribute("pathname"),
                         f"/thong-bao/{RESETTLEMENT}/")
        meta = item.find_element(By.CSS_SELECTOR, ".notice-meta")
        self.assertEqual([a.get_attribute("pathname") for a in meta.find_elements(By.TAG_NAME, "a")],
                         ["/loai/resettlement-plan/", "/xa/xa-binh-thuan/"])
        self.assertIn("121/TB-UBND", meta.text)
        # Days left from the end instant, in the browser: the last day is 01/12/2026.
        self.assertEqual(item.find_element(By.CSS_SELECTOR, ".days-left").text, "còn 3 ngày")
        self.assertIn("is-expiring", item.get_attribute("class"))
        self.assertEqual(item.find_element(By.CSS_SELECTOR, ".notice-summary").text,
                         "Bố trí 14 lô đất ở cho các hộ phải di chuyển chỗ ở do dự án mở rộng Quốc lộ 24C.")
        # The same lines as the listing of its type, built at the same instant.
        listing = chromium()
        self.addCleanup(listing.quit)
        freeze_clock(listing, BUILD_NOW)
        listing.get(self.server.url + "loai/resettlement-plan/")
        listed = listing.find_element(By.CSS_SELECTOR, f'li[data-notice="{RESETTLEMENT}"]')
        for part in [".notice-meta", ".notice-period", ".notice-summary"]:
            self.assertEqual(" ".join(item.find_element(By.CSS_SELECTOR, part).text.split()),
                             " ".join(listed.find_element(By.CSS_SELECTOR, part).text.split()), part)

    def test_days_left_follow_the_browser_clock(self):
        driver = self.open_search("?q=nuoc%20sach", clock="2026-12-24T10:00:00+07:00")
        self.assertEqual(driver.find_element(By.CSS_SELECTOR, "#search-results .days-left").text,
                         "hôm nay là ngày cuối")
        driver = self.open_search("?q=nuoc%20sach", clock="2026-12-25T00:00:00+07:00")
        self.assertEqual(result_ids(driver), [])

    def test_nothing_found_suggests_what_to_try(self):
        driver = self.open_search("?q=nuoc%20sach%20an%20diem")
        self.assertEqual(result_ids(driver), [])
        help_box = driver.find_element(By.ID, "search-help")
        self.assertTrue(help_box.is_displayed())
        self.assertIn("không dấu", help_box.text)
        shorter = driver.find_elements(By.CSS_SELECTOR, "#search-fewer a")
        self.assertTrue(shorter, help_box.text)
        self.assertIn("nuoc sach", [a.text for a in shorter])
        shorter[[a.text for a in shorter].index("nuoc sach")].click()
        self.assertEqual(driver.find_element(By.ID, "search-q").get_attribute("value"), "nuoc sach")
        self.assertEqual(result_ids(driver), [WATER_PLANT])
        self.assertFalse(help_box.is_displayed())
        # Lists by type and by commune, always on the page.
        browse = [a.get_attribute("pathname") for a in driver.find_elements(By.CSS_SELECTOR, ".search-browse a")]
        self.assertIn("/loai/resettlement-plan/", browse)
        self.assertIn("/xa/xa-binh-chanh/", browse)

    def test_nothing_found_with_a_filter_offers_to_drop_it(self):
        driver = self.open_search("?q=tai%20dinh%20cu&loai=land-price")
        self.assertEqual(result_ids(driver), [])
        everywhere = driver.find_element(By.CSS_SELECTOR, "#search-unfilter a")
        self.assertTrue(everywhere.is_displayed())
        everywhere.click()
        self.assertEqual(Select(driver.find_element(By.ID, "search-type")).first_selected_option.get_attribute("value"), "")
        self.assertEqual(result_ids(driver)[0], RESETTLEMENT)

    def test_without_javascript_the_page_says_so_and_links_to_the_listings(self):
        driver = chromium(javascript=False)
        self.addCleanup(driver.quit)
        driver.get(self.server.url + "tim-kiem/")
        self.assertFalse(driver.find_element(By.ID, "search-form").is_displayed())
        note = driver.find_element(By.CSS_SELECTOR, ".search-noscript")
        self.assertTrue(note.is_displayed())
        self.assertIn("JavaScript", note.text)
        links = [a.get_attribute("pathname") for a in driver.find_elements(By.CSS_SELECTOR, ".search-browse a")
                 if a.is_displayed()]
        self.assertIn("/", links)
        self.assertIn("/loai/land-recovery-notice/", links)
        self.assertIn("/xa/xa-binh-thuan/", links)

    def test_the_form_fits_a_phone(self):
        for width in (320, 360):
            with self.subTest(width=width):
                driver = self.open_search("?q=boi%20thuong", width=width)
                sizes = driver.execute_script("""
                  const view = document.documentElement.clientWidth;
                  const form = document.getElementById('search-form').getBoundingClientRect();
                  const parts = [...document.querySelectorAll('#search-form label, #search-form input,'
                      + ' #search-form select, #search-form button, #search-results li')]
                    .map(e => [e.tagName + '#' + e.id, e.getBoundingClientRect().right, e.scrollWidth, e.clientWidth]);
                  return {view: view, scroll: document.documentElement.scrollWidth, form: form.right, parts: parts};""")
                self.assertLessEqual(sizes["scroll"], sizes["view"], sizes)
                self.assertLessEqual(sizes["form"], sizes["view"], sizes)
                for name, right, scroll, client in sizes["parts"]:
                    self.assertLessEqual(right, sizes["view"] + 0.5, f"{name} at {width} px: {sizes}")
                    if name.startswith("LABEL"):
                        self.assertLessEqual(scroll, client + 1, f"{name} is cut off at {width} px")


class SiteSynonymsTest(unittest.TestCase):
    """A site's own theme/search/synonyms.yaml replaces the default list."""

    def test_a_site_list_replaces_the_default(self):
        folder = TemporaryFolder()
        self.addCleanup(folder.remove)
        root = os.path.join(folder.path, "root")
        shutil.copytree(os.path.join(REPO, "content"), os.path.join(root, "content"))
        os.makedirs(os.path.join(root, "theme", "search"))
        with open(os.path.join(root, "theme", "search", "synonyms.yaml"), "w", encoding="utf-8") as f:
            f.write("- [trạm cấp nước, nhà máy nước]\n")
        site = os.path.join(folder.path, "site")
        build_site(root, BUILD_NOW, site)
        server = SiteServer(site)
        self.addCleanup(server.stop)
        driver = chromium()
        self.addCleanup(driver.quit)
        freeze_clock(driver, BUILD_NOW)
        driver.get(server.url + "tim-kiem/")
        WebDriverWait(driver, 10).until(
            lambda d: d.find_element(By.ID, "search-form").get_attribute("data-ready") is not None)
        box = driver.find_element(By.ID, "search-q")
        box.send_keys("tram cap nuoc")
        self.assertEqual(result_ids(driver), [WATER_PLANT])
        box.clear()
        box.send_keys("den bu")
        self.assertEqual(result_ids(driver), [])


if __name__ == "__main__":
    unittest.main()
