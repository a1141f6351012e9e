"""The Hugo side of the benchmark: a config and minimal layouts that produce what CongKhai does.

Output parity with `congkhai build`:

| CongKhai                        | Hugo (this module)                                          |
|---------------------------------|-------------------------------------------------------------|
| index.html (all active notices, | home (`index.html`): all regular pages, "expiring soon"     |
|   expiring soon, type/commune   |   block, type/commune counts from the taxonomies            |
|   counts)                       |                                                             |
| loai/<type>/index.html          | taxonomy `loai`, term pages                                 |
| xa/<commune>/index.html         | taxonomy `xa`, term pages                                   |
| thong-bao/<id>/index.html       | `content/thong-bao/<year>/<id>.md`, permalink :filename     |
| notices.json                    | custom output format `NoticesJSON` on the home page         |
| feed.xml (Atom, every notice)   | RSS with baseName `feed`, `rssLimit = -1`, no .Summary      |
| sitemap.xml, robots.txt, 404    | built-in sitemap, `enableRobotsTXT`, `404.html` layout      |
| style.css, expiry.js            | the same two files from the repository's theme/assets/      |

Kinds CongKhai has no page for (the `/thong-bao/` section list and the `/loai/`, `/xa/` term
indexes) are disabled. Scheduled and expired notices are left out by Hugo's own
`publishDate`/`expiryDate` handling (`buildFuture`/`buildExpired` default to false), with
`timeZone = "Asia/Ho_Chi_Minh"` so date-only values mean local midnight, as in CongKhai.
"""

from __future__ import annotations

import os

from benchgen import BASE_URL, COMMUNES, SITE_TITLE, TYPES


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def config_toml() -> str:
    types = "\n".join(f"  {tid} = {_toml_string(name)}" for tid, _, name in TYPES)
    communes = "\n".join(f"  {cid} = {_toml_string(name)}" for cid, name in COMMUNES.items())
    return f"""baseURL = {_toml_string(BASE_URL)}
title = {_toml_string(SITE_TITLE)}
languageCode = "vi"
defaultContentLanguage = "vi"
timeZone = "Asia/Ho_Chi_Minh"
enableRobotsTXT = true
rssLimit = -1
disableKinds = ["section", "taxonomy"]
ignoreErrors = ["error-disable-taxonomy"]  # "taxonomy" = the /loai/ and /xa/ indexes, which CongKhai lacks

[taxonomies]
  loai = "loai"
  xa = "xa"

[permalinks]
  thong-bao = "/thong-bao/:filename/"

[outputs]
  home = ["HTML", "RSS", "NoticesJSON"]
  page = ["HTML"]
  term = ["HTML"]

[outputFormats.RSS]
  baseName = "feed"

[outputFormats.NoticesJSON]
  mediaType = "application/json"
  baseName = "notices"
  isPlainText = true

[markup.goldmark.parser]
  autoHeadingID = false

[markup.goldmark.renderer]
  unsafe = false

[params]
  description = "Thông báo niêm yết công khai (dữ liệu thử tải)."
  expiringSoonDays = 7

[params.types]
{types}

[params.communes]
{communes}
"""


