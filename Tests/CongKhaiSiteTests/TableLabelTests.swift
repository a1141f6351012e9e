@testable import CongKhaiSite
import Testing

/// Table cells carry their column's header (`data-label`) so a phone can show one labelled block
/// per row; the byte-level rewrite keeps everything else as cmark-gfm wrote it.
@Suite("Table cells labelled by their headers")
struct TableLabelTests {
    @Test func eachCellGetsItsColumnsHeaderAndRowsStartAgain() {
        let html = "<p>Trước</p>\n<table>\n<thead>\n<tr>\n<th>Hộ <em>gia đình</em></th>\n<th align=\"right\">Diện tích</th>\n"
            + "<th></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Ông A</td>\n<td align=\"right\">100</td>\n<td>x</td>\n</tr>\n"
            + "<tr>\n<td>Bà B</td>\n<td align=\"right\">&lt;50</td>\n</tr>\n</tbody>\n</table>\n<p>Sau</p>\n"
        let expected = "<p>Trước</p>\n<table>\n<thead>\n<tr>\n<th>Hộ <em>gia đình</em></th>\n<th align=\"right\">Diện tích</th>\n"
            + "<th></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td data-label=\"Hộ gia đình\">Ông A</td>\n"
            + "<td data-label=\"Diện tích\" align=\"right\">100</td>\n<td>x</td>\n</tr>\n"
            + "<tr>\n<td data-label=\"Hộ gia đình\">Bà B</td>\n<td data-label=\"Diện tích\" align=\"right\">&lt;50</td>\n</tr>\n"
            + "</tbody>\n</table>\n<p>Sau</p>\n"
        #expect(BodyRenderer.labellingCells(html) == expected)
    }

    @Test func twoTablesAndNoTable() {
        let one = "<table>\n<thead>\n<tr>\n<th>A</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"
        let labelled = one.replacingOccurrences(of: "<td>", with: "<td data-label=\"A\">")
        #expect(BodyRenderer.labellingCells(one + "<p>giữa</p>\n" + one) == labelled + "<p>giữa</p>\n" + labelled)
        #expect(BodyRenderer.labellingCells("<p>Không có bảng</p>") == "<p>Không có bảng</p>")
        // A table without a header keeps its cells as they are.
        let headless = "<table>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"
        #expect(BodyRenderer.labellingCells(headless) == headless)
    }
}
