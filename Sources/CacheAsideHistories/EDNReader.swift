/// A value of EDN (extensible data notation, the Clojure data format Jepsen and Knossos write
/// histories in), as far as histories need: what `EDNReader` produces.
indirect enum EDNValue: Equatable, Sendable {
    case `nil`
    case boolean(Bool)
    case integer(Int)
    /// A number that is not an integer (a fraction, exponent or `M` decimal), as written.
    case otherNumber(String)
    case string(String)
    /// A keyword, without its colon: `:read` is `keyword("read")`.
    case keyword(String)
    case symbol(String)
    case character(String)
    case vector([EDNValue])
    case list([EDNValue])
    case set([EDNValue])
    /// Entries in the order written.
    case map([(key: EDNValue, value: EDNValue)])
    /// `#tag value`, e.g. `#inst "…"` or Jepsen's `#jepsen.history.Op{…}`.
    case tagged(String, EDNValue)

    static func == (a: EDNValue, b: EDNValue) -> Bool {
        switch (a, b) {
        case (.nil, .nil): return true
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.otherNumber(let x), .otherNumber(let y)), (.string(let x), .string(let y)),
             (.keyword(let x), .keyword(let y)), (.symbol(let x), .symbol(let y)), (.character(let x), .character(let y)):
            return x == y
        case (.vector(let x), .vector(let y)), (.list(let x), .list(let y)), (.set(let x), .set(let y)): return x == y
        case (.map(let x), .map(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.tagged(let t, let x), .tagged(let u, let y)): return t == u && x == y
        default: return false
        }
    }

    /// The value's value in a map, by keyword.
    subscript(keyword name: String) -> EDNValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.last { $0.key == .keyword(name) }?.value
    }

    /// How the value looks in EDN, for messages.
    var spelling: String {
        switch self {
        case .nil: return "nil"
        case .boolean(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .otherNumber(let text), .symbol(let text): return text
        case .string(let text): return JSONScalar.quoted(text)
        case .keyword(let name): return ":" + name
        case .character(let text): return "\\" + String(text.debugDescription.dropFirst().dropLast())
        case .vector(let items): return "[" + items.map(\.spelling).joined(separator: " ") + "]"
        case .list(let items): return "(" + items.map(\.spelling).joined(separator: " ") + ")"
        case .set(let items): return "#{" + items.map(\.spelling).joined(separator: " ") + "}"
        case .map(let entries): return "{" + entries.map { "\($0.key.spelling) \($0.value.spelling)" }.joined(separator: ", ") + "}"
        case .tagged(let tag, let value): return "#\(tag) \(value.spelling)"
        }
    }
}

