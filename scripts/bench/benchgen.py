"""Deterministic synthetic content for the CongKhai-vs-Hugo benchmark.

`generate_notices(n, today, seed)` returns `n` notices with realistic Vietnamese Markdown
bodies (full diacritics; headings, bullet and numbered lists, a table, a quote, emphasis,
an autolink; about 3–4 KB each). Posting periods are placed relative to `today`, the local
date in Asia/Ho_Chi_Minh:

* about 1/3 expired   — `expires` ≤ today − 2,
* about 1/10 scheduled — `posted` ≥ today + 2,
* the rest active      — `posted` ≤ today − 1 and `expires` ≥ today + 2.

The two-day margins keep every status unchanged even if a run crosses local midnight, so
CongKhai (given `--now`) and Hugo (which reads the system clock) always agree.
Every period is at least the type's legal minimum (`min_days`) plus 12 days, so no validator
objects even when the minimum's last day falls on a weekend (Civil Code counting).

`write_congkhai_site` and `write_hugo_content` write the same notices in each tool's
format; the Markdown bodies are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import unicodedata
from dataclasses import dataclass

SEED = 20261128

# (id, minimum posting days) — the built-in CongKhai types and their legal minimums.
TYPES: list[tuple[str, int, str]] = [
    ("land-recovery-notice", 90, "Thông báo thu hồi đất"),
    ("compensation-plan", 30, "Phương án bồi thường, hỗ trợ, tái định cư"),
    ("resettlement-plan", 15, "Phương án bố trí tái định cư"),
    ("investment-consultation", 30, "Lấy ý kiến cộng đồng về chủ trương đầu tư"),
    ("village-rules-draft", 30, "Dự thảo hương ước, quy ước"),
    ("complaint-decision", 15, "Quyết định giải quyết khiếu nại"),
    ("general", 30, "Thông báo chung"),
]
TYPE_WEIGHTS = [12, 30, 10, 10, 8, 10, 20]
LAND_TYPES = {"land-recovery-notice", "compensation-plan", "resettlement-plan", "investment-consultation"}

COMMUNE_NAMES = [
    "Bình Thuận", "Bình Chánh", "Bình Hải", "Bình Minh", "Bình Đông", "Bình Trị", "Bình Phước",
    "Bình Dương", "Bình Long", "Bình Hòa", "Tịnh Phong", "Tịnh Hòa", "Tịnh Kỳ", "Nghĩa Hà",
    "Nghĩa Dũng", "Phổ An", "Phổ Thạnh", "Sơn Kỳ", "Trà Thủy", "Đức Lợi",
]
HAMLETS = ["An Điềm", "Gò Đất", "Phước Thọ", "Tân Hy", "Vạn Tường", "Đông Yên", "Long Thạnh",
           "Châu Ổ", "Thạnh Đức", "Mỹ Trang"]
PROJECTS = [
    "Đường ven biển Dung Quất – Sa Huỳnh", "Khu dân cư Gò Đất", "Cụm công nghiệp Bình Nguyên",
    "Nhà máy nước Bình Chánh", "Kè chống sạt lở bờ sông Trà Bồng", "Trường mầm non Bình Hải",
    "Khu tái định cư Gò Cây Sung", "Đường cứu hộ, cứu nạn Bình Minh", "Hồ chứa nước Núi Ngang",
    "Khu đô thị mới Vạn Tường", "Nâng cấp đường tỉnh ĐT.621", "Trạm y tế xã kết hợp nhà văn hóa",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Thị Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hạnh", "Hương", "Khánh", "Lan", "Lộc", "Nga", "Phúc", "Quang",
         "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Xuân", "Yến", "Đạt", "Ánh", "Ửng"]
LEGAL_BASES = [
    "Luật Đất đai ngày 18 tháng 01 năm 2024",
    "Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022",
    "Nghị định số 88/2024/NĐ-CP ngày 15 tháng 7 năm 2024 của Chính phủ quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất",
    "Nghị định số 102/2024/NĐ-CP ngày 30 tháng 7 năm 2024 của Chính phủ quy định chi tiết thi hành một số điều của Luật Đất đai",
    "Nghị định số 61/2023/NĐ-CP ngày 16 tháng 8 năm 2023 của Chính phủ về xây dựng và thực hiện hương ước, quy ước của cộng đồng dân cư",
    "Luật Khiếu nại ngày 11 tháng 11 năm 2011",
    "Quyết định số {k}/QĐ-UBND ngày {d} của Ủy ban nhân dân tỉnh Quảng Ngãi về bảng giá đất",
]
SENTENCES = [
    "Ủy ban nhân dân {commune} thông báo đến toàn thể Nhân dân, các hộ gia đình, cá nhân có đất bị ảnh hưởng bởi dự án {project} được biết.",
    "Hồ sơ được niêm yết công khai tại trụ sở Ủy ban nhân dân xã và nhà văn hóa thôn {hamlet} để người dân theo dõi, góp ý.",
    "Trong thời gian niêm yết, người sử dụng đất có quyền kiểm tra diện tích, loại đất, vị trí thửa đất và đơn giá bồi thường áp dụng.",
    "Mọi ý kiến đóng góp xin gửi bằng văn bản hoặc phản ánh trực tiếp tại bộ phận tiếp nhận và trả kết quả của xã trong giờ hành chính.",
    "Tổ chức làm nhiệm vụ bồi thường sẽ tổng hợp ý kiến, giải trình và hoàn chỉnh phương án trước khi trình cấp có thẩm quyền phê duyệt.",
    "Đề nghị trưởng thôn {hamlet} thông báo rộng rãi trên hệ thống loa truyền thanh để người dân nắm rõ nội dung và thời hạn góp ý.",
    "Trường hợp hộ gia đình vắng mặt, đề nghị ủy quyền cho người thân có đủ năng lực hành vi dân sự đến làm việc thay.",
    "Việc kiểm đếm đất đai, tài sản gắn liền với đất được thực hiện công khai, có sự chứng kiến của đại diện Ban công tác Mặt trận thôn.",
    "Đơn giá bồi thường về đất được xác định theo giá đất cụ thể do Ủy ban nhân dân tỉnh quyết định tại thời điểm phê duyệt phương án.",
    "Các khoản hỗ trợ ổn định đời sống, hỗ trợ đào tạo, chuyển đổi nghề và tìm kiếm việc làm được tính theo quy định hiện hành của tỉnh.",
    "Người có đất thu hồi được bố trí tái định cư tại khu tái định cư Gò Cây Sung với suất tái định cư tối thiểu theo quy định.",
    "Sau thời hạn niêm yết, nếu không có ý kiến khác thì phương án được xem là đã được cộng đồng dân cư thống nhất.",
    "Ủy ban nhân dân xã cam kết bảo đảm quyền được biết, được bàn, được quyết định và được kiểm tra, giám sát của Nhân dân.",
    "Những trường hợp có vướng mắc về nguồn gốc sử dụng đất sẽ được Hội đồng tư vấn xác định nguồn gốc đất xem xét riêng.",
    "Thông báo này thay cho giấy mời; đề nghị các hộ có tên trong danh sách sắp xếp thời gian đến đúng hẹn để được hướng dẫn.",
]
ITEMS = [
    "Diện tích đất nông nghiệp trồng cây hằng năm bị thu hồi",
    "Diện tích đất ở và đất vườn, ao trong cùng thửa đất có nhà ở",
    "Nhà ở, công trình xây dựng và vật kiến trúc gắn liền với đất",
    "Cây trồng lâu năm, hoa màu và vật nuôi thủy sản trên đất",
    "Mồ mả phải di dời đến nghĩa trang nhân dân của xã",
    "Chi phí di chuyển tài sản, thuê nhà ở tạm trong thời gian chờ tái định cư",
]


@dataclass
class Notice:
    id: str
    year: int
    title: str
    type: str
    commune: str
    number: str
    issuer: str
    posted: dt.date
    expires: dt.date
    status: str  # "active", "expired" or "scheduled" at `today`
    body: str


def slugify(text: str) -> str:
    """ASCII slug: 'Xã Đức Lợi' → 'xa-duc-loi'."""
    text = text.replace("Đ", "D").replace("đ", "d")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()
    out, dash = [], False
    for ch in ascii_text.lower():
        if ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


COMMUNES: dict[str, str] = {"xa-" + slugify(name): "Xã " + name for name in COMMUNE_NAMES}


def _money(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _area(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _vn_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _title(rng: random.Random, type_id: str, project: str, hamlet: str, posted: dt.date) -> str:
    if type_id == "land-recovery-notice":
        return f"Thông báo thu hồi đất để thực hiện dự án {project}"
    if type_id == "compensation-plan":
        return f"Niêm yết công khai phương án bồi thường, hỗ trợ dự án {project}"
    if type_id == "resettlement-plan":
        return f"Niêm yết phương án bố trí tái định cư dự án {project}"
    if type_id == "investment-consultation":
        return f"Lấy ý kiến cộng đồng dân cư về chủ trương đầu tư dự án {project}"
    if type_id == "village-rules-draft":
        return f"Dự thảo hương ước thôn {hamlet} (sửa đổi, bổ sung lần {rng.randint(1, 3)})"
    if type_id == "complaint-decision":
        return f"Quyết định giải quyết khiếu nại lần đầu của bà {_person(rng)}"
    return rng.choice([
        f"Lịch tiếp công dân tháng {posted.month} năm {posted.year}",
        f"Thông báo tạm ngừng cấp nước sinh hoạt khu vực thôn {hamlet}",
        f"Kế hoạch dồn điền, đổi thửa đất nông nghiệp thôn {hamlet}",
    ])


def _paragraph(rng: random.Random, ctx: dict[str, str], count: int) -> str:
    return " ".join(rng.choice(SENTENCES).format(**ctx) for _ in range(count))


def _compensation_table(rng: random.Random, rows: int) -> list[str]:
    lines = [
        "| STT | Họ và tên chủ sử dụng đất | Thửa số | Tờ bản đồ | Diện tích thu hồi (m²) | Bồi thường, hỗ trợ (đồng) |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    total_area, total_money = 0.0, 0
    for i in range(1, rows + 1):
        area = rng.randint(150, 9000) / 10
        money = int(area * rng.randint(180, 2400)) * 1000
        total_area += area
        total_money += money
        lines.append(f"| {i} | {_person(rng)} | {rng.randint(1, 999)} | {rng.randint(1, 40)} | "
                     f"{_area(area)} | {_money(money)} |")
    lines.append(f"| | **Tổng cộng** | | | **{_area(total_area)}** | **{_money(total_money)}** |")
    return lines


def _schedule_table(rng: random.Random, rows: int, posted: dt.date) -> list[str]:
    lines = ["| Ngày | Thời gian | Địa điểm | Người chủ trì |", "|---|---|---|---|"]
    for i in range(rows):
        day = posted + dt.timedelta(days=3 * i + 1)
        lines.append(f"| {_vn_date(day)} | {rng.choice(['7 giờ 30', '8 giờ 00', '13 giờ 30', '14 giờ 00'])} | "
                     f"Nhà văn hóa thôn {rng.choice(HAMLETS)} | Ông {_person(rng)} |")
    return lines


def _body(rng: random.Random, notice_type: str, ctx: dict[str, str], posted: dt.date,
          expires: dt.date) -> str:
    """A 3–4 KB Markdown body; grows paragraph by paragraph until it reaches ~3 KB."""
    bases = rng.sample(LEGAL_BASES, 3)
    lines = ["## Căn cứ pháp lý", ""]
    for basis in bases:
        lines.append("- " + basis.format(k=rng.randint(10, 99), d=_vn_date(posted - dt.timedelta(days=200))) + ";")
    lines += ["", "## Nội dung", "", _paragraph(rng, ctx, 3), ""]
    if notice_type in LAND_TYPES:
        lines += ["### Các khoản bồi thường, hỗ trợ", ""]
        for item in rng.sample(ITEMS, 4):
            lines.append(f"- {item};")
        lines += ["", "### Bảng tổng hợp giá trị bồi thường, hỗ trợ", ""]
        lines += _compensation_table(rng, rng.randint(6, 9))
    else:
        lines += ["### Lịch làm việc với Nhân dân", ""]
        lines += _schedule_table(rng, rng.randint(4, 6), posted)
    lines += [
        "", "## Thời gian và địa điểm niêm yết", "",
        f"1. Thời gian: từ ngày {_vn_date(posted)} đến hết ngày {_vn_date(expires)}.",
        f"2. Địa điểm: trụ sở Ủy ban nhân dân {ctx['commune']} và nhà văn hóa thôn {ctx['hamlet']}.",
        "3. Hình thức: niêm yết bản giấy và đăng trên cổng thông tin điện tử của xã.",
        "", "## Tổ chức thực hiện", "",
    ]
    text = "\n".join(lines)
    tail = [
        "",
        f"> Mọi thắc mắc xin liên hệ công chức địa chính – xây dựng, ông {_person(rng)}, "
        f"điện thoại **0255 3{rng.randint(100, 999)} {rng.randint(100, 999)}**; "
        "thông tin thêm tại https://quangngai.gov.vn.",
        "",
        "- [x] Đã niêm yết tại trụ sở Ủy ban nhân dân xã",
        "- [ ] Đã thông báo trên hệ thống loa truyền thanh thôn",
        "",
        "*Nơi nhận:* như trên; ~~bản lưu cũ~~ lưu VT, ĐC.",
        "",
    ]
    tail_text = "\n".join(tail)
    target = rng.randint(3000, 3700)
    body = text + "\n" + _paragraph(rng, ctx, 2) + "\n"
    while len((body + tail_text).encode()) < target:
        body += "\n" + _paragraph(rng, ctx, rng.randint(1, 2)) + "\n"
    return body + tail_text


def generate_notices(n: int, today: dt.date, seed: int = SEED) -> list[Notice]:
    """`n` notices; the same `(n, today, seed)` always gives the same list."""
    rng = random.Random(seed)
    communes = list(COMMUNES.items())
    type_ids = [t[0] for t in TYPES]
    min_days = {t[0]: t[1] for t in TYPES}
    notices = []
    for i in range(n):
        notice_type = rng.choices(type_ids, weights=TYPE_WEIGHTS)[0]
        commune_id, commune_name = rng.choice(communes)
        project, hamlet = rng.choice(PROJECTS), rng.choice(HAMLETS)
        # +12: CongKhai counts like the Civil Code, so a minimum period ending on a day off moves to
        # the next working day (up to 9 more days across Tết 2026); the margin keeps every
        # generated period lawful.
        days = min_days[notice_type] + 12 + rng.randint(0, 30)
        roll = rng.random()
        if roll < 1 / 3:
            status = "expired"
            expires = today - dt.timedelta(days=rng.randint(2, 700))
            posted = expires - dt.timedelta(days=days)
        elif roll < 1 / 3 + 0.1:
            status = "scheduled"
            posted = today + dt.timedelta(days=rng.randint(2, 45))
            expires = posted + dt.timedelta(days=days)
        else:
            status = "active"
            posted = today - dt.timedelta(days=rng.randint(1, days - 2))
            expires = posted + dt.timedelta(days=days)
        ctx = {"commune": commune_name.replace("Xã", "xã"), "project": project, "hamlet": hamlet}
        title = _title(rng, notice_type, project, hamlet, posted)
        suffix = {"complaint-decision": "QĐ-UBND", "village-rules-draft": "DT-UBND"}.get(notice_type, "TB-UBND")
        notices.append(Notice(
            id=f"{posted.isoformat()}-{i:06d}-{slugify(title)[:48].strip('-')}",
            year=posted.year,
            title=title,
            type=notice_type,
            commune=commune_id,
            number=f"{rng.randint(1, 450)}/{suffix}",
            issuer="UBND " + ctx["commune"],
            posted=posted,
            expires=expires,
            status=status,
            body=_body(rng, notice_type, ctx, posted, expires),
        ))
    return notices


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


SITE_TITLE = "Cổng thông tin công khai tỉnh (thử tải)"
BASE_URL = "https://bench.example.gov.vn/"


def congkhai_path(root: str, notice: Notice) -> str:
    return os.path.join(root, "content", "notices", str(notice.year), notice.id + ".md")


def congkhai_file(notice: Notice) -> str:
    return (
        "---\n"
        f"title: {_q(notice.title)}\n"
        f"type: {notice.type}\n"
        f"commune: {notice.commune}\n"
        f"number: {_q(notice.number)}\n"
        f"issuer: {_q(notice.issuer)}\n"
        # Signed the day it is posted: the posting rule in force on that date applies (a land
        # recovery notice needs its signing date; every generated period is within 12 months).
        f"signed: {notice.posted.isoformat()}\n"
        f"posted: {notice.posted.isoformat()}\n"
        f"expires: {notice.expires.isoformat()}\n"
        "---\n" + notice.body
    )


def write_congkhai_site(root: str, notices: list[Notice]) -> None:
    """`root/content/site.yaml` and `root/content/notices/<year>/<id>.md`."""
    lines = [f"title: {_q(SITE_TITLE)}", f"base_url: {_q(BASE_URL)}", "language: vi",
             "time_zone: Asia/Ho_Chi_Minh", "communes:"]
    lines += [f"  {cid}: {_q(name)}" for cid, name in COMMUNES.items()]
    _write(os.path.join(root, "content", "site.yaml"), "\n".join(lines) + "\n")
    for notice in notices:
        _write(congkhai_path(root, notice), congkhai_file(notice))


def hugo_path(root: str, notice: Notice) -> str:
    return os.path.join(root, "content", "thong-bao", str(notice.year), notice.id + ".md")


def hugo_file(notice: Notice) -> str:
    # Hugo's expiryDate is the first instant at which the page is expired; CongKhai's date-only
    # `expires` lasts through 23:59:59 of that day, so Hugo gets the next day at 00:00 local
    # (date-only values are read in the site's timeZone).
    expiry = notice.expires + dt.timedelta(days=1)
    return (
        "---\n"
        f"title: {_q(notice.title)}\n"
        f"date: {notice.posted.isoformat()}\n"
        f"publishDate: {notice.posted.isoformat()}\n"
        f"expiryDate: {expiry.isoformat()}\n"
        f"lastDay: {notice.expires.isoformat()}\n"
        f"loai: [{notice.type}]\n"
        f"xa: [{notice.commune}]\n"
        f"number: {_q(notice.number)}\n"
        f"issuer: {_q(notice.issuer)}\n"
        "---\n" + notice.body
    )


def write_hugo_content(root: str, notices: list[Notice]) -> None:
    """`root/content/thong-bao/<year>/<id>.md` (config and layouts: see benchhugo)."""
    for notice in notices:
        _write(hugo_path(root, notice), hugo_file(notice))
