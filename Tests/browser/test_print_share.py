"""The official printout and sharing, in headless Chromium on the demo site:

- a notice printed to A4 (Chrome's Page.printToPDF, read back with pdftotext) follows the layout of
  Nghị định 30/2020/NĐ-CP: issuing body in capitals and number on the left, national name and motto
  on the right, place-and-date line, signature block, QR code and address on the same sheet; no
  countdown; labels that do not wrap; headings kept with their text; a typical notice on one page;
- link previews: og:image (the theme's, which a site can override) and og:description (summary,
  else the first paragraph) on every notice page;
- the Atom feeds open in a browser as a readable Vietnamese page (CSS, no XSLT) and stay valid Atom;
- the 404 page offers a search box that leads to the search page's results."""
import base64
import functools
import json
import os
import re
import shutil
import struct
import subprocess
import unittest
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import (BINARY, REPO, DemoSiteTestCase, QuietHandler, SiteServer, TemporaryFolder,
                             build_site, chromium, freeze_clock)

BASE_URL = "https://binhthuan.example.gov.vn/"
LAND_RECOVERY = "thong-bao/2026-11-02-thu-hoi-dat-duong-ven-bien/"   # the issue's two-sheet notice
COMPLAINT = "thong-bao/2026-11-18-quyet-dinh-giai-quyet-khieu-nai/"  # signed by the chairman
VILLAGE_RULES = "thong-bao/2026-11-05-du-thao-huong-uoc-thon-an-diem/"  # no `signed:`, not the UBND
LAND_PRICE = "thong-bao/2026-11-26-gia-dat-cu-the-khu-dan-cu-go-dat/"  # no `signed:`, other commune
PLAN_2 = "thong-bao/2026-11-10-phuong-an-boi-thuong-duong-ven-bien/"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
COUNTDOWN = re.compile(r"còn\s+\d+\s+ngày|hôm nay là ngày cuối", re.IGNORECASE)
ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HAS_POPPLER = bool(shutil.which("pdftotext") and shutil.which("pdfinfo"))


def words(text):
    """Text with every run of white space as one space (pdftotext breaks lines where the PDF does)."""
    return " ".join(text.split())