BASEOF = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ site.Params.description }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
<link rel="alternate" type="application/rss+xml" title="Nguồn tin" href="{{ "feed.xml" | relURL }}">
<script src="{{ "expiry.js" | relURL }}" defer></script>
</head>
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header class="site-header">
<div class="wrap">
<a class="site-title" href="{{ "" | relURL }}">{{ site.Title }}</a>
<p class="tagline">Thông tin công khai theo Luật Thực hiện dân chủ ở cơ sở</p>
</div>
</header>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<div class="wrap">
<nav aria-label="Điều hướng chính">
<ul class="footer-links">
<li><a href="{{ "" | relURL }}">Trang chủ</a></li>
<li><a href="{{ "feed.xml" | relURL }}">Nguồn tin</a></li>
</ul>
</nav>
<p class="generated">Cập nhật lúc: <time datetime="{{ now.Format "2006-01-02T15:04:05-07:00" }}">{{ now.Format "02/01/2006 15:04" }}</time></p>
</div>
</footer>
</body>
</html>
"""

# The shared "period · days left" computation, like CongKhai's periodText/daysLeftText.
PERIOD = """{{- $days := int (math.Floor (div (sub .ExpiryDate.Unix now.Unix) 86400.0)) -}}
Niêm yết từ {{ .PublishDate.Format "02/01/2006" }} đến hết ngày {{ (time .Params.lastDay).Format "02/01/2006" }} · <strong class="days-left">{{ if le $days 0 }}hôm nay là ngày cuối{{ else }}còn {{ $days }} ngày{{ end }}</strong>
{{- /* trim */ -}}
"""

NOTICE_ITEM = """{{- $type := index .Params.loai 0 -}}
{{- $xa := index .Params.xa 0 -}}
<li class="notice-item" data-notice="{{ .File.ContentBaseName }}" data-ends="{{ .ExpiryDate.Format "2006-01-02T15:04:05-07:00" }}">
<h3 class="notice-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="notice-meta"><a class="tag" href="{{ printf "/loai/%s/" $type | relURL }}">{{ index site.Params.types $type }}</a> · <a href="{{ printf "/xa/%s/" $xa | relURL }}">{{ index site.Params.communes $xa }}</a>{{ with .Params.number }} · Số hiệu {{ . }}{{ end }}</p>
<p class="notice-period">{{ partial "period.html" . }}</p>
</li>
"""

SINGLE = """{{ define "main" }}
{{- $type := index .Params.loai 0 -}}
{{- $xa := index .Params.xa 0 -}}
<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="{{ "" | relURL }}">Trang chủ</a></li><li><a href="{{ printf "/loai/%s/" $type | relURL }}">{{ index site.Params.types $type }}</a></li><li aria-current="page">{{ with .Params.number }}{{ . }}{{ else }}{{ $.Title }}{{ end }}</li></ol></nav>
<article class="notice" data-notice="{{ .File.ContentBaseName }}" data-ends="{{ .ExpiryDate.Format "2006-01-02T15:04:05-07:00" }}" data-last="{{ (time .Params.lastDay).Format "02/01/2006" }}">
<p class="expired-banner" role="alert" hidden data-template="Văn bản này đã hết thời hạn niêm yết từ {date}."></p>
<p class="badge">Đang niêm yết</p>
<h1>{{ .Title }}</h1>
<dl class="meta">
<dt>Thời hạn niêm yết</dt><dd>{{ partial "period.html" . }}</dd>
<dt>Loại văn bản</dt><dd><a href="{{ printf "/loai/%s/" $type | relURL }}">{{ index site.Params.types $type }}</a></dd>
<dt>Xã</dt><dd><a href="{{ printf "/xa/%s/" $xa | relURL }}">{{ index site.Params.communes $xa }}</a></dd>
{{ with .Params.number }}<dt>Số hiệu</dt><dd>{{ . }}</dd>{{ end }}
<dt>Cơ quan ban hành</dt><dd>{{ .Params.issuer }}</dd>
</dl>
<div class="body">
{{ .Content }}
</div>
</article>
{{ end }}
"""

HOME = """{{ define "main" }}
{{- $soonLimit := mul site.Params.expiringSoonDays 86400 -}}
{{- $soon := slice -}}
{{- range site.RegularPages -}}
{{- if lt (sub .ExpiryDate.Unix now.Unix) $soonLimit }}{{ $soon = $soon | append . }}{{ end -}}
{{- end -}}
{{ with $soon }}
<section class="expiring" aria-labelledby="expiring-heading">
<h2 id="expiring-heading">Sắp hết hạn niêm yết</h2>
<ul class="notice-list">
{{ range . }}{{ partial "notice-item.html" . }}{{ end }}
</ul>
</section>
{{ end }}
<section aria-labelledby="notices-heading">
<h1 id="notices-heading">Thông báo đang niêm yết</h1>
{{ with site.RegularPages }}
<ul class="notice-list">
{{ range . }}{{ partial "notice-item.html" . }}{{ end }}
</ul>
{{ else }}<p class="empty">Hiện không có thông báo nào đang niêm yết.</p>{{ end }}
</section>
<section aria-labelledby="types-heading">
<h2 id="types-heading">Theo loại văn bản</h2>
<ul class="chips">{{ range $name, $pages := site.Taxonomies.loai }}<li><a href="{{ printf "/loai/%s/" $name | relURL }}">{{ index site.Params.types $name }} ({{ $pages.Count }})</a></li>{{ end }}</ul>
</section>
<section aria-labelledby="communes-heading">
<h2 id="communes-heading">Theo xã</h2>
<ul class="chips">{{ range $name, $pages := site.Taxonomies.xa }}<li><a href="{{ printf "/xa/%s/" $name | relURL }}">{{ index site.Params.communes $name }} ({{ $pages.Count }})</a></li>{{ end }}</ul>
</section>
{{ end }}
"""

TERM = """{{ define "main" }}
{{- $isType := eq .Data.Plural "loai" -}}
{{- $heading := cond $isType (index site.Params.types .Data.Term) (index site.Params.communes .Data.Term) -}}
<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="{{ "" | relURL }}">Trang chủ</a></li><li aria-current="page">{{ $heading }}</li></ol></nav>
<p class="kicker">{{ if $isType }}Loại văn bản{{ else }}Đơn vị{{ end }}</p>
<h1>{{ $heading }}</h1>
<ul class="notice-list">
{{ range .Pages }}{{ partial "notice-item.html" . }}{{ end }}
</ul>
{{ end }}
"""

NOT_FOUND = """{{ define "main" }}
<h1>Không tìm thấy trang</h1>
<p>Trang bạn tìm không có hoặc thông báo đã hết thời hạn niêm yết.</p>
<p><a href="{{ "" | relURL }}">Về trang chủ</a></p>
{{ end }}
"""

RSS = """{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\" standalone=\\"yes\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>{{ site.Params.description }}</description>
<language>vi</language>
<atom:link href="{{ .Permalink }}feed.xml" rel="self" type="application/rss+xml" />
{{ range site.RegularPages }}
<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<guid>{{ .Permalink }}</guid>
<pubDate>{{ .PublishDate.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
<author>{{ .Params.issuer }}</author>
<category>{{ index .Params.loai 0 }}</category>
<description>Niêm yết từ {{ .PublishDate.Format "02/01/2006" }} đến hết ngày {{ (time .Params.lastDay).Format "02/01/2006" }}</description>
</item>
{{ end }}
</channel>
</rss>
"""

NOTICES_JSON = """{{- $items := slice -}}
{{- range site.RegularPages -}}
{{- $items = $items | append (dict
    "id" .File.ContentBaseName "title" .Title "type" (index .Params.loai 0)
    "commune" (index .Params.xa 0) "number" .Params.number "issuer" .Params.issuer
    "posted" (.PublishDate.Format "2006-01-02T15:04:05-07:00")
    "expires" ((.ExpiryDate.Add -1000000000).Format "2006-01-02T15:04:05-07:00")
    "url" .RelPermalink) -}}
{{- end -}}
{{- dict "generated" (now.Format "2006-01-02T15:04:05-07:00") "notices" $items | jsonify (dict "indent" "  ") -}}
"""

LAYOUTS = {
    "_default/baseof.html": BASEOF,
    "_default/single.html": SINGLE,
    "_default/list.html": TERM,
    "_default/term.html": TERM,
    "_default/taxonomy.html": TERM,
    "_default/rss.xml": RSS,
    "index.html": HOME,
    "index.noticesjson.json": NOTICES_JSON,
    "404.html": NOT_FOUND,
    "partials/notice-item.html": NOTICE_ITEM,
    "partials/period.html": PERIOD,
}


def write_hugo_site(root: str, assets_dir: str | None) -> None:
    """`root/config.toml`, `root/layouts/**` and `root/static/{style.css,expiry.js}`."""
    files = {"config.toml": config_toml()}
    files.update({os.path.join("layouts", path): text for path, text in LAYOUTS.items()})
    for name in ("style.css", "expiry.js"):
        source = os.path.join(assets_dir, name) if assets_dir else None
        if source and os.path.exists(source):
            with open(source, encoding="utf-8") as f:
                files[os.path.join("static", name)] = f.read()
        else:
            files[os.path.join("static", name)] = f"/* {name} placeholder */\n"
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
