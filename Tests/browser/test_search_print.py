"""Residents' search (diacritic-insensitive, title first, filters, offline once loaded, expiry-aware)
and the printed notice (one A4 page with a readable QR code), in headless Chromium."""
import base64
import os
import shutil
import subprocess
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import BINARY, REPO, DemoSiteTestCase, chromium, freeze_clock, open_search_page, type_search

BUILD_NOW = "2026-11-28T09:00:00+07:00"
PLAN_2 = "/thong-bao/2026-11-10-phuong-an-boi-thuong-duong-ven-bien/"
RESETTLEMENT = "/thong-bao/2026-11-16-bo-tri-tai-dinh-cu-khu-go-cay-sung/"
COMPLAINT = "thong-bao/2026-11-18-quyet-dinh-giai-quyet-khieu-nai/"


class SearchTest(DemoSiteTestCase):
    def open_search(self, clock=BUILD_NOW, query=""):
        return open_search_page(self, self.server.url, clock, query)

    def search(self, driver, text):
        type_search(driver, text)
        return self.results(driver)

    def results(self, driver):
        # The title links (a result also links to its type and commune lists, as listings do).
        return [a.get_attribute("pathname")
                for a in driver.find_elements(By.CSS_SELECTOR, "#search-results .notice-title a")]

    def test_finds_words_typed_without_diacritics(self):
        driver = self.open_search()
        plain = self.search(driver, "boi thuong")
        accented = self.search(driver, "bồi thường")
        self.assertIn(PLAN_2, plain)
        self.assertEqual(plain, accented)
        self.assertIn("Tìm thấy", driver.find_element(By.ID, "search-status").text)

    def test_d_finds_đ(self):
        driver = self.open_search()
        self.assertIn(PLAN_2, self.search(driver, "duong ven bien"))
        self.assertEqual(self.search(driver, "DƯỜNG VEN BIỂN"), self.search(driver, "đường ven biển"))

    def test_title_matches_rank_first(self):
        driver = self.open_search()
        hits = self.search(driver, "doi thoai")
        # "đối thoại" is in the title of the dialogue notice, only in the body of the compensation plan.
        self.assertEqual(hits[0], "/thong-bao/2026-11-25-lich-tiep-cong-dan-thang-11/")
        self.assertIn(PLAN_2, hits[1:])

    def test_number_and_filters(self):
        driver = self.open_search()
        self.assertEqual(self.search(driver, "118/TB-UBND"), [PLAN_2])
        self.search(driver, "")
        Select(driver.find_element(By.ID, "search-commune")).select_by_value("xa-binh-chanh")
        self.assertEqual(sorted(self.results(driver)), [
            "/thong-bao/2026-11-24-lay-y-kien-nha-may-nuoc-binh-chanh/",
            "/thong-bao/2026-11-26-gia-dat-cu-the-khu-dan-cu-go-dat/",
        ])
        Select(driver.find_element(By.ID, "search-type")).select_by_value("land-price")
        self.assertEqual(self.results(driver), ["/thong-bao/2026-11-26-gia-dat-cu-the-khu-dan-cu-go-dat/"])

    def test_query_in_the_address_and_no_match(self):
        driver = self.open_search(query="?q=tai%20dinh%20cu")
        self.assertIn(RESETTLEMENT, self.results(driver))
        self.assertEqual(self.search(driver, "khongcotukhoanay"), [])
        self.assertEqual(driver.find_element(By.ID, "search-status").text, "Không tìm thấy thông báo nào đang niêm yết.")

    def test_works_offline_once_loaded(self):
        driver = self.open_search()
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
        self.assertIn(PLAN_2, self.search(driver, "phuong an"))

    def test_ended_notices_drop_out_of_a_stale_index(self):
        driver = self.open_search(clock="2026-12-02T00:00:00+07:00")
        hits = self.search(driver, "tai dinh cu")
        self.assertNotIn(RESETTLEMENT, hits)
        self.assertIn(PLAN_2, hits)


