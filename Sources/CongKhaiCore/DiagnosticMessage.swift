/// Every message a clerk can see, in one catalogue, in Vietnamese and English.
public enum DiagnosticMessage: Sendable, Hashable, Codable {
    case invalidUTF8
    case nulCharacter
    case utf16
    case frontMatterMissing
    case frontMatterUnterminated
    case yamlSyntax(String)
    case frontMatterNotMapping
    case missingField(String)
    case wrongType(key: String, expected: ValueKind)
    case invalidDate(key: String, value: String)
    case expiresBeforePosted(posted: String, expires: String)
    case unknownType(String, suggestions: [String])
    case unknownCommune(String, suggestions: [String])
    case communeRequired([String])
    /// `congkhai new` without `--commune` on a site with several communes.
    case communeOptionRequired([String])
    case invalidId(String)
    case duplicateId(String, otherPath: String)
    case attachmentNeedsBundle
    case attachmentMissing(String)
    case attachmentSymbolicLink(String)
    case attachmentNotAFile(String)
    case attachmentOutsideBundle(String)
    case unknownSupersedes(String, suggestions: [String])
    case supersedesItself
    case unknownCorrects(String, suggestions: [String])
    /// `comment_page:` in site.yaml names no page under content/pages/.
    case unknownPage(String, suggestions: [String])
    case correctsItself
    /// `extended:`: the last extension's new end is not the `expires` day.
    case extensionDisagrees(to: LocalDate, expires: String)
    case extensionOutOfOrder
    case unknownKey(String, suggestions: [String])
    case emptyBody
    case emptyValue(String)
    case siteConfigMissing
    case invalidTimeZone(String)
    /// The machine's zone database lacks the default zone: the fixed offset +07:00 is used.
    case zoneDataMissing(String)
    case invalidLanguage(String)
    case invalidBaseURL(String)
    case invalidNumber(key: String, value: String, lowest: Int, highest: Int)
    case templateError(name: String, detail: String)
    case templateCycle(String)
    case themeStringsMissing(String)
    /// A site's strings file lacks a key the default theme has: the default text is used.
    case themeStringMissing(key: String)
    case fileUnreadable(String)
    /// A body read and parsed, but whose Markdown could not be turned into HTML.
    case bodyNotRendered(String)
    case outputFailure(String)
    case outputDiskFull
    case outputNotWritable(String)
    case buildInProgress(String)
    case unsafeOutput(String)
    case outputNotASite(String)
    case staleReference(noticeId: String, status: NoticeStatus, found: String)
    case linkRemoved(noticeId: String, status: NoticeStatus)
    case linkWillBeRemoved(noticeId: String, end: String)
    case linkToUnknownNotice(String, suggestions: [String])
    case lastValidVersionUsed(savedAt: String)
    case brokenNotPublished
    case lastValidVersionRejected
    case stateNotSaved(String)
    case outputFileUnreadable(String)
    case unknownNoticeInSite(noticeId: String)
    case staleInSite(noticeId: String, status: NoticeStatus)
    case scheduledPublished(noticeId: String, start: String)
    case remoteUnreachable(reason: String)
    case missingFromSite(noticeId: String, start: String)
    case siteUnreadable(String)
    case fileExists(String)
    case yamlAliasesNotAllowed
    case symbolicLink
    case notARegularFile
    case attachmentNameTaken(String)
    case attachmentActiveContent(String)
    case periodTooShort(type: NoticeType, length: RuleDuration, basis: String, earliest: LocalDate)
    case periodTooLong(type: NoticeType, length: RuleDuration, basis: String, latest: LocalDate)
    case periodLongerThanFixed(type: NoticeType, length: RuleDuration, basis: String, end: LocalDate)
    case validityExceeded(type: NoticeType, months: Int, basis: String, latest: LocalDate)
    case signedRequired(type: NoticeType, basis: String)
    case postingStartsLate(length: RuleDuration, basis: String, deadline: LocalDate)
    case calendarMissing(year: Int)
    case invalidRule(String)
    case personalData(PersonalDataKind)

    /// What looks like a personal identifier in published text.
    public enum PersonalDataKind: Sendable, Hashable, Codable {
        case citizenID, oldID, phone
    }
    case expiringSoon(daysLeft: Int, lastDay: LocalDate)
    // Front matter mistakes found line by line (YAMLLint), each at the line with the mistake.
    case yamlTabIndent
    case yamlColonInValue(String)
    case yamlNeedsQuotes(String, String)
    case yamlDuplicateKey(String, firstLine: Int, secondLine: Int)
    case yamlUnclosedQuote(line: Int)
    case yamlTextAfterQuote(String)
    case yamlMissingColon(String)
    case yamlSpaceAfterColon(String)
    case yamlUnclosedBracket(String, line: Int)
    case yamlNotKeyValue
    case yamlUnexpectedIndent(String)
    case yamlCurlyQuotes(String)
    case invisibleCharacter(InvisibleCharacter)
    case fileEmpty
    case blankFirstLine
    /// A key that is a known key misspelt (`attachment`, `expire`, `tieu_de`): an error, since
    /// ignoring it would publish the notice without what the clerk meant to give.
    case misspelledKey(String, suggestion: String)
    /// Text left from the skeleton `congkhai new` writes, in a notice that is not a draft.
    case placeholderLeft(String)
    case draftNotPublished
    case invalidDraftFlag(String)
    case idIsBareDate(String)
    case titleHasNoWords(String)
    case opinionsOutsidePeriod(until: LocalDate, first: LocalDate, last: LocalDate)
    case notANoticeFile(NonNoticeFile)
    case pageTooLarge(kilobytes: Int, budget: Int)
    case searchIndexTooLarge(kilobytes: Int, budget: Int)

