"""Issue 7: an XSS corpus. Every vector is placed in every text a clerk or the IT contact writes —
notice titles, summaries, numbers, issuers, attachment titles and bodies, page titles, summaries and
bodies, and site.yaml strings (site title and description, commune names, type names) — and built
with the real binary. Every generated HTML page is then loaded in headless Chromium with a hook
injected before any page script (CDP Page.addScriptToEvaluateOnNewDocument) that records every call
of window.__xss(n), alert, confirm, prompt and print; the DOM is checked for injected elements and
attributes. The hook itself is proven on a control page that does execute script."""
import json
import os
import time
import unittest

from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import REPO, SiteServer, TemporaryFolder, build_site, chromium, freeze_clock

BUILD_NOW = "2026-03-20T09:00:00+07:00"

# `XSS` becomes `__xss(n)` and `ALERT` becomes `alert(n)`, n being the vector's number, so a
# recorded call says which vector ran. Markdown vectors matter in bodies; the others everywhere.
VECTORS = [
    '<script>XSS</script>',
    '<ScRiPt>XSS</sCrIpT>',
    '<script\n>XSS</script\n>',
    '<img src=x onerror=XSS>',
    '<img src=x onerror=ALERT>',
    '<svg onload=XSS>',
    '<svg><script>XSS</script></svg>',
    '"><script>XSS</script>',
    "'><img src=x onerror=XSS>",
    '" autofocus onfocus="XSS" x="',
    "' autofocus onfocus='XSS' x='",
    '"><svg/onload=XSS>',
    '</title><script>XSS</script>',
    '</textarea><script>XSS</script>',
    '<iframe src="javascript:XSS"></iframe>',
    '<iframe srcdoc="<script>parent.XSS</script>"></iframe>',
    '<a href="javascript:XSS">bấm</a>',
    '<a href="&#x6A;avascript:XSS">bấm</a>',
    '<details open ontoggle=XSS>chi tiết</details>',
    '<input autofocus onfocus=XSS>',
    '<body onload=XSS>',
    '<object data="javascript:XSS"></object>',
    '<embed src="javascript:XSS">',
    '<meta http-equiv="refresh" content="0;url=javascript:XSS">',
    '<base href="javascript:XSS//">',
    '<math><mtext><table><mglyph><style><img src=x onerror=XSS>',
    '<noscript><p title="</noscript><img src=x onerror=XSS>">',
    '<scr<script>ipt>XSS</scr</script>ipt>',
    '<!--><img src=x onerror=XSS>-->',
    '<![CDATA[<img src=x onerror=XSS>]]>',
    '<form><button formaction="javascript:XSS">gửi</button></form>',
    '<svg><a xlink:href="javascript:XSS"><text y="20">bấm</text></a></svg>',
    '<svg><animate onbegin=XSS attributeName=x dur=1s>',
    '<video><source onerror=XSS></video>',
    '<style>@import "javascript:XSS";</style>',
    '&lt;script&gt;XSS&lt;/script&gt;',
    '&#60;img src=x onerror=XSS&#62;',
    '[bấm](javascript:XSS)',
    '[bấm](JaVaScRiPt:XSS)',
    '[bấm](&#106;avascript:XSS)',
    '[bấm](javascript&colon;XSS)',
    '[bấm](<javascript:XSS>)',
    '[bấm](vbscript:XSS)',
    '[bấm](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoMCk8L3NjcmlwdD4=)',
    '<javascript:XSS>',
    '![ảnh](javascript:XSS)',
    '![ảnh" onerror="XSS](x.png)',
    '![ảnh](x.png "\\" onerror=\\"XSS")',
    '[bấm](x "\\" onmouseover=\\"XSS")',
    '[tham chiếu][x]\n\n[x]: javascript:XSS',
    'Chú thích[^1]\n\n[^1]: <img src=x onerror=XSS>',
    '| cột |\n|---|\n| <img src=x onerror=XSS> |',
    '- [ ] <img src=x onerror=XSS>',
    '`<img src=x onerror=XSS>`',
    '```html\n<script>XSS</script>\n```',
    'www.example.com/"onmouseover="XSS"',
    '{{{site.title}}}<script>XSS</script>{{=<% %>=}}',
    "<img src=x onerror=\"window['__x'+'ss'](N)\">",
]


