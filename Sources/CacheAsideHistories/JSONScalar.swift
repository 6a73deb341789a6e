/// A JSON integer, string or null: what recorded processes, keys and values may be.
package enum JSONScalar: Hashable, Sendable {
    case null
    case integer(Int)
    case string(String)

    /// The JSON spelling, so `1` and `"1"` stay apart and reports print values as the file had them.
    var text: String {
        switch self {
        case .null: return "null"
        case .integer(let value): return String(value)
        case .string(let value): return Self.quoted(value)
        }
    }

    /// A string as a JSON string literal (reports written by the command line use it too).
    package static func quoted(_ value: String) -> String {
        var escaped = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}

/// An event's `value` field as written, before the event's kind says which shape it must have.
enum RecordedValue: Sendable, Equatable {
    /// No `value` field.
    case absent
    /// An integer, string or null.
    case scalar(JSONScalar)
    /// A two-element array of scalars: a cas's `[expected, new]`.
    case pair(JSONScalar, JSONScalar)
    /// Anything else (a boolean, a fraction, another array, an object), as spelled, for messages.
    case unsupported(String)
}
