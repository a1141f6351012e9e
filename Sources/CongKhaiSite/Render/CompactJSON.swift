import Foundation

/// Compact JSON with sorted keys for the search index: strings, integers, booleans, arrays and
/// string-keyed dictionaries. `JSONSerialization` on Linux spent more time on `search.json` than
/// rendering all list pages did, so this fast writer stays (the other JSON files are `Codable`).
/// A value of any other type is refused with an error naming it, never written as `null`.
enum CompactJSON {
    /// A value the writer does not know how to write.
    struct UnsupportedValue: Error, CustomStringConvertible {
        let type: String
        var description: String { "search.json: cannot write a value of type \(type)" }
    }

    static func encode(_ value: Any) throws(UnsupportedValue) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        try write(value, into: &out)
        out.append(0x0A)
        return Data(out)
    }

    /// `value` encoded without the final newline, to be joined with others.
    static func fragment(_ value: Any) throws(UnsupportedValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        try write(value, into: &out)
        return out
    }

    private static func write(_ value: Any, into out: inout [UInt8]) throws(UnsupportedValue) {
        switch value {
        case let string as String:
            writeString(string, into: &out)
        case let number as Int:
            out.append(contentsOf: String(number).utf8)
        case let flag as Bool:
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(object[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            throw UnsupportedValue(type: String(reflecting: Swift.type(of: value)))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string literal. `escapeLessThan` writes `<` as \u003c (for the search index).
    static func writeString(_ string: String, into out: inout [UInt8], escapeLessThan: Bool = true) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            // `<` as \u003c so the index can never close a <script> element if it is ever inlined.
            case UInt8(ascii: "<") where escapeLessThan:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