def vector(n):
    return VECTORS[n].replace("XSS", f"__xss({n})").replace("ALERT", f"alert({n})").replace("(N)", f"({n})")


def quoted(text):
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


# Recorded in the page and in sessionStorage, so an execution that navigates away is not lost.
HOOK = """
(() => {
  const record = (what) => {
    try { (window.top.__xssLog = window.top.__xssLog || []).push(String(what)); } catch (e) {}
    try {
      const seen = JSON.parse(sessionStorage.getItem("__xss") || "[]");
      seen.push(String(what));
      sessionStorage.setItem("__xss", JSON.stringify(seen));
    } catch (e) {}
  };
  window.__xssLog = window.__xssLog || [];
  window.__xss = (n) => record("__xss(" + n + ")");
  window.alert = (m) => record("alert(" + m + ")");
  window.confirm = (m) => { record("confirm(" + m + ")"); return false; };
  window.prompt = (m) => { record("prompt(" + m + ")"); return null; };
  window.print = () => record("print()");
})();
"""

# Returns what ran and what was injected. `arguments[0]`: the script paths the theme may load.
INSPECT = """
const allowed = new Set(arguments[0]);
const injected = [];
const short = (el) => el.outerHTML.slice(0, 160);
for (const s of document.querySelectorAll("script")) {
  if (!s.src || !allowed.has(new URL(s.src, location.href).pathname)) injected.push("script: " + short(s));
}
for (const el of document.querySelectorAll(
    "iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], link[rel=import], " +
    "svg a, svg foreignObject, svg animate, svg set, svg handler")) {
  injected.push("element: " + short(el));
}
const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                       "lowsrc", "dynsrc", "codebase", "cite", "srcset"];
for (const el of document.querySelectorAll("*")) {
  for (const attr of el.attributes) {
    const name = attr.name.toLowerCase();
    const value = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
    if (name.startsWith("on")) injected.push("handler: " + short(el));
    if (name === "srcdoc") injected.push("srcdoc: " + short(el));
    if (urlAttributes.includes(name) && /^(javascript|vbscript|data:text|data:application|data:image\\/svg)/.test(value))
      injected.push("url: " + short(el));
  }
}
let stored = [];
try { stored = JSON.parse(sessionStorage.getItem("__xss") || "[]"); sessionStorage.removeItem("__xss"); } catch (e) {}
return {ran: (window.__xssLog || []).concat(stored), injected: injected, url: location.href};
"""

