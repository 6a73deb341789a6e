/// Reads JSON Lines history events straight from bytes: one object per line, scanned in a single
/// pass with no intermediate JSON tree, so a million-line history parses in well under a second
/// (JSONSerialization built an NSDictionary per line and took twenty).
///
/// It accepts exactly JSON (RFC 8259) objects, one per line, with `\n` or `\r\n` line ends; fields it
/// does not know are skipped whatever their value. Integers must fit in a signed 64-bit integer
/// (−2^63 … 2^63−1); fractions and exponents are not integers; strings must be valid UTF-8.
struct JSONLinesScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var line = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next event, or nil at the end of the input; blank lines are skipped but counted.
    mutating func next() throws(RecordedHistoryError) -> RecordedEvent? {
        while position < bytes.count {
            line += 1
            var end = position
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let start = position
            position = end + 1
            var cursor = Cursor(bytes: bytes, position: start, end: end, line: line)
            cursor.skipWhitespace()
            if cursor.atEnd { continue }
            let event = try cursor.event()
            cursor.skipWhitespace()
            guard cursor.atEnd else { throw cursor.malformed("text after the object") }
            return event
        }
        return nil
    }
}

/// A position within one line, and the grammar of an event object.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int
    let line: Int

    var atEnd: Bool { position >= end }

    mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }

    func malformed(_ what: String) -> RecordedHistoryError {
        RecordedHistoryError(line: line, problem: "malformed JSON (\(what))", fix: "Write one complete JSON object per line")
    }

    func fail(_ problem: String, fix: String) -> RecordedHistoryError {
        RecordedHistoryError(line: line, problem: problem, fix: fix)
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(RecordedHistoryError) {
        skipWhitespace()
        guard position < end, bytes[position] == byte else { throw malformed("expected \(what)") }
        position += 1
    }

    private var peek: UInt8? { position < end ? bytes[position] : nil }

    private static let types: [(StaticString, RecordedEvent.EventType)] = [
        ("invoke", .invoke), ("ok", .ok), ("fail", .fail), ("info", .info),
    ]
    private static let functions: [(StaticString, RecordedEvent.Function)] = [
        ("read", .read), ("write", .write), ("cas", .compareAndSet),
    ]

    /// The fields an event may carry.
    private enum Field { case process, type, function, key, value, succeeded, time, other }

    mutating func event() throws(RecordedHistoryError) -> RecordedEvent {
        guard peek == UInt8(ascii: "{") else {
            throw fail("the event is not a JSON object", fix: "Write one JSON object per line")
        }
        position += 1
        var process: JSONScalar?, key: JSONScalar?, type: RecordedEvent.EventType?
        var function: RecordedEvent.Function?, value = RecordedValue.absent
        var succeeded: Bool?, time: Int?
        skipWhitespace()
        if peek == UInt8(ascii: "}") { position += 1 } else {
            while true {
                skipWhitespace()
                guard peek == UInt8(ascii: "\"") else { throw malformed("expected a field name") }
                let field = try fieldName()
                try expect(UInt8(ascii: ":"), "':' after a field name")
                skipWhitespace()
                switch field {
                case .process: process = try identifier("process")
                case .key: key = try identifier("key")
                case .type: type = try word("type", Self.types, fix: #"Use "invoke", "ok", "fail" or "info""#)
                case .function: function = try word("f", Self.functions, fix: #"Use "read", "write" or "cas""#)
                case .value: value = try recordedValue()
                case .succeeded: succeeded = try flag()
                case .time: time = try timestamp()
                case .other: try skipValue(depth: 0)
                }
                skipWhitespace()
                guard let byte = peek else { throw malformed("the object is not closed") }
                position += 1
                if byte == UInt8(ascii: "}") { break }
                guard byte == UInt8(ascii: ",") else { throw malformed("expected ',' or '}'") }
            }
        }
        func missing(_ name: String) -> RecordedHistoryError {
            fail("missing field \"\(name)\"", fix: "Every event needs \"process\", \"type\", \"f\" and \"key\"")
        }
        guard let process else { throw missing("process") }
        guard let type else { throw missing("type") }
        guard let function else { throw missing("f") }
        guard let key else { throw missing("key") }
        return RecordedEvent(
            line: line, process: process, type: type, function: function, key: key, value: value,
            succeeded: succeeded, time: time)
    }

    private mutating func fieldName() throws(RecordedHistoryError) -> Field {
        let start = position
        let (first, end, escaped) = try rawString()
        // Field names are compared on their bytes; only a name with escapes is decoded first.
        if escaped {
            position = start
            switch try string() {
            case "process": return .process
            case "type": return .type
            case "f": return .function
            case "key": return .key
            case "value": return .value
            case "succeeded": return .succeeded
            case "time": return .time
            default: return .other
            }
        }
        if matches(first, end, "process") { return .process }
        if matches(first, end, "type") { return .type }
        if matches(first, end, "f") { return .function }
        if matches(first, end, "key") { return .key }
        if matches(first, end, "value") { return .value }
        if matches(first, end, "succeeded") { return .succeeded }
        if matches(first, end, "time") { return .time }
        return .other
    }

    /// Whether the bytes `first..<end` spell `literal`.
    private func matches(_ first: Int, _ end: Int, _ literal: StaticString) -> Bool {
        let length = end - first
        guard literal.utf8CodeUnitCount == length else { return false }
        let text = literal.utf8Start
        for index in 0..<length where bytes[first + index] != text[index] { return false }
        return true
    }

    /// Skips the string at the cursor (on its opening quote): its contents' range and whether it has
    /// escapes. Control characters are refused here; escapes are checked when decoded.
    private mutating func rawString() throws(RecordedHistoryError) -> (first: Int, end: Int, escaped: Bool) {
        position += 1
        let first = position
        var escaped = false
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (first, position - 1, escaped)
            }
            if byte == UInt8(ascii: "\\") { escaped = true; position += 2; continue }
            if byte < 0x20 { throw malformed("a control character in a string") }
            position += 1
        }
        throw malformed("a string is not closed")
    }

    /// A process or key: an integer or a string.
    private mutating func identifier(_ name: String) throws(RecordedHistoryError) -> JSONScalar {
        let start = position
        let what = name == "key" ? "key" : "process"
        guard let scalar = try scalarOrNil(), scalar != .null else {
            position = start
            throw fail("\"\(name)\" is not an integer or string", fix: "Name each \(what) with an integer or a string")
        }
        return scalar
    }

    /// `type` or `f`: one of a few strings, compared on their bytes.
    private mutating func word<Word>(
        _ name: String, _ words: [(StaticString, Word)], fix: String
    ) throws(RecordedHistoryError) -> Word {
        let start = position
        if peek == UInt8(ascii: "\"") {
            let (first, end, escaped) = try rawString()
            if !escaped { for (spelling, word) in words where matches(first, end, spelling) { return word } }
        }
        position = start
        throw fail("unknown \"\(name)\" \(try spellValue())", fix: fix)
    }

    private mutating func flag() throws(RecordedHistoryError) -> Bool {
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw fail("\"succeeded\" must be true or false, not \(try spellValue())",
                   fix: "A cas ok event carries \"succeeded\": true or false")
    }

    private mutating func timestamp() throws(RecordedHistoryError) -> Int? {
        if matchLiteral("null") { return nil }
        let start = position
        if let scalar = try scalarOrNil(), case .integer(let time) = scalar { return time }
        position = start
        throw fail("\"time\" \(try spellValue()) is not an integer",
                   fix: "Give times as whole numbers in one unit (e.g. nanoseconds), or leave them out")
    }

    private mutating func recordedValue() throws(RecordedHistoryError) -> RecordedValue {
        let start = position
        if let scalar = try scalarOrNil() { return .scalar(scalar) }
        if peek == UInt8(ascii: "[") {
            position += 1
            skipWhitespace()
            if let first = try scalarOrNil() {
                skipWhitespace()
                if peek == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if let second = try scalarOrNil() {
                        skipWhitespace()
                        if peek == UInt8(ascii: "]") { position += 1; return .pair(first, second) }
                    }
                }
            }
        }
        position = start
        return .unsupported(try spellValue())
    }

    /// An integer, string or null at the cursor, or nil (cursor unmoved) when the value is another kind.
    private mutating func scalarOrNil() throws(RecordedHistoryError) -> JSONScalar? {
        guard let byte = peek else { throw malformed("a value is missing") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "n"):
            guard matchLiteral("null") else { throw malformed("unknown word") }
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try integer()
        default: return nil
        }
    }

    /// A JSON number that is an integer in the signed 64-bit range, or nil (cursor unmoved) for a
    /// fraction or exponent. Accumulated as a negative number so −2^63 fits.
    private mutating func integer() throws(RecordedHistoryError) -> JSONScalar? {
        let start = position
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var magnitude = 0  // ≤ 0
        var overflow = false
        while position < end, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int(digit))
            overflow = overflow || o1 || o2
            magnitude = next
            position += 1
        }
        guard position > digitsStart else { throw malformed("a number has no digits") }
        if position < end, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[position]) {
            position = start
            return nil
        }
        if !negative {
            if magnitude == Int.min { overflow = true } else { magnitude = -magnitude }
        }
        if overflow {
            let spelling = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            throw fail("the number \(spelling) is out of the signed 64-bit range",
                       fix: "Use integers from -9223372036854775808 to 9223372036854775807, or strings")
        }
        return .integer(magnitude)
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= end else { return false }
        let text = literal.utf8Start
        for index in 0..<count where bytes[position + index] != text[index] { return false }
        position += count
        return true
    }

    /// A JSON string at the cursor (which is on its opening quote), decoded and checked to be UTF-8.
    private mutating func string() throws(RecordedHistoryError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return try decodeUTF8(raw)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw malformed("a control character in a string") }
            position += 1
        }
        var decoded = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while true {
            guard position < end else { throw malformed("a string is not closed") }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try decoded.withUnsafeBufferPointer { (raw) throws(RecordedHistoryError) in try decodeUTF8(raw) }
            case UInt8(ascii: "\\"):
                guard position < end else { throw malformed("a string is not closed") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(8)
                case UInt8(ascii: "f"): decoded.append(12)
                case UInt8(ascii: "n"): decoded.append(10)
                case UInt8(ascii: "r"): decoded.append(13)
                case UInt8(ascii: "t"): decoded.append(9)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard matchLiteral("\\u"), case let low = try hex4(), (0xDC00..<0xE000).contains(low) else {
                            throw malformed("an unpaired surrogate in a \\u escape")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw malformed("an unpaired surrogate in a \\u escape") }
                    decoded.append(contentsOf: String(unicode).utf8)
                default: throw malformed("an unknown escape in a string")
                }
            default:
                if byte < 0x20 { throw malformed("a control character in a string") }
                decoded.append(byte)
            }
        }
    }

    private mutating func hex4() throws(RecordedHistoryError) -> UInt32 {
        guard position + 4 <= end else { throw malformed("a short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw malformed("a bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// The bytes as a string; ASCII (the usual case) skips validation.
    private func decodeUTF8(_ raw: UnsafeBufferPointer<UInt8>) throws(RecordedHistoryError) -> String {
        var ascii = true
        for byte in raw where byte >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: raw, as: UTF8.self) }
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw fail("a string is not valid UTF-8", fix: "Save the history as UTF-8")
        }
        return text
    }

    /// Skips any JSON value, checking its grammar.
    private mutating func skipValue(depth: Int) throws(RecordedHistoryError) {
        guard depth < 512 else { throw malformed("nested too deeply") }
        skipWhitespace()
        guard let byte = peek else { throw malformed("a value is missing") }
        switch byte {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            position += 1
            skipWhitespace()
            if peek == close { position += 1; return }
            while true {
                if close == UInt8(ascii: "}") {
                    skipWhitespace()
                    guard peek == UInt8(ascii: "\"") else { throw malformed("expected a field name") }
                    _ = try string()
                    try expect(UInt8(ascii: ":"), "':' after a field name")
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let next = peek else { throw malformed("an array or object is not closed") }
                position += 1
                if next == close { return }
                guard next == UInt8(ascii: ",") else { throw malformed("expected ',' between elements") }
            }
        case UInt8(ascii: "t"): guard matchLiteral("true") else { throw malformed("unknown word") }
        case UInt8(ascii: "f"): guard matchLiteral("false") else { throw malformed("unknown word") }
        case UInt8(ascii: "n"): guard matchLiteral("null") else { throw malformed("unknown word") }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if byte == UInt8(ascii: "-") { position += 1 }
            var digits = 0
            while let next = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { position += 1; digits += 1 }
            guard digits > 0 else { throw malformed("a number has no digits") }
            if peek == UInt8(ascii: ".") {
                position += 1
                digits = 0
                while let next = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { position += 1; digits += 1 }
                guard digits > 0 else { throw malformed("a fraction has no digits") }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                position += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
                digits = 0
                while let next = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { position += 1; digits += 1 }
                guard digits > 0 else { throw malformed("an exponent has no digits") }
            }
        default: throw malformed("unexpected character")
        }
    }

    /// How the value at the cursor is spelled (skipping it), for messages; long spellings are cut.
    private mutating func spellValue() throws(RecordedHistoryError) -> String {
        let start = position
        try skipValue(depth: 0)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }
}