    /// Characters pasted from word processors that look like a space or nothing.
    public enum InvisibleCharacter: Sendable, Hashable, Codable {
        case nonBreakingSpace, zeroWidth
    }

    /// A file under `content/notices/` that is not read as a notice, and what to do with it.
    public enum NonNoticeFile: Sendable, Hashable, Codable {
        /// `.MD`, `.markdown`, `.md.txt`, `.txt`: a notice saved under the wrong name; rename to this.
        case rename(to: String)
        /// `.docx`, `.pdf`, an image …: an attachment outside a bundle folder.
        case attachmentOutsideBundle
        /// Anything else.
        case other
    }

    /// What kind of value a key expects.
    public enum ValueKind: Sendable, Hashable, Codable {
        case text, list, mapping, listOfText, attachmentList

        func text(in language: Language) -> String {
            switch (self, language) {
            case (.text, .vi): return "một chuỗi văn bản"
            case (.list, .vi): return "một danh sách"
            case (.mapping, .vi): return "một bảng khóa: giá trị"
            case (.listOfText, .vi): return "một danh sách chuỗi, ví dụ [a, b]"
            case (.attachmentList, .vi): return "một danh sách dạng - { file: ten-tep.pdf, title: \"Tên\" }"
            case (.text, .en): return "a text value"
            case (.list, .en): return "a list"
            case (.mapping, .en): return "a key: value mapping"
            case (.listOfText, .en): return "a list of strings, e.g. [a, b]"
            case (.attachmentList, .en): return "a list like - { file: name.pdf, title: \"Title\" }"
            }
        }
    }

    private static func hint(_ suggestions: [String], _ language: Language) -> String {
        guard !suggestions.isEmpty else { return "" }
        let list = suggestions.map { "`\($0)`" }.joined(separator: language == .vi ? " hoặc " : " or ")
        return language == .vi ? " (có phải ý bạn là \(list)?)" : " (did you mean \(list)?)"
    }

    /// libyaml's problems in plain Vietnamese, for the mistakes `YAMLLint` does not recognise first.
    static func yamlProblemVietnamese(_ problem: String) -> String {
        let table: [(String, String)] = [
            ("mapping values are not allowed", "có dấu `:` ở chỗ không được có; nếu giá trị chứa dấu `:`, hãy đặt cả giá trị trong ngoặc kép"),
            ("tab character", "có ký tự Tab; chỉ dùng dấu cách để thụt lề"),
            ("did not find expected key", "dòng này thụt lề không khớp với các dòng trên, hoặc có chữ thừa sau giá trị; hãy kiểm tra dấu cách ở đầu dòng"),
            ("could not find expected ':'", "thiếu dấu `:` giữa khóa và giá trị"),
            ("unexpected end of stream", "dấu ngoặc kép hoặc ngoặc vuông mở ra mà chưa đóng"),
            ("did not find expected ',' or ']'", "danh sách trong ngoặc vuông `[…]` chưa được đóng hoặc thiếu dấu `,`"),
            ("did not find expected ',' or '}'", "nhóm trong ngoặc nhọn `{…}` chưa được đóng hoặc thiếu dấu `,`"),
            ("block sequence entries are not allowed", "dòng `- …` của danh sách phải nằm ngay dưới một khóa kết thúc bằng `:`"),
            ("did not find expected '-' indicator", "các dòng `- …` của một danh sách phải thụt lề bằng nhau"),
            ("cannot start any token", "giá trị bắt đầu bằng một ký tự đặc biệt; hãy đặt cả giá trị trong ngoặc kép"),
            ("duplicate key", "có một khóa được viết hai lần; xóa một dòng"),
            ("did not find expected node content", "thiếu giá trị; hãy viết giá trị sau dấu `:`, hoặc đặt nó trong ngoặc kép"),
        ]
        for (english, vietnamese) in table where problem.contains(english) {
            return "phần thông tin đầu tệp sai cú pháp: \(vietnamese)"
        }
        return "phần thông tin đầu tệp sai cú pháp (\(problem)); hãy kiểm tra dấu `:`, dấu ngoặc kép và dấu cách đầu dòng"
    }

    /// An ISO 8601 instant as people say it: "00:00 ngày 02/12/2026" / "00:00 on 02/12/2026",
    /// read from the text itself (it already carries the site's local time); anything else as is.
    static func spoken(_ iso: String, _ language: Language) -> String {
        let c = Array(iso.utf8)
        guard c.count >= 19, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"), c[10] == UInt8(ascii: "T"),
              c[13] == UInt8(ascii: ":"), c[16] == UInt8(ascii: ":") else { return iso }
        let part = { (from: Int, to: Int) in String(decoding: c[from..<to], as: UTF8.self) }
        let seconds = part(17, 19)
        let time = part(11, 16) + (seconds == "00" ? "" : ":" + seconds)
        let day = part(8, 10) + "/" + part(5, 7) + "/" + part(0, 4)
        return language == .vi ? "\(time) ngày \(day)" : "\(time) on \(day)"
    }