CONTROL_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>control</title></head><body>
<script>__xss(0)</script><img src="x-missing.png" onerror="alert(0)">
<a href="javascript:__xss(0)">x</a><iframe src="about:blank"></iframe>
</body></html>
"""


class XSSCorpusTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = TemporaryFolder()
        root = cls.folder.path
        cls.vectors = [vector(n) for n in range(len(VECTORS))]
        cls.write_site(root, cls.vectors)
        cls.site = os.path.join(root, "site")
        build_site(root, BUILD_NOW, cls.site)
        with open(os.path.join(cls.site, "xss-control.html"), "w", encoding="utf-8") as f:
            f.write(CONTROL_PAGE)
        cls.server = SiteServer(cls.site)
        cls.driver = chromium()
        freeze_clock(cls.driver, BUILD_NOW)
        cls.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
        theme_scripts = [name for name in os.listdir(os.path.join(REPO, "theme", "assets")) if name.endswith(".js")]
        cls.allowed_scripts = [f"/assets/{name}" for name in theme_scripts]

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()
        cls.folder.remove()

    @staticmethod
    def write_site(root, vectors):
        def write(path, text):
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)

        everything = " ".join(vectors)
        lines = [f"title: {quoted('Xã Thử ' + everything)}",
                 'base_url: "https://xss.example.gov.vn/"',
                 f"description: {quoted(everything)}",
                 "communes:"]
        lines += [f"  xa-{n}: {quoted(v)}" for n, v in enumerate(vectors)]
        lines.append("types:")
        lines += [f"  loai-{n}: {{ name: {quoted(v)}, name_en: {quoted(v)}, legal_basis: {quoted(v)} }}"
                  for n, v in enumerate(vectors)]
        write("content/site.yaml", "\n".join(lines) + "\n")
        for n, v in enumerate(vectors):
            body = f"Mở đầu.\n\n{v}\n\nGiữa đoạn {v} cuối đoạn.\n\n> {v}\n\n- {v}\n"
            write(f"content/notices/xss-{n}/index.md", "\n".join([
                "---", f"title: {quoted(v)}", f"type: loai-{n}", f"commune: xa-{n}", f"number: {quoted(v)}",
                f"issuer: {quoted(v)}", "posted: 2026-03-05", "expires: 2026-04-06", f"summary: {quoted(v)}",
                f"attachments: [{{ file: tep.pdf, title: {quoted(v)} }}]", "---", body]))
            write(f"content/notices/xss-{n}/tep.pdf", "%PDF-1.4\n")
            write(f"content/pages/xss-{n}.md", "\n".join([
                "---", f"title: {quoted(v)}", f"summary: {quoted(v)}", "---", body]))
        # Attachment file names are text too: they end up in links and in the file type.
        names = ['x" autofocus onfocus="__xss(900)" y=".pdf', "x'><img src=x onerror=__xss(901)>.pdf",
                 "x.<svg onload=__xss(902)>"]
        write("content/notices/xss-ten-tep/index.md", "\n".join([
            "---", 'title: "Tên tệp"', "type: general", "commune: xa-0", 'issuer: "UBND"',
            "posted: 2026-03-05", "expires: 2026-04-06",
            "attachments: [" + ", ".join(f"{{ file: {quoted(name)} }}" for name in names) + "]",
            "---", "Nội dung."]))
        for name in names:
            write(f"content/notices/xss-ten-tep/{name}", "%PDF-1.4\n")

    def html_pages(self):
        pages = []
        for folder, _, files in os.walk(self.site):
            for name in files:
                if name.endswith(".html") and name != "xss-control.html":
                    pages.append(os.path.relpath(os.path.join(folder, name), self.site))
        return sorted(pages)

    def load(self, path, server=None):
        """Loads `path`, lets event handlers fire, and returns what ran and what was injected."""
        dialogs = []
        self.driver.get((server or self.server).url + path)
        if "search-form" in self.driver.page_source:
            try:
                WebDriverWait(self.driver, 5).until(
                    lambda d: d.find_elements(By.CSS_SELECTOR, "#search-form[data-ready]"))
            except WebDriverException:
                pass
        time.sleep(0.1)
        for _ in range(3):
            try:
                return self.driver.execute_script(INSPECT, self.allowed_scripts), dialogs
            except UnexpectedAlertPresentException as alert:
                dialogs.append(str(alert.alert_text))
                try:
                    self.driver.switch_to.alert.dismiss()
                except NoAlertPresentException:
                    pass
        self.fail(f"{path}: dialogs keep opening: {dialogs}")

    def test_the_corpus_is_big_enough(self):
        self.assertGreaterEqual(len(VECTORS), 30)
        self.assertTrue(all(f"({n})" in v or "data:" in v for n, v in enumerate(self.vectors)))
        pages = self.html_pages()
        for n in range(len(VECTORS)):
            for page in [f"thong-bao/xss-{n}/index.html", f"trang/xss-{n}/index.html",
                         f"xa/xa-{n}/index.html", f"loai/loai-{n}/index.html"]:
                self.assertIn(page, pages)

    def test_the_hook_sees_script_execution(self):
        result, dialogs = self.load("xss-control.html")
        self.assertIn("__xss(0)", result["ran"])
        self.assertIn("alert(0)", result["ran"])
        self.assertEqual(dialogs, [])
        self.assertTrue(any(i.startswith("script:") for i in result["injected"]))
        self.assertTrue(any(i.startswith("element:") for i in result["injected"]))
        self.assertTrue(any(i.startswith("handler:") for i in result["injected"]))
        self.assertTrue(any(i.startswith("url:") for i in result["injected"]))
        # Nothing leaks into the next page's record.
        again, _ = self.load("index.html")
        self.assertNotIn("__xss(0)", again["ran"])

    def test_a_theme_that_does_not_escape_is_caught(self):
        """The whole pipeline can fail: the same check finds the vectors once a template prints the
        title unescaped (a site theme overriding notice.mustache with {{{title}}})."""
        folder = TemporaryFolder()
        self.addCleanup(folder.remove)
        vectors = [vector(n) for n in (0, 3, 9)]
        self.write_site(folder.path, vectors)
        with open(os.path.join(REPO, "theme", "templates", "notice.mustache"), encoding="utf-8") as f:
            template = f.read()
        self.assertIn("<h1>{{title}}</h1>", template)
        os.makedirs(os.path.join(folder.path, "theme", "templates"))
        with open(os.path.join(folder.path, "theme", "templates", "notice.mustache"), "w", encoding="utf-8") as f:
            f.write(template.replace("<h1>{{title}}</h1>", "<h1>{{{title}}}</h1>"))
        output = os.path.join(folder.path, "site")
        build_site(folder.path, BUILD_NOW, output)
        server = SiteServer(output)
        self.addCleanup(server.stop)
        result, _ = self.load("thong-bao/xss-0/", server=server)
        self.assertIn("__xss(0)", result["ran"])
        self.assertTrue(any(i.startswith("script:") for i in result["injected"]))
        result, _ = self.load("thong-bao/xss-1/", server=server)
        self.assertIn("__xss(3)", result["ran"])
        self.assertTrue(any(i.startswith("handler:") for i in result["injected"]))

    def test_no_vector_runs_or_is_injected_on_any_page(self):
        pages = self.html_pages()
        self.assertGreater(len(pages), 4 * len(VECTORS))
        visits = pages[:]
        # The search page renders results from search.json: search for every vector at once.
        if "tim-kiem/index.html" in pages:
            visits.append("tim-kiem/index.html?q=xss")
        problems = []
        for page in visits:
            result, dialogs = self.load(page)
            if result["ran"]:
                problems.append(f"{page}: script ran: {result['ran']}")
            if dialogs:
                problems.append(f"{page}: dialogs: {dialogs}")
            if result["injected"]:
                problems.append(f"{page}: injected: {result['injected'][:5]}")
            if not result["url"].startswith(self.server.url + page.split("?")[0]):
                problems.append(f"{page}: navigated away to {result['url']}")
        self.assertEqual(problems, [], "\n".join(problems[:40]))

    def test_search_results_show_the_vectors_as_text(self):
        if not os.path.exists(os.path.join(self.site, "tim-kiem", "index.html")):
            self.skipTest("this theme has no search page")
        result, _ = self.load("tim-kiem/index.html?q=xss")
        self.assertEqual(result["ran"], [])
        titles = [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
        self.assertGreaterEqual(len(titles), len(VECTORS) // 2)

    def test_vectors_reach_the_pages_as_text(self):
        """Escaped, not dropped: each title is shown exactly as written."""
        def shown(text):
            return " ".join(text.split())

        for n, v in enumerate(self.vectors):
            with self.subTest(vector=n):
                self.load(f"thong-bao/xss-{n}/")
                self.assertEqual(shown(self.driver.find_element(By.CSS_SELECTOR, "article h1").text), shown(v))
                self.assertIn(shown(v), shown(self.driver.find_element(By.CSS_SELECTOR, "article .meta").text))
                self.assertIn(shown(v), shown(self.driver.find_element(By.CSS_SELECTOR, ".attachments").text))
                self.load(f"xa/xa-{n}/")
                self.assertEqual(shown(self.driver.find_element(By.CSS_SELECTOR, "main h1").text), shown(v))
                self.load(f"trang/xss-{n}/")
                self.assertEqual(shown(self.driver.find_element(By.CSS_SELECTOR, "article h1").text), shown(v))
        self.load("")
        self.assertEqual(shown(self.driver.find_element(By.CSS_SELECTOR, ".site-title").text),
                         shown("Xã Thử " + " ".join(self.vectors)))


if __name__ == "__main__":
    unittest.main()