/// Reads EDN forms from bytes, one after another, tracking the line each starts on: maps, vectors,
/// lists, sets, keywords, symbols, integers (64-bit, `N` suffix allowed), other numbers, strings,
/// characters, `nil`, `true`/`false`, `;` comments, `#_` discards and `#tag` literals. Enough for
/// Jepsen histories (the EDN spec: github.com/edn-format/edn); anything else is a clear error.
struct EDNReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    private(set) var line = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    func error(_ problem: String, line: Int? = nil) -> RecordedHistoryError {
        RecordedHistoryError(line: line ?? self.line, problem: "malformed EDN (\(problem))",
                             fix: "Write Jepsen history maps such as {:type :invoke, :f :read, :process 0, :value nil}")
    }

    /// Skips whitespace, commas, comments and `#_` discarded forms, at nesting `depth`.
    ///
    /// Discards are counted, not recursed into: `#_ #_ a b` drops two forms, and a discarded form is
    /// read at the depth of the place it sits, so neither a chain of `#_` nor discards nested inside
    /// discarded forms can grow the stack past the depth limit `read` enforces.
    mutating func skipBlank(depth: Int = 0) throws(RecordedHistoryError) {
        var discards = 0
        while let byte = peek {
            switch byte {
            case UInt8(ascii: "\n"): line += 1; position += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ","), 0x0C: position += 1
            case UInt8(ascii: ";"):
                while let next = peek, next != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "#") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "_"):
                position += 2
                discards += 1
            default:
                guard discards > 0 else { return }
                // Starts at a form, so this read's own skipBlank returns at once: no recursion here.
                _ = try read(depth: depth)
                discards -= 1
            }
        }
        if discards > 0 { throw error("a #_ has no form to discard at the end of the input") }
    }

    /// Whether only blanks remain.
    mutating func atEnd() throws(RecordedHistoryError) -> Bool {
        try skipBlank()
        return position >= bytes.count
    }

    /// The next byte after blanks, without consuming it.
    mutating func next() throws(RecordedHistoryError) -> UInt8? {
        try skipBlank()
        return peek
    }

    /// Consumes one byte (an opening or closing delimiter the caller has seen).
    mutating func consume() { position += 1 }

    /// Reads one form.
    mutating func read(depth: Int = 0) throws(RecordedHistoryError) -> EDNValue {
        guard depth < 256 else { throw error("nested too deeply") }
        try skipBlank(depth: depth)
        guard let byte = peek else { throw error("a form is missing at the end of the input") }
        switch byte {
        case UInt8(ascii: "{"):
            position += 1
            let items = try sequence(until: UInt8(ascii: "}"), depth: depth)
            guard items.count % 2 == 0 else { throw error("a map has a key without a value") }
            return .map(stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) })
        case UInt8(ascii: "["):
            position += 1
            return .vector(try sequence(until: UInt8(ascii: "]"), depth: depth))
        case UInt8(ascii: "("):
            position += 1
            return .list(try sequence(until: UInt8(ascii: ")"), depth: depth))
        case UInt8(ascii: "#"):
            position += 1
            if peek == UInt8(ascii: "{") {
                position += 1
                return .set(try sequence(until: UInt8(ascii: "}"), depth: depth))
            }
            let tag = token()
            guard !tag.isEmpty else { throw error("a # without a tag") }
            return .tagged(tag, try read(depth: depth + 1))
        case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
            throw error("an unmatched \(Character(Unicode.Scalar(byte)))")
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: ":"):
            position += 1
            let name = token()
            guard !name.isEmpty else { throw error("a : without a keyword name") }
            return .keyword(name)
        case UInt8(ascii: "\\"):
            position += 1
            let start = position
            if position < bytes.count { position += 1 }
            while let next = peek, isTokenByte(next) { position += 1 }
            return .character(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        default:
            let startLine = line
            let text = token()
            guard !text.isEmpty else {
                throw error("an unexpected character \(JSONScalar.quoted(String(decoding: [byte], as: UTF8.self)))")
            }
            return try atom(text, line: startLine)
        }
    }

    private mutating func sequence(until close: UInt8, depth: Int) throws(RecordedHistoryError) -> [EDNValue] {
        let openLine = line
        var items: [EDNValue] = []
        while true {
            try skipBlank(depth: depth + 1)
            guard let byte = peek else {
                throw error("a \(Character(Unicode.Scalar(close))) is missing for the form opened on line \(openLine)", line: openLine)
            }
            if byte == close { position += 1; return items }
            items.append(try read(depth: depth + 1))
        }
    }

    private func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ","),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: ";"):
            return false
        default: return true
        }
    }

    private mutating func token() -> String {
        let start = position
        while let byte = peek, isTokenByte(byte) { position += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// A symbol-like token: nil, true, false, a number, or a symbol.
    private func atom(_ text: String, line: Int) throws(RecordedHistoryError) -> EDNValue {
        switch text {
        case "nil": return .nil
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default: break
        }
        let utf8 = Array(text.utf8)
        let signed = utf8.first == UInt8(ascii: "-") || utf8.first == UInt8(ascii: "+")
        let digitStart = signed ? 1 : 0
        guard digitStart < utf8.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[digitStart]) else {
            return .symbol(text)
        }
        var digits = utf8[digitStart...]
        if digits.last == UInt8(ascii: "N") { digits = digits.dropLast() }
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return .otherNumber(text)
        }
        let magnitude = String(decoding: digits, as: UTF8.self)
        guard let value = Int((utf8.first == UInt8(ascii: "-") ? "-" : "") + magnitude) else {
            throw RecordedHistoryError(
                line: line, problem: "the number \(text) is out of the signed 64-bit range",
                fix: "Use integers from -9223372036854775808 to 9223372036854775807, or strings")
        }
        return .integer(value)
    }

    private mutating func string() throws(RecordedHistoryError) -> String {
        let openLine = line
        position += 1
        var decoded: [UInt8] = []
        while true {
            guard let byte = peek else { throw error("a string opened on line \(openLine) is not closed", line: openLine) }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: decoded, as: UTF8.self) else {
                    throw RecordedHistoryError(line: openLine, problem: "a string is not valid UTF-8", fix: "Save the history as UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                guard let escape = peek else { continue }
                position += 1
                switch escape {
                case UInt8(ascii: "n"): decoded.append(10)
                case UInt8(ascii: "t"): decoded.append(9)
                case UInt8(ascii: "r"): decoded.append(13)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): decoded.append(escape)
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                          let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + 4]), as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code)
                    else { throw error("a bad \\u escape in a string") }
                    position += 4
                    decoded.append(contentsOf: String(scalar).utf8)
                default:
                    throw error("an unknown escape \\\(String(decoding: [escape], as: UTF8.self).debugDescription.dropFirst().dropLast()) in a string")
                }
            case UInt8(ascii: "\n"):
                line += 1
                decoded.append(byte)
            default:
                decoded.append(byte)
            }
        }
    }
}
