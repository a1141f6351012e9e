import CongKhaiCore

/// Interface strings from the theme (`strings/<lang>.yaml`), with `{name}` placeholders.
struct InterfaceStrings {
    let values: [String: String]

    subscript(_ key: String) -> String { values[key] ?? key }

    /// `format("days_left", ["n": "12"])` → "còn 12 ngày".
    func format(_ key: String, _ arguments: [String: String]) -> String {
        var text = self[key]
        for (name, value) in arguments {
            text = FastText.replacing("{\(name)}", with: value, in: text)
        }
        return text
    }
}