    private static let dateForms = (
        vi: "dùng dạng năm-tháng-ngày YYYY-MM-DD, ví dụ 2026-04-26, hoặc ngày giờ ISO 8601, ví dụ 2026-04-26T17:00:00+07:00",
        en: "use YYYY-MM-DD, e.g. 2026-04-26, or an ISO 8601 date-time, e.g. 2026-04-26T17:00:00+07:00"
    )

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    public func text(in language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .invalidUTF8:
            return vi ? "tệp không phải văn bản UTF-8 (có thể được lưu bằng mã Windows-1258, TCVN3 hoặc VNI); hãy mở tệp và lưu lại với mã hóa UTF-8: trong Notepad chọn Tệp › Lưu thành… › Mã hóa: UTF-8; trong Word chọn Lưu thành… › Văn bản thuần (.txt) › Unicode (UTF-8)"
                : "the file is not UTF-8 text (perhaps Windows-1258, TCVN3 or VNI); open it and save it again as UTF-8: in Notepad, File › Save as… › Encoding: UTF-8; in Word, Save as… › Plain text (.txt) › Unicode (UTF-8)"
        case .utf16:
            return vi ? "tệp được lưu bằng mã UTF-16 (Notepad gọi là \"Unicode\"); hãy lưu lại với mã hóa UTF-8: trong Notepad chọn Tệp › Lưu thành… › Mã hóa: UTF-8"
                : "the file is saved as UTF-16 (Notepad calls it \"Unicode\"); save it again as UTF-8: in Notepad, File › Save as… › Encoding: UTF-8"
        case .nulCharacter:
            return vi ? "tệp chứa ký tự NUL (byte 0); hãy lưu lại tệp dưới dạng văn bản"
                : "the file contains a NUL byte; save it again as plain text"
        case .frontMatterMissing:
            return vi ? "thiếu phần thông tin đầu tệp: dòng đầu tiên phải là `---`"
                : "missing front matter: the first line must be `---`"
        case .frontMatterUnterminated:
            return vi ? "phần thông tin đầu tệp chưa được đóng: thêm một dòng `---` sau khóa cuối cùng"
                : "front matter is not closed: add a `---` line after the last key"
        case .yamlSyntax(let detail):
            return vi ? Self.yamlProblemVietnamese(detail) : "YAML syntax error: \(detail)"
        case .yamlTabIndent:
            return vi ? "dòng này thụt lề bằng phím Tab; chỉ dùng dấu cách (mỗi bậc hai dấu cách)"
                : "this line is indented with a Tab; use spaces only (two per level)"
        case .yamlColonInValue(let key):
            return vi ? "giá trị có dấu `:`; hãy đặt cả giá trị trong ngoặc kép: `\(key): \"…\"`"
                : "the value contains `:`; put the whole value in double quotes: `\(key): \"…\"`"
        case .yamlNeedsQuotes(let key, let character):
            return vi ? "giá trị không được bắt đầu bằng `\(character)`; hãy đặt cả giá trị trong ngoặc kép: `\(key): \"…\"`"
                : "a value cannot start with `\(character)`; put the whole value in double quotes: `\(key): \"…\"`"
        case .yamlDuplicateKey(let key, let first, let second):
            return vi ? "khóa `\(key)` có ở dòng \(first) và dòng \(second); xóa một dòng"
                : "the key `\(key)` is on line \(first) and line \(second); delete one of them"
        case .yamlUnclosedQuote(let line):
            return vi ? "dấu ngoặc kép mở ở dòng \(line) chưa được đóng; thêm dấu ngoặc kép vào cuối giá trị"
                : "the quote opened on line \(line) is not closed; add the closing quote after the value"
        case .yamlTextAfterQuote(let key):
            return vi ? "có chữ nằm sau dấu ngoặc kép đóng; hãy đặt cả giá trị trong một cặp ngoặc kép và viết dấu ngoặc kép bên trong thành `\\\"`: `\(key): \"…\"`"
                : "there is text after the closing quote; put the whole value in one pair of quotes and write quotes inside it as `\\\"`: `\(key): \"…\"`"
        case .yamlMissingColon(let key):
            return vi ? "thiếu dấu `:` sau khóa `\(key)`; viết `\(key): giá trị`"
                : "missing `:` after the key `\(key)`; write `\(key): value`"
        case .yamlSpaceAfterColon(let key):
            return vi ? "thiếu dấu cách sau dấu `:` của khóa `\(key)`; viết `\(key): giá trị`"
                : "a space is missing after the `:` of the key `\(key)`; write `\(key): value`"
        case .yamlUnclosedBracket(let bracket, let line):
            return vi ? "dấu ngoặc `\(bracket)` mở ở dòng \(line) chưa được đóng; thêm `\(bracket == "[" ? "]" : "}")` vào cuối danh sách"
                : "the `\(bracket)` opened on line \(line) is not closed; add `\(bracket == "[" ? "]" : "}")` at the end of the list"
        case .yamlNotKeyValue:
            return vi ? "dòng này không có dạng `khóa: giá trị`; nếu là phần tiếp theo của dòng trên thì hãy nối vào dòng trên, nếu là ghi chú thì thêm `#` ở đầu dòng"
                : "this line is not `key: value`; if it continues the line above, join it to that line; if it is a note, start it with `#`"
        case .yamlUnexpectedIndent(let key):
            return vi ? "dòng `\(key):` bị thụt lề nhưng dòng trên không mở danh sách hay nhóm khóa; hãy xóa dấu cách ở đầu dòng"
                : "the line `\(key):` is indented, but the line above opens no list or group; remove the spaces at the start of the line"
        case .yamlCurlyQuotes(let key):
            return vi ? "giá trị `\(key)` nằm trong ngoặc kép cong “ ” (Word thường tự đổi); CongKhai đọc như ngoặc kép thẳng, nhưng nên gõ lại bằng phím \""
                : "the value of `\(key)` is in curly quotes “ ” (word processors change them); CongKhai reads them as straight quotes, but type them again with the \" key"
        case .invisibleCharacter(let kind):
            switch (kind, vi) {
            case (.nonBreakingSpace, true):
                return "có dấu cách không ngắt (thường do chép từ Word) ở đây; CongKhai đã đọc nó như dấu cách thường, nên gõ lại dấu cách"
            case (.zeroWidth, true):
                return "có ký tự vô hình (dấu cách độ rộng 0, thường do chép từ Word hay trang web) ở đây; CongKhai đã bỏ nó, nên xóa đi"
            case (.nonBreakingSpace, false):
                return "a non-breaking space (often pasted from Word) is here; CongKhai read it as a normal space, type the space again"
            case (.zeroWidth, false):
                return "an invisible zero-width character (often pasted from Word or a web page) is here; CongKhai dropped it, delete it"
            }
        case .fileEmpty:
            return vi ? "tệp trống" : "the file is empty"
        case .blankFirstLine:
            return vi ? "dòng 1 đang trống; xóa dòng trống ở đầu tệp (dòng đầu tiên phải là `---`)"
                : "line 1 is blank; delete the blank line at the top (the first line must be `---`)"
        case .misspelledKey(let key, let suggestion):
            return vi ? "CongKhai không biết khóa `\(key)`; có phải ý bạn là `\(suggestion)`? Hãy sửa tên khóa, nếu không giá trị này sẽ bị bỏ qua"
                : "CongKhai does not know the key `\(key)`; did you mean `\(suggestion)`? Fix the key, or its value would be ignored"
        case .placeholderLeft(let text):
            return vi ? "còn chỗ trống của mẫu (`\(text)`) chưa điền; hãy điền nội dung, hoặc thêm dòng `draft: true` nếu thông báo chưa xong"
                : "a placeholder from the skeleton (`\(text)`) is not filled in; fill it in, or add `draft: true` while the notice is unfinished"
        case .draftNotPublished:
            return vi ? "đây là bản nháp (`draft: true`) nên chưa được đăng; khi đã xong, hãy xóa dòng `draft` rồi dựng lại"
                : "this is a draft (`draft: true`), so it is not published; when it is ready, delete the `draft` line and build again"
        case .invalidDraftFlag(let value):
            return vi ? "`draft`: \"\(value)\" phải là `true` (bản nháp) hoặc `false`; muốn đăng thì xóa cả dòng"
                : "`draft`: \"\(value)\" must be `true` (a draft) or `false`; to publish, delete the line"
        case .idIsBareDate(let id):
            return vi ? "mã thông báo `\(id)` chỉ có ngày, dễ bị nhầm với ngày tháng; hãy thêm vài chữ, ví dụ `\(id)-thong-bao-hop-dan`"
                : "the id `\(id)` is only a date and is easily taken for one; add words, e.g. `\(id)-village-meeting`"
        case .opinionsOutsidePeriod(let until, let first, let last):
            return vi ? "hạn góp ý `opinions_until` (\(until.short)) phải nằm trong thời gian niêm yết, từ \(first.short) đến hết ngày \(last.short)"
                : "the opinion deadline `opinions_until` (\(until.short)) must fall within the posting period, \(first.short) through \(last.short)"
        case .titleHasNoWords(let title):
            return vi ? "tiêu đề \"\(title)\" không có chữ nào để đặt mã thông báo; hãy viết tiêu đề bằng chữ, ví dụ --title \"Thông báo họp dân thôn An Điềm\""
                : "the title \"\(title)\" has no words to make the notice's id from; write the title in words, e.g. --title \"Village meeting notice\""
        case .notANoticeFile(let kind):
            switch (kind, vi) {
            case (.rename(let name), true):
                return "tệp này không được đọc là thông báo vì phần đuôi tên tệp; nếu là thông báo, hãy đổi tên thành `\(name)`"
            case (.attachmentOutsideBundle, true):
                return "tệp đính kèm phải nằm trong thư mục của thông báo (`<mã>/index.md` và tệp bên cạnh) rồi ghi trong `attachments:`; tệp này không được đăng"
            case (.other, true):
                return "tệp này không phải thông báo (chỉ đọc tệp `.md`) nên bị bỏ qua; hãy chuyển nó ra khỏi content/notices/"
            case (.rename(let name), false):
                return "this file is not read as a notice because of its extension; if it is a notice, rename it to `\(name)`"
            case (.attachmentOutsideBundle, false):
                return "attachments must be inside the notice's folder (`<id>/index.md` with the file beside it) and listed in `attachments:`; this file is not published"
            case (.other, false):
                return "this file is not a notice (only `.md` files are read) and is ignored; move it out of content/notices/"
            }
        case .pageTooLarge(let size, let budget):
            return vi ? "trang của thông báo này nặng \(size) KB (quá \(budget) KB), rất chậm trên điện thoại; hãy rút gọn nội dung hoặc đưa phần dài vào tệp đính kèm PDF"
                : "this notice's page is \(size) KB (over \(budget) KB), slow on a phone; shorten it or move the long part into a PDF attachment"
        case .searchIndexTooLarge(let size, let budget):
            return vi ? "chỉ mục tìm kiếm nặng \(size) KB (quá \(budget) KB) và mỗi người xem trang tìm kiếm đều phải tải về; hãy rút gọn các thông báo dài nhất"
                : "the search index is \(size) KB (over \(budget) KB) and every visitor of the search page downloads it; shorten the longest notices"
        case .frontMatterNotMapping:
            return vi ? "phần thông tin đầu tệp phải là các dòng `khóa: giá trị`"
                : "front matter must be `key: value` lines"
        case .missingField(let key):
            return vi ? "thiếu trường bắt buộc `\(key)`" : "required field `\(key)` is missing"
        case .wrongType(let key, let expected):
            return vi ? "`\(key)` phải là \(expected.text(in: language))"
                : "`\(key)` must be \(expected.text(in: language))"
        case .invalidDate(let key, let value):
            if let guess = LocalDate.guess(from: value) {
                return vi ? "`\(key)`: ngày \"\(value)\" không đúng dạng YYYY-MM-DD; có phải ý bạn là \(guess.iso)?"
                    : "`\(key)`: \"\(value)\" is not in the form YYYY-MM-DD; did you mean \(guess.iso)?"
            }
            return vi ? "`\(key)`: ngày \"\(value)\" không hợp lệ; \(Self.dateForms.vi)"
                : "`\(key)`: \"\(value)\" is not a valid date; \(Self.dateForms.en)"
        case .expiresBeforePosted(let posted, let expires):
            return vi ? "ngày hết hạn `expires` (\(expires)) trước ngày bắt đầu niêm yết `posted` (\(posted))"
                : "`expires` (\(expires)) is before `posted` (\(posted))"
        case .unknownType(let value, let suggestions):
            return (vi ? "loại thông báo `\(value)` không tồn tại" : "unknown notice type `\(value)`")
                + Self.hint(suggestions, language)
        case .unknownCommune(let value, let suggestions):
            return (vi ? "xã `\(value)` không có trong danh sách `communes` của site.yaml"
                : "commune `\(value)` is not listed in site.yaml `communes`") + Self.hint(suggestions, language)
        case .communeRequired(let known):
            let list = known.map { "`\($0)`" }.joined(separator: ", ")
            return vi ? "thiếu trường `commune` (site.yaml liệt kê các xã: \(list))"
                : "`commune` is required (site.yaml lists: \(list))"
        case .communeOptionRequired(let known):
            let list = known.map { "`\($0)`" }.joined(separator: ", ")
            return vi ? "hãy thêm --commune \(known.first ?? "ma-xa") (site.yaml có các xã: \(list))"
                : "add --commune \(known.first ?? "commune-id") (site.yaml lists: \(list))"
        case .invalidId(let id):
            return vi ? "mã thông báo `\(id)` không hợp lệ: chỉ dùng chữ thường không dấu a-z, chữ số và dấu `-`"
                : "invalid id `\(id)`: use lowercase a-z, digits and `-` only"
        case .duplicateId(let id, let other):
            return vi ? "mã thông báo `\(id)` bị trùng với \(other)" : "id `\(id)` is also used by \(other)"
        case .attachmentNeedsBundle:
            return vi ? "chỉ thông báo dạng thư mục (`<mã>/index.md`) mới có tệp đính kèm"
                : "only a bundle notice (`<id>/index.md`) can have attachments"
        case .attachmentMissing(let file):
            return vi ? "không tìm thấy tệp đính kèm `\(file)` trong thư mục của thông báo"
                : "attachment `\(file)` not found in the notice's folder"
        case .attachmentSymbolicLink(let file):
            return vi ? "tệp đính kèm `\(file)` là liên kết tượng trưng (symlink); hãy chép tệp thật vào thư mục của thông báo"
                : "attachment `\(file)` is a symbolic link; copy the real file into the notice's folder"
        case .attachmentNotAFile(let file):
            return vi ? "tệp đính kèm `\(file)` không phải là tệp thường (có thể là thư mục); hãy ghi tên một tệp"
                : "attachment `\(file)` is not a regular file (perhaps a folder); name a file"
        case .attachmentOutsideBundle(let file):
            return vi ? "tệp đính kèm `\(file)` phải nằm trong thư mục của thông báo"
                : "attachment `\(file)` must be inside the notice's folder"
        case .unknownSupersedes(let id, let suggestions):
            return (vi ? "`supersedes`: không có thông báo nào mang mã `\(id)`"
                : "`supersedes`: no notice has id `\(id)`") + Self.hint(suggestions, language)
        case .unknownPage(let id, let suggestions):
            return (vi ? "`comment_page`: không có trang `\(id)` trong content/pages/ (tệp `\(id).md`)"
                : "`comment_page`: there is no page `\(id)` in content/pages/ (a file `\(id).md`)") + Self.hint(suggestions, language)
        case .unknownCorrects(let id, let suggestions):
            return (vi ? "`corrects`: không có thông báo nào mang mã `\(id)`"
                : "`corrects`: no notice has id `\(id)`") + Self.hint(suggestions, language)
        case .correctsItself:
            return vi ? "`corrects`: thông báo không thể đính chính chính nó"
                : "`corrects`: a notice cannot correct itself"
        case .extensionDisagrees(let to, let expires):
            return vi ? "`extended`: lần gia hạn cuối kéo dài đến hết ngày \(to.short) nhưng `expires` là \(expires); hãy sửa cho khớp (hoặc dùng `congkhai extend`)"
                : "`extended`: the last extension runs through \(to.short) but `expires` is \(expires); make them agree (or use `congkhai extend`)"
        case .extensionOutOfOrder:
            return vi ? "`extended`: các lần gia hạn phải theo thứ tự thời gian, mỗi lần kéo dài đến một ngày muộn hơn lần trước"
                : "`extended`: extensions must be in order, each to a later day than the one before"
        case .supersedesItself:
            return vi ? "`supersedes`: thông báo không thể thay thế chính nó"
                : "`supersedes`: a notice cannot supersede itself"
        case .unknownKey(let key, let suggestions):
            return (vi ? "CongKhai không biết khóa `\(key)`; dòng này bị bỏ qua" : "CongKhai does not know the key `\(key)`; this line is ignored")
                + Self.hint(suggestions, language)
        case .emptyBody:
            return vi ? "nội dung thông báo đang trống" : "the notice body is empty"
        case .emptyValue(let key):
            return vi ? "`\(key)` không được để trống" : "`\(key)` must not be empty"
        case .siteConfigMissing:
            return vi ? "không tìm thấy content/site.yaml; hãy chạy lệnh trong thư mục của trang, hoặc chỉ rõ thư mục đó bằng --root"
                : "content/site.yaml not found; run the command in the site's folder, or give that folder with --root"
        case .zoneDataMissing(let zone):
            return vi ? "máy này thiếu dữ liệu múi giờ cho `\(zone)` (gói tzdata); CongKhai dùng giờ cố định UTC+07:00, đúng với Việt Nam; hãy cài tzdata"
                : "this machine's zone database lacks `\(zone)` (the tzdata package); CongKhai uses the fixed offset UTC+07:00, which is right for Vietnam; install tzdata"
        case .invalidTimeZone(let zone):
            return vi ? "múi giờ `\(zone)` không tồn tại; ví dụ: Asia/Ho_Chi_Minh"
                : "unknown time zone `\(zone)`; e.g. Asia/Ho_Chi_Minh"
        case .invalidLanguage(let value):
            return vi ? "ngôn ngữ `\(value)` không được hỗ trợ; dùng `vi` hoặc `en`"
                : "language `\(value)` is not supported; use `vi` or `en`"
        case .invalidBaseURL(let value):
            return vi ? "`base_url` \"\(value)\" phải là địa chỉ http(s) đầy đủ, ví dụ https://xa.example.gov.vn/"
                : "`base_url` \"\(value)\" must be a full http(s) address, e.g. https://commune.example.gov.vn/"
        case .invalidNumber(let key, let value, let lowest, let highest):
            return vi ? "`\(key)`: \"\(value)\" phải là một số nguyên từ \(lowest) đến \(highest)"
                : "`\(key)`: \"\(value)\" must be a whole number from \(lowest) to \(highest)"
        case .templateCycle(let chain):
            return vi ? "mẫu giao diện gọi lại chính nó (\(chain)) nên sẽ lặp vô tận; hãy bỏ lời gọi `{{>…}}` hoặc `{{<…}}` tạo thành vòng"
                : "templates include each other in a loop (\(chain)) that would never end; remove the `{{>…}}` or `{{<…}}` that closes it"
        case .templateError(let name, let detail):
            return vi ? "mẫu giao diện `\(name)` bị lỗi: \(detail)" : "template `\(name)` is invalid: \(detail)"
        case .themeStringMissing(let key):
            return vi ? "thiếu chuỗi `\(key)`; dùng câu mặc định của CongKhai cho đến khi bạn thêm dòng `\(key): …`"
                : "the string `\(key)` is missing; CongKhai's default text is used until you add a line `\(key): …`"
        case .themeStringsMissing(let file):
            return vi ? "giao diện thiếu tệp chuỗi `\(file)`" : "theme has no strings file `\(file)`"
        case .fileUnreadable(let detail):
            return vi ? "không đọc được tệp: \(detail)" : "cannot read file: \(detail)"
        case .bodyNotRendered(let detail):
            return vi ? "không chuyển được nội dung Markdown thành trang (\(detail)); hãy kiểm tra phần nội dung từ dòng này"
                : "the Markdown body could not be turned into a page (\(detail)); check the body from this line"
        case .outputDiskFull:
            return vi ? "ổ đĩa đã đầy: không đủ chỗ để dựng trang mới (trong lúc dựng cần chỗ cho cả bản cũ lẫn bản mới); hãy giải phóng dung lượng rồi dựng lại"
                : "the disk is full: no room to build the new site (a build needs room for the old and the new site at once); free some space and build again"
        case .outputNotWritable(let detail):
            return vi ? "không có quyền ghi vào thư mục kết quả (\(detail)); hãy kiểm tra quyền của thư mục hoặc chọn thư mục khác"
                : "no permission to write the output folder (\(detail)); check the folder's permissions or choose another"
        case .outputFailure(let detail):
            return vi ? "không ghi được trang web: \(detail)" : "cannot write the site: \(detail)"
        case .buildInProgress(let lock):
            return vi ? "một lần dựng trang khác đang chạy với cùng thư mục kết quả (khóa \(lock)); hãy chờ nó xong rồi chạy lại"
                : "another build is running on the same output folder (lock \(lock)); wait for it and run again"
        case .outputNotASite(let path):
            return vi ? "thư mục \(path) đã có các tệp khác, không phải trang do CongKhai dựng; mỗi lần dựng sẽ thay toàn bộ thư mục kết quả, nên hãy chọn một thư mục trống hoặc chưa có"
                : "\(path) already holds other files, not a site CongKhai built; a build replaces the whole output folder, so choose an empty or new folder"
        case .unsafeOutput(let path):
            return vi ? "không thể dùng \(path) làm thư mục kết quả: nó chứa nội dung nguồn hoặc không phải thư mục"
                : "cannot use \(path) as the output folder: it holds the sources or is not a folder"
        case .staleReference(let id, let status, let found):
            return vi ? "trang có nhắc tới thông báo `\(id)` (\(status.label(in: .vi))) qua `\(found)`; "
                + "chỉ thông báo đang niêm yết mới được xuất hiện trên trang"
                : "output refers to notice `\(id)` (\(status.label(in: .en))) via `\(found)`; "
                + "only notices being posted may appear"
        case .staleInSite(let id, let status):
            return vi ? "thông báo `\(id)` (\(status.label(in: .vi))) vẫn còn trên trang; hãy chạy lại `congkhai build` và triển khai lại"
                : "notice `\(id)` (\(status.label(in: .en))) is still on the site; run `congkhai build` again and redeploy"
        case .remoteUnreachable(let reason):
            return vi ? "không tải được (\(reason)); chưa kiểm tra được địa chỉ này, hãy xem lại máy chủ hoặc kết nối mạng rồi chạy lại"
                : "could not be fetched (\(reason)); this address was not checked, check the server or the network and run again"
        case .scheduledPublished(let id, let start):
            return vi ? "thông báo `\(id)` chưa đến ngày niêm yết (bắt đầu lúc \(Self.spoken(start, language))) nhưng đã có trên trang; hãy chạy lại `congkhai build`"
                : "notice `\(id)` is scheduled (starts at \(Self.spoken(start, language))) but already on the site; run `congkhai build` again"
        case .missingFromSite(let id, let start):
            return vi ? "thông báo `\(id)` phải được niêm yết từ \(Self.spoken(start, language)) nhưng chưa có trên trang; hãy chạy lại `congkhai build`"
                : "notice `\(id)` must be posted since \(Self.spoken(start, language)) but is missing from the site; run `congkhai build` again"
        case .periodTooShort(let type, let length, let basis, let earliest):
            let name = type.name(in: language)
            return vi ? "\(name) phải được niêm yết ít nhất \(length.text(in: .vi)) (\(basis)): `expires` sớm nhất là hết ngày \(earliest.short)"
                + " (không tính ngày đầu; thời hạn kết thúc lúc 24 giờ ngày cuối; nếu ngày cuối là ngày nghỉ thì lùi sang ngày làm việc tiếp theo)"
                : "\(name) must be posted for at least \(length.text(in: .en)) (\(basis)): the earliest `expires` is the end of \(earliest.short)"
                + " (the first day is not counted; a period ends at midnight of its last day; a last day off moves to the next working day)"
        case .periodTooLong(let type, let length, let basis, let latest):
            let name = type.name(in: language)
            return vi ? "\(name) chỉ được niêm yết tối đa \(length.text(in: .vi)) (\(basis)): `expires` muộn nhất là \(latest.short)"
                : "\(name) may be posted for at most \(length.text(in: .en)) (\(basis)): the latest `expires` is \(latest.short)"
        case .periodLongerThanFixed(let type, let length, let basis, let end):
            let name = type.name(in: language)
            return vi ? "\(name) niêm yết \(length.text(in: .vi)) (\(basis)), tức đến hết ngày \(end.short); niêm yết lâu hơn không trái luật nhưng sau thời hạn này phải tổ chức họp lấy ý kiến ngay"
                : "\(name) is posted for \(length.text(in: .en)) (\(basis)), that is through \(end.short); longer is not unlawful, but the consultation meeting is due right after"
        case .validityExceeded(let type, let months, let basis, let latest):
            let name = type.name(in: language)
            return vi ? "\(name) chỉ có hiệu lực \(months) tháng kể từ ngày ký (\(basis)): `expires` muộn nhất là \(latest.short)"
                : "\(name) is valid for \(months) months from its signing date (\(basis)): the latest `expires` is \(latest.short)"
        case .signedRequired(let type, let basis):
            return vi ? "\(type.name(in: .vi)) phải có ngày ký `signed` (\(basis) tính thời hạn từ ngày ký)"
                : "\(type.name(in: .en)) needs its signing date `signed` (\(basis) counts from it)"
        case .postingStartsLate(let length, let basis, let deadline):
            return vi ? "niêm yết chậm: phải bắt đầu chậm nhất \(length.text(in: .vi)) sau ngày ký (\(basis)), tức ngày \(deadline.short)"
                : "posting starts late: it must start within \(length.text(in: .en)) of signing (\(basis)), that is by \(deadline.short)"
        case .calendarMissing(let year):
            return vi ? "chưa có lịch nghỉ lễ năm \(year); thời hạn có thể bị tính thiếu (thêm `holidays:` và `workdays:` của năm \(year) vào site.yaml)"
                : "no holiday calendar for \(year); the period may be counted short (add \(year)'s `holidays:` and `workdays:` to site.yaml)"
        case .personalData(let kind):
            let what: String
            switch (kind, vi) {
            case (.citizenID, true): what = "số căn cước công dân (12 chữ số)"
            case (.oldID, true): what = "số chứng minh nhân dân (9 chữ số)"
            case (.phone, true): what = "số điện thoại"
            case (.citizenID, false): what = "a citizen ID number (12 digits)"
            case (.oldID, false): what = "an old ID card number (9 digits)"
            case (.phone, false): what = "a phone number"
            }
            return vi ? "có vẻ là \(what); không công bố số định danh, số điện thoại của người dân (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): chỉ cần họ tên. Nếu đây là số của cơ quan thì bỏ qua cảnh báo này"
                : "this looks like \(what); do not publish residents' identifiers or phone numbers (Law 91/2025/QH15 on personal data): names are enough. Ignore this if it is an office's number"
        case .invalidRule(let detail):
            return vi ? "quy tắc niêm yết không hợp lệ: \(detail)" : "invalid posting rule: \(detail)"
        case .expiringSoon(let days, let lastDay):
            let left = days <= 0 ? (vi ? "hôm nay là ngày cuối" : "today is the last day")
                : (vi ? "còn \(days) ngày" : "\(days) days left")
            return vi ? "thông báo sắp hết hạn niêm yết (\(left), đến hết ngày \(lastDay.short)); nếu cần kéo dài thời gian niêm yết, hãy sửa ngày `expires` hoặc dùng `congkhai extend`"
                : "posting ends soon (\(left), through \(lastDay.short)); to post it longer, change `expires` or use `congkhai extend`"
        case .attachmentNameTaken(let file):
            return vi ? "không dùng được tên tệp đính kèm `\(file)`: trùng với trang do CongKhai tạo hoặc với tệp đính kèm khác; hãy đổi tên tệp"
                : "attachment name `\(file)` is taken by a generated page or another attachment; rename the file"
        case .attachmentActiveContent(let file):
            return vi ? "không đính kèm được `\(file)`: loại tệp này có thể chạy mã trên trang; hãy đính kèm bản PDF hoặc ảnh"
                : "`\(file)` cannot be attached: this file type can run code on the site; attach a PDF or an image"
        case .notARegularFile:
            return vi ? "đây không phải là tệp văn bản thường; hãy lưu thông báo thành một tệp .md bình thường"
                : "this is not a regular file; save the notice as an ordinary .md file"
        case .symbolicLink:
            return vi ? "đây là liên kết tượng trưng (symlink); nội dung phải là tệp và thư mục thật nằm trong content/"
                : "this is a symbolic link; content must be real files and folders inside content/"
        case .yamlAliasesNotAllowed:
            return vi ? "không dùng neo và tham chiếu YAML (`&tên`, `*tên`) trong phần thông tin đầu tệp; hãy viết giá trị trực tiếp"
                : "YAML anchors and aliases (`&name`, `*name`) are not allowed in front matter; write the values out"
        case .fileExists(let path):
            return vi ? "tệp \(path) đã có; CongKhai không bao giờ ghi đè, hãy đổi tiêu đề hoặc ngày"
                : "\(path) already exists; CongKhai never overwrites, change the title or the date"
        case .siteUnreadable(let detail):
            return vi ? "không đọc được trang đã dựng: \(detail)" : "cannot read the built site: \(detail)"
        case .linkRemoved(let id, let status):
            return vi ? "thông báo `\(id)` đang ở trạng thái \"\(status.label(in: .vi))\" nên liên kết tới nó đã được gỡ: "
                + "chữ vẫn hiển thị nhưng không còn dẫn tới thông báo; nên sửa lại câu này"
                : "notice `\(id)` is \"\(status.label(in: .en))\", so the link to it was removed: its text stays "
                + "but leads nowhere; consider rewording"
        case .linkWillBeRemoved(let id, let end):
            return vi ? "liên kết tới thông báo `\(id)` sẽ tự được gỡ khi thông báo đó hết thời hạn niêm yết (sau \(Self.spoken(end, language))); "
                + "nếu cần, hãy sửa câu này hoặc gia hạn thông báo đó"
                : "the link to notice `\(id)` will be removed when that notice's posting ends (after \(Self.spoken(end, language))); "
                + "reword it or extend that notice if needed"
        case .linkToUnknownNotice(let id, let suggestions):
            return (vi ? "liên kết tới thông báo `\(id)` nhưng không có thông báo nào mang mã này; liên kết đã được gỡ"
                : "link to notice `\(id)`, but no notice has this id; the link was removed") + Self.hint(suggestions, language)
        case .lastValidVersionUsed(let savedAt):
            return vi ? "tệp này có lỗi nên trang được dựng từ bản hợp lệ gần nhất của nó (lưu lúc \(Self.spoken(savedAt, language))); hãy sửa lỗi rồi dựng lại"
                : "this file has errors, so the site was built from its last valid version (saved \(Self.spoken(savedAt, language))); fix it and build again"
        case .brokenNotPublished:
            return vi ? "tệp này có lỗi và chưa từng có bản hợp lệ nên không được đưa lên trang; hãy sửa lỗi rồi dựng lại"
                : "this file has errors and no valid version was ever built, so it is not published; fix it and build again"
        case .stateNotSaved(let detail):
            return vi ? "trang đã được xuất bản nhưng không lưu được bản hợp lệ của các tệp nguồn (\(detail)); lần dựng sau nếu có lỗi sẽ chỉ gỡ thông báo hết hạn khỏi trang cũ"
                : "the site was published but its sources could not be kept (\(detail)); a later build with errors will only take ended notices out of the old site"
        case .lastValidVersionRejected:
            return vi ? "cả bản hiện tại lẫn bản hợp lệ gần nhất của tệp này đều không dựng được cùng các tệp khác (xem lỗi ở trên) nên tệp không được đưa lên trang; hãy sửa lỗi rồi dựng lại"
                : "neither this file nor its last valid version builds with the other files (see the errors above), so it is not published; fix it and build again"
        case .outputFileUnreadable(let detail):
            return vi ? "không đọc lại được tệp vừa dựng để kiểm tra (\(detail)); trang mới không được xuất bản"
                : "cannot read back a built file to verify it (\(detail)); the new site is not published"
        case .unknownNoticeInSite(let id):
            return vi ? "trang có thông báo `\(id)` nhưng trong content/ không còn thông báo nào mang mã này (có thể tệp nguồn đã bị xóa); hãy chạy lại `congkhai build` và triển khai lại"
                : "the site shows notice `\(id)`, but no notice in content/ has this id (its source may have been deleted); run `congkhai build` again and redeploy"
        }
    }
}