@unittest.skipUnless(shutil.which("pdfinfo") and shutil.which("zbarimg"), "needs poppler-utils and zbar-tools")
class PrintTest(DemoSiteTestCase):
    def print_pdf(self, path):
        driver = chromium()
        self.addCleanup(driver.quit)
        driver.get(self.server.url + path)
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                         "displayHeaderFooter": False})
        out = os.path.join(self.folder.path, path.strip("/").replace("/", "_") + ".pdf")
        with open(out, "wb") as f:
            f.write(base64.b64decode(pdf["data"]))
        return out

    def pages_and_size(self, pdf):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
        return int(fields["Pages"].strip()), fields["Page size"].strip()

    def qr_codes(self, pdf):
        prefix = pdf[:-4]
        subprocess.run(["pdftoppm", "-r", "150", "-png", pdf, prefix], check=True)
        pngs = sorted(p for p in os.listdir(self.folder.path) if p.startswith(os.path.basename(prefix)) and p.endswith(".png"))
        found = []
        for png in pngs:
            result = subprocess.run(["zbarimg", "--quiet", "--raw", os.path.join(self.folder.path, png)],
                                    capture_output=True, text=True)
            found += [line for line in result.stdout.splitlines() if line]
        return found

    def test_a_typical_notice_prints_on_one_a4_page_with_a_readable_qr_code(self):
        pdf = self.print_pdf(COMPLAINT)
        pages, size = self.pages_and_size(pdf)
        self.assertEqual(pages, 1)
        self.assertIn("(A4)", size)
        self.assertEqual(self.qr_codes(pdf), ["https://binhthuan.example.gov.vn/" + COMPLAINT])
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        for expected in ["215/QĐ-UBND", "Chủ tịch Ủy ban nhân dân xã Bình Thuận",
                         "Niêm yết từ 18/11/2026 đến hết ngày 03/12/2026"]:
            self.assertIn(expected, text)
        self.assertNotIn("Chuyển đến nội dung chính", text)

    def write_records(self, now):
        """`congkhai records` for the demo into a folder beside (never inside) the served site."""
        records = os.path.join(self.folder.path, "ho-so")
        subprocess.run([BINARY, "records", "--root", REPO, "--out", records, "--output", self.site, "--now", now],
                       capture_output=True, text=True, check=True)
        return records

    def print_file_pdf(self, path):
        driver = chromium()
        self.addCleanup(driver.quit)
        driver.get("file://" + path)
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                         "displayHeaderFooter": False})
        out = path[:-5] + ".pdf"
        with open(out, "wb") as f:
            f.write(base64.b64decode(pdf["data"]))
        return out

    def test_the_opening_record_prints_on_one_a4_page_and_is_not_published(self):
        records = self.write_records(self.BUILD_NOW)
        pdf = self.print_file_pdf(os.path.join(records, COMPLAINT.split("/")[1], "bien-ban-niem-yet.html"))
        pages, size = self.pages_and_size(pdf)
        self.assertEqual(pages, 1)
        self.assertIn("(A4)", size)
        text = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout.split())
        for expected in ["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH THUẬN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "BIÊN BẢN", "ngày 18 tháng 11 năm 2026",
                         "hết ngày 03 tháng 12 năm 2026", "(Ký, ghi rõ họ tên)"]:
            self.assertIn(expected, text)
        # Office documents: nothing of them in the served site.
        for folder, _, files in os.walk(self.site):
            self.assertFalse([f for f in files if f.startswith("bien-ban")], folder)

    def test_the_closing_record_of_an_ended_notice_prints_on_two_pages_at_most(self):
        records = self.write_records(self.BUILD_NOW)
        pdf = self.print_file_pdf(os.path.join(records, "2026-09-01-ke-hoach-don-dien-doi-thua",
                                               "bien-ban-ket-thuc-niem-yet.html"))
        pages, size = self.pages_and_size(pdf)
        self.assertLessEqual(pages, 2)
        self.assertIn("(A4)", size)
        text = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout.split())
        for expected in ["Kết thúc niêm yết công khai", "theo nhật ký đăng tải", "Ý kiến nhận được"]:
            self.assertIn(expected, text)

if __name__ == "__main__":
    unittest.main()