class MetaTags(HTMLParser):
    """`<meta property|name=… content=…>` of a page, and its forms."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs["content"]
        elif tag == "form":
            self.forms.append({"attrs": attrs, "inputs": []})
        elif tag == "input" and self.forms:
            self.forms[-1]["inputs"].append(attrs)


def page_meta(site, path):
    parser = MetaTags()
    with open(os.path.join(site, path, "index.html") if path.endswith("/") else os.path.join(site, path),
              encoding="utf-8") as handle:
        parser.feed(handle.read())
    return parser


def png_size(path):
    with open(path, "rb") as handle:
        head = handle.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


class NotFoundHandler(QuietHandler):
    """Serves 404.html, with status 404, for a missing file: what the README's nginx and Apache
    settings (`error_page 404 /404.html;`, `ErrorDocument 404 /404.html`) do."""

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.exists(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as handle:
            body = handle.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class NotFoundServer(SiteServer):
    def __init__(self, folder):
        import http.server
        import threading
        handler = functools.partial(NotFoundHandler, directory=folder)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()


@unittest.skipUnless(HAS_POPPLER, "needs poppler-utils (pdftotext, pdfinfo)")
class OfficialPrintoutTest(DemoSiteTestCase):
    """A4 printouts of notices, as a clerk prints them to post at the commune office."""

    def print_pdf(self, path, clock=None):
        driver = chromium()
        self.addCleanup(driver.quit)
        if clock:
            freeze_clock(driver, clock)
        driver.get(self.server.url + path)
        screen = driver.find_element(By.TAG_NAME, "body").text
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                         "displayHeaderFooter": False})
        out = os.path.join(self.folder.path, "print-" + path.strip("/").replace("/", "_") + ".pdf")
        with open(out, "wb") as handle:
            handle.write(base64.b64decode(pdf["data"]))
        return out, screen

    def pdf_text(self, pdf, layout=False):
        command = ["pdftotext"] + (["-layout"] if layout else []) + [pdf, "-"]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def pages(self, pdf):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
        return int(fields["Pages"].strip()), fields["Page size"].strip()

    def assert_official_layout(self, pdf, issuer_lines, number, place_date, signer, seal=True):
        text = words(self.pdf_text(pdf))
        hint = "(Ký, ghi rõ họ tên, đóng dấu)" if seal else "(Ký, ghi rõ họ tên)"
        for expected in [NATION, MOTTO, " ".join(issuer_lines), place_date, signer, hint]:
            self.assertIn(expected, text)
        if not seal:
            self.assertNotIn("đóng dấu", text)
        if number:
            self.assertIn("Số: " + number, text)
        # Left and right: the issuing body's first line shares its line with the national name, the
        # number with the motto or the date below it (pdftotext -layout keeps columns).
        lines = self.pdf_text(pdf, layout=True).splitlines()
        first = next(line for line in lines if issuer_lines[0] in line)
        self.assertIn(NATION, first)
        self.assertLess(first.index(issuer_lines[0]), first.index(NATION))
        if number:
            numbered = next(line for line in lines if "Số: " + number in line)
            self.assertTrue(MOTTO in numbered or place_date in numbered, numbered)
        # The heading comes first on the sheet, the signature block after the body.
        self.assertLess(text.index(NATION), text.rindex(signer))
        return text

    def test_land_recovery_notice_prints_officially_on_one_sheet_with_its_qr_code(self):
        pdf, _ = self.print_pdf(LAND_RECOVERY)
        text = self.assert_official_layout(pdf, ["ỦY BAN NHÂN DÂN", "XÃ BÌNH THUẬN"], "112/TB-UBND",
                                           "Bình Thuận, ngày 30 tháng 10 năm 2026", "TM. ỦY BAN NHÂN DÂN")
        pages, size = self.pages(pdf)
        self.assertEqual(pages, 1, "the land recovery notice no longer fits one A4 sheet")
        self.assertIn("(A4)", size)
        self.assertIn("Niêm yết từ 02/11/2026 đến hết ngày 05/02/2027", text)
        self.assertIn(BASE_URL + LAND_RECOVERY, text.replace(" ", ""))
        self.assertIsNone(COUNTDOWN.search(text))
        if shutil.which("zbarimg") and shutil.which("pdftoppm"):
            prefix = pdf[:-4]
            subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", pdf, prefix], check=True)
            png = next(os.path.join(self.folder.path, name) for name in sorted(os.listdir(self.folder.path))
                       if name.startswith(os.path.basename(prefix)) and name.endswith(".png"))
            found = subprocess.run(["zbarimg", "--quiet", "--raw", png], capture_output=True, text=True).stdout
            self.assertEqual(found.split(), [BASE_URL + LAND_RECOVERY])

    def test_a_decision_of_the_chairman_is_signed_by_the_chairman(self):
        pdf, _ = self.print_pdf(COMPLAINT)
        text = self.assert_official_layout(pdf, ["ỦY BAN NHÂN DÂN", "XÃ BÌNH THUẬN"], "215/QĐ-UBND",
                                           "Bình Thuận, ngày 17 tháng 11 năm 2026", "CHỦ TỊCH")
        self.assertNotIn("TM. ", text)
        self.assertEqual(self.pages(pdf)[0], 1)

    def test_without_a_signing_date_the_posting_date_is_used(self):
        pdf, _ = self.print_pdf(VILLAGE_RULES)
        self.assert_official_layout(pdf, ["BAN CÔNG TÁC MẶT TRẬN", "THÔN AN ĐIỀM"], None,
                                    "Bình Thuận, ngày 05 tháng 11 năm 2026", "TM. BAN CÔNG TÁC MẶT TRẬN", seal=False)
        pdf, _ = self.print_pdf(LAND_PRICE)
        self.assert_official_layout(pdf, ["ỦY BAN NHÂN DÂN", "XÃ BÌNH CHÁNH"], "66/TB-UBND",
                                    "Bình Chánh, ngày 26 tháng 11 năm 2026", "TM. ỦY BAN NHÂN DÂN")

    def test_the_countdown_shown_on_screen_is_not_printed(self):
        # At this clock the page says "còn 6 ngày" on screen (the expiry script); the paper must not.
        pdf, screen = self.print_pdf(COMPLAINT, clock="2026-11-27T10:00:00+07:00")
        self.assertRegex(screen, COUNTDOWN)
        self.assertIsNone(COUNTDOWN.search(words(self.pdf_text(pdf))))

    def test_every_demo_notice_prints_without_countdown_and_typical_ones_on_one_page(self):
        with open(os.path.join(self.site, "notices.json"), encoding="utf-8") as handle:
            notices = json.load(handle)["notices"]
        counts = {}
        for notice in notices:
            path = notice["url"].lstrip("/")
            pdf, _ = self.print_pdf(path)
            text = words(self.pdf_text(pdf))
            self.assertIsNone(COUNTDOWN.search(text), path)
            for expected in [NATION, MOTTO]:
                self.assertIn(expected, text, path)
            counts[path] = self.pages(pdf)[0]
        # Only the compensation plan (a table of amounts and a list of changes) may take two sheets.
        longer = {path: n for path, n in counts.items() if n > 1}
        self.assertLessEqual(set(longer), {PLAN_2}, counts)
        self.assertLessEqual(max(counts.values()), 2, counts)

    def test_labels_do_not_wrap_and_headings_stay_with_their_text(self):
        driver = chromium(width=662)  # the A4 text column (175 mm) at 96 px per inch
        self.addCleanup(driver.quit)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        for path in [LAND_RECOVERY, PLAN_2]:
            driver.get(self.server.url + path)
            state = driver.execute_script("""
              const labels = [...document.querySelectorAll('.official-posting strong')];
              const heads = [...document.querySelectorAll('article h1, article h2, article h3')]
                .filter(h => h.getClientRects().length);
              return {
                labels: labels.map(l => [l.textContent, l.getClientRects().length]),
                meta: getComputedStyle(document.querySelector('.meta')).display,
                head: getComputedStyle(document.querySelector('.official-head')).display,
                breaks: heads.map(h => [h.textContent, getComputedStyle(h).breakAfter]),
              };""")
            self.assertGreaterEqual(len(state["labels"]), 3, path)
            for label, boxes in state["labels"]:
                self.assertEqual(boxes, 1, f"{path}: label {label!r} wraps")
            self.assertEqual(state["meta"], "none")
            self.assertEqual(state["head"], "grid")
            self.assertTrue(state["breaks"], path)
            for heading, after in state["breaks"]:
                self.assertEqual(after, "avoid", f"{path}: {heading!r} may be left at the bottom of a page")


class SharingTest(DemoSiteTestCase):
    """What Zalo, Facebook and feed readers see."""

    def test_every_notice_page_has_og_image_and_a_useful_description(self):
        with open(os.path.join(self.site, "notices.json"), encoding="utf-8") as handle:
            notices = json.load(handle)["notices"]
        periods_only = 0
        for notice in notices:
            path = notice["url"].lstrip("/")
            meta = page_meta(self.site, path).meta
            image = meta.get("og:image", "")
            self.assertEqual(image, BASE_URL + "assets/og-image.png", path)
            self.assertTrue(meta.get("og:image:alt"), path)
            description = meta.get("og:description", "")
            self.assertGreater(len(description), 40, path)
            self.assertLessEqual(len(description), 260, path)
            self.assertEqual(meta.get("description"), description, path)
            self.assertNotIn("*", description, path)
            self.assertNotIn("](", description, path)
            if description.startswith("Niêm yết từ"):
                periods_only += 1
        self.assertEqual(periods_only, 0, "a notice still shares only its posting period")
        # A summary is used as written; otherwise the first paragraph, as plain text.
        self.assertEqual(page_meta(self.site, LAND_RECOVERY).meta["og:description"],
                         "Thu hồi 4,35 ha đất nông nghiệp của 27 hộ gia đình tại thôn An Điềm để xây dựng Đường ven biển.")
        self.assertTrue(page_meta(self.site, COMPLAINT).meta["og:description"].startswith(
            "Chủ tịch Ủy ban nhân dân xã Bình Thuận công khai Quyết định số 215/QĐ-UBND"))
        width, height = png_size(os.path.join(self.site, "assets", "og-image.png"))
        self.assertEqual((width, height), (1200, 630))
        self.assertLess(os.path.getsize(os.path.join(self.site, "assets", "og-image.png")), 60_000)

    def test_a_site_can_use_its_own_og_image(self):
        root = TemporaryFolder()
        self.addCleanup(root.remove)
        shutil.copytree(os.path.join(REPO, "content"), os.path.join(root.path, "content"))
        os.makedirs(os.path.join(root.path, "theme", "assets"))
        own = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + struct.pack(">II", 600, 315) + b"own image"
        with open(os.path.join(root.path, "theme", "assets", "og-image.png"), "wb") as handle:
            handle.write(own)
        output = os.path.join(root.path, "site")
        build_site(root.path, self.BUILD_NOW, output)
        with open(os.path.join(output, "assets", "og-image.png"), "rb") as handle:
            self.assertEqual(handle.read(), own)
        self.assertEqual(page_meta(output, LAND_RECOVERY).meta["og:image"], BASE_URL + "assets/og-image.png")

    def feeds(self):
        found = []
        for folder, _, files in os.walk(self.site):
            found += [os.path.relpath(os.path.join(folder, name), self.site) for name in files if name == "feed.xml"]
        return sorted(found)

    def test_every_feed_stays_valid_atom(self):
        feeds = self.feeds()
        self.assertIn("feed.xml", feeds)
        self.assertGreater(len(feeds), 3)
        for path in feeds:
            with open(os.path.join(self.site, path), encoding="utf-8") as handle:
                text = handle.read()
            self.assertIn('<?xml-stylesheet type="text/css" href="/assets/feed.css"?>', text.splitlines()[1], path)
            self.assertNotIn("xsl", text.lower().split("<feed")[0], path)
            root = ET.fromstring(text.encode("utf-8"))
            self.assertEqual(root.tag, ATOM + "feed", path)
            # RFC 4287 §4.1.1: exactly one id, title, updated; one rel="self" link.
            for name in ["id", "title", "updated", "subtitle"]:
                self.assertEqual(len(root.findall(ATOM + name)), 1, f"{path}: {name}")
            self.assertEqual(len([l for l in root.findall(ATOM + "link") if l.get("rel") == "self"]), 1, path)
            # Foreign markup only outside the Atom namespace (§6.4); xhtml constructs hold one div (§3.1.1.3).
            for child in root:
                self.assertTrue(child.tag.startswith(ATOM) or not child.tag.startswith("{http://www.w3.org/2005/Atom"), path)
            for construct in root.iter():
                if construct.tag.startswith(ATOM) and construct.get("type") == "xhtml":
                    children = list(construct)
                    self.assertEqual([c.tag for c in children], [XHTML + "div"], f"{path}: {construct.tag}")
                    self.assertFalse((construct.text or "").strip(), path)
            entries = root.findall(ATOM + "entry")
            for entry in entries:
                for name in ["id", "title", "updated", "summary", "content"]:
                    self.assertEqual(len(entry.findall(ATOM + name)), 1, f"{path}: entry {name}")
                link = entry.find(ATOM + "link").get("href")
                anchors = [a.get("href") for a in entry.find(ATOM + "content").iter(XHTML + "a")]
                self.assertEqual(anchors, [link], path)
            if path == "feed.xml":
                with open(os.path.join(self.site, "notices.json"), encoding="utf-8") as handle:
                    self.assertEqual(len(entries), len(json.load(handle)["notices"]))

    def open_feed(self, path="feed.xml", mobile=False):
        driver = chromium(width=360 if mobile else 1280)
        self.addCleanup(driver.quit)
        if mobile:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
        driver.get(self.server.url + path)
        return driver

    def test_the_feed_opens_as_a_readable_vietnamese_page(self):
        driver = self.open_feed()
        state = driver.execute_script("""
          const root = document.documentElement;
          const title = root.querySelector(':scope > title');
          const anchors = [...document.getElementsByTagNameNS('http://www.w3.org/1999/xhtml', 'a')];
          return {
            text: root.textContent,
            viewer: !!document.getElementById('webkit-xml-viewer-source-xml'),
            rootDisplay: getComputedStyle(root).display,
            titleSize: parseFloat(getComputedStyle(title).fontSize),
            idDisplay: getComputedStyle(root.querySelector(':scope > id')).display,
            links: anchors.map(a => [a.constructor.name, a.href]),
          };""")
        # Chromium's raw-XML viewer (with its English "no style information" line) is not used.
        self.assertFalse(state["viewer"])
        self.assertEqual(state["rootDisplay"], "block")
        self.assertGreater(state["titleSize"], 20)
        self.assertEqual(state["idDisplay"], "none")
        text = words(state["text"])
        for expected in ["Đây là nguồn tin (Atom)", "Cách theo dõi", "ứng dụng đọc tin",
                         "Địa chỉ nguồn tin: " + BASE_URL + "feed.xml", "Xem toàn văn thông báo"]:
            self.assertIn(expected, text)
        with open(os.path.join(self.site, "notices.json"), encoding="utf-8") as handle:
            for notice in json.load(handle)["notices"]:
                self.assertIn(words(notice["title"]), text)
                self.assertIn(["HTMLAnchorElement", BASE_URL.rstrip("/") + notice["url"]], state["links"])
        self.assertIn(["HTMLAnchorElement", BASE_URL], state["links"])

    def test_the_feed_page_fits_a_phone(self):
        driver = self.open_feed(mobile=True)
        width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(width[0], 360, width)
        self.assertEqual(width[1], 360, "the feed page is not sized to the phone (viewport)")


class NotFoundPageTest(DemoSiteTestCase):
    """A removed notice on a server set up as the README says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server.stop()
        cls.server = NotFoundServer(cls.site)

    def test_the_404_page_has_a_search_form_for_the_search_page(self):
        parser = page_meta(self.site, "404.html")
        self.assertEqual(len(parser.forms), 1)
        form = parser.forms[0]
        self.assertEqual(form["attrs"].get("action"), "/tim-kiem/")
        self.assertEqual(form["attrs"].get("method", "get").lower(), "get")
        self.assertEqual([i.get("name") for i in form["inputs"]], ["q"])
        with open(os.path.join(self.site, "assets", "search.js"), encoding="utf-8") as handle:
            self.assertIn('get("q")', handle.read(), "the search page no longer reads ?q=")

    def test_a_removed_notice_offers_search_and_the_home_page(self):
        driver = chromium()
        self.addCleanup(driver.quit)
        driver.get(self.server.url + "thong-bao/2026-09-01-ke-hoach-don-dien-doi-thua/")
        self.assertIn("Không tìm thấy trang", driver.find_element(By.TAG_NAME, "h1").text)
        homes = [a.get_attribute("pathname") for a in driver.find_elements(By.CSS_SELECTOR, "main a")]
        self.assertIn("/", homes)
        box = driver.find_element(By.CSS_SELECTOR, "main form[role=search] input[name=q]")
        self.assertTrue(driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").text)
        box.send_keys("boi thuong")
        box.submit()
        WebDriverWait(driver, 10).until(lambda d: urlsplit(d.current_url).path == "/tim-kiem/")
        self.assertEqual(urlsplit(driver.current_url).query, "q=boi+thuong")
        WebDriverWait(driver, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        results = [a.get_attribute("pathname") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
        self.assertIn("/" + PLAN_2, results)


if __name__ == "__main__":
    unittest.main()
