"""Shared helpers for the browser tests: build a site with the real congkhai binary, serve it on
127.0.0.1, and drive headless Chromium (Debian's chromium + chromium-driver) through Selenium."""
import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading
import unittest
from datetime import datetime

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("CONGKHAI", os.path.join(REPO, ".build", "debug", "congkhai"))


def build_site(root, now, output):
    """Runs `congkhai build` and fails loudly on a non-zero exit."""
    result = subprocess.run([BINARY, "build", "--root", root, "--output", output, "--now", now],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"congkhai build failed:\n{result.stderr}")
    return result.stdout


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class SiteServer:
    """A static file server for one folder on 127.0.0.1 and a free port, in a thread."""

    def __init__(self, folder):
        handler = functools.partial(QuietHandler, directory=folder)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def chromium(javascript=True, width=1280, height=900):
    """A headless Chromium driven by Debian's chromedriver (no downloads)."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--lang=vi"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def freeze_clock(driver, iso_instant):
    """Makes every page the driver opens from now on see `iso_instant` as the current time, frozen
    (Date.now() and `new Date()`), injected before any page script runs."""
    millis = int(datetime.fromisoformat(iso_instant).timestamp() * 1000)
    script = """
    (() => {
      const RealDate = Date;
      const frozen = %d;
      class FrozenDate extends RealDate {
        constructor(...args) { if (args.length === 0) { super(frozen); } else { super(...args); } }
        static now() { return frozen; }
      }
      window.Date = FrozenDate;
    })();
    """ % millis
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})


def open_search_page(test, url, clock, query="", width=1280):
    """The search page of the site at `url`, its page clock frozen at `clock`, once its index has
    loaded; the driver quits when `test` ends. Widths under 500 px are emulated (a window cannot be
    that narrow)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver = chromium(width=max(width, 500))
    test.addCleanup(driver.quit)
    if width < 500:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    freeze_clock(driver, clock)
    driver.get(url + "tim-kiem/" + query)
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "search-form").get_attribute("data-ready") is not None)
    return driver


def type_search(driver, text):
    """Types `text` into the search box, replacing what was there."""
    from selenium.webdriver.common.by import By
    box = driver.find_element(By.ID, "search-q")
    box.clear()
    box.send_keys(text)


class TemporaryFolder:
    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="congkhai-browser-")

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)


class DemoSiteTestCase(unittest.TestCase):
    """Builds the repository's demo site once per test class at `BUILD_NOW` and serves it."""

    BUILD_NOW = "2026-11-28T09:00:00+07:00"

    @classmethod
    def setUpClass(cls):
        cls.folder = TemporaryFolder()
        cls.site = os.path.join(cls.folder.path, "site")
        build_site(REPO, cls.BUILD_NOW, cls.site)
        cls.server = SiteServer(cls.site)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.folder.remove()
