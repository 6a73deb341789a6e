/// Reads a Jepsen/Knossos EDN history into events: one map per line, any number of maps per line, or
/// one vector (or list) of maps, e.g. `{:type :invoke, :f :write, :value 3, :process 0, :time 120}`.
///
/// - `:type` is `:invoke`, `:ok`, `:fail` (the operation did not happen) or `:info` (it may or may not
///   have happened: a crash or timeout); `:f` is `:read`, `:write` or `:cas`, whose value is `[old new]`.
///   Knossos' cas register answers `:fail` for a cas that found another value, so a cas `:ok` succeeded.
/// - Multi-key registers use Jepsen's `independent` tuples: the value is `[key value]` (for a cas,
///   `[key [old new]]`). A history without tuples is one register, whose key is spelled `null`.
/// - `:time` (nanoseconds in Jepsen) is kept for staleness; other entries (`:index`, `:error`, …) are
///   ignored, and so are the nemesis's events (`:process :nemesis`).
/// - Values are integers, strings, keywords (spelled `":name"`) or `nil`, every register's initial value.
struct EDNHistoryReader {
    private var reader: EDNReader
    /// The closing delimiter of the top-level vector or list being read, if the history is one.
    private var closing: UInt8?
    private var started = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) { reader = EDNReader(bytes) }

    /// The next event, or nil at the end of the history.
    mutating func next() throws(RecordedHistoryError) -> RecordedEvent? {
        if !started {
            started = true
            if let byte = try reader.next(), byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") {
                reader.consume()
                closing = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ")")
            }
        }
        while true {
            if let close = closing {
                guard let byte = try reader.next() else {
                    throw reader.error("the history's \(Character(Unicode.Scalar(close))) is missing at the end")
                }
                if byte == close {
                    reader.consume()
                    closing = nil
                    guard try reader.atEnd() else { throw reader.error("more forms after the history's vector") }
                    return nil
                }
            } else if try reader.atEnd() {
                return nil
            }
            let line = reader.line
            let form = try reader.read()
            if let event = try Self.event(form, line: line) { return event }
        }
    }

    /// The event a map describes, or nil for a nemesis event.
    static func event(_ form: EDNValue, line: Int) throws(RecordedHistoryError) -> RecordedEvent? {
        var map = form
        if case .tagged(_, let inner) = form { map = inner }  // #jepsen.history.Op{…}
        guard case .map = map else {
            throw RecordedHistoryError(line: line, problem: "the event \(short(form)) is not an EDN map",
                                       fix: "Write one map per event, e.g. {:type :invoke, :f :read, :process 0, :value nil}")
        }
        func fail(_ problem: String, _ fix: String) -> RecordedHistoryError {
            RecordedHistoryError(line: line, problem: problem, fix: fix)
        }
        func required(_ name: String) throws(RecordedHistoryError) -> EDNValue {
            guard let value = map[keyword: name] else {
                throw fail("missing :\(name)", "Every event needs :process, :type and :f")
            }
            return value
        }
        let processValue = try required("process")
        if processValue == .keyword("nemesis") { return nil }
        guard let process = scalar(processValue), process != .null else {
            throw fail(":process \(short(processValue)) is not an integer, string or keyword",
                       "Name each process with an integer (or :nemesis for the nemesis)")
        }
        let typeValue = try required("type")
        guard case .keyword(let typeName) = typeValue, let type = RecordedEvent.EventType(rawValue: typeName) else {
            throw fail("unknown :type \(short(typeValue))", "Use :invoke, :ok, :fail or :info")
        }
        let functionValue = try required("f")
        guard case .keyword(let functionName) = functionValue, let function = RecordedEvent.Function(rawValue: functionName) else {
            throw fail("unknown :f \(short(functionValue))", "Use :read, :write or :cas (a register history)")
        }
        var time: Int?
        if let timeValue = map[keyword: "time"], timeValue != .nil {
            guard case .integer(let nanoseconds) = timeValue else {
                throw fail(":time \(short(timeValue)) is not an integer", "Give :time in whole nanoseconds, or leave it out")
            }
            time = nanoseconds
        }
        var key = JSONScalar.null
        var value = map[keyword: "value"] ?? .nil
        // An independent tuple [key value]: for a cas, [key [old new]]; for a read or write, any pair.
        if case .vector(let items) = value, items.count == 2 {
            let isTuple: Bool
            if function == .compareAndSet {
                if case .vector(let inner) = items[1], inner.count == 2 { isTuple = true } else { isTuple = false }
            } else {
                isTuple = true
            }
            if isTuple {
                guard let tupleKey = scalar(items[0]), tupleKey != .null else {
                    throw fail("the key \(short(items[0])) of an independent tuple is not an integer, string or keyword",
                               "An independent tuple is [key value] with an integer or keyword key")
                }
                key = tupleKey
                value = items[1]
            }
        }
        let recorded: RecordedValue
        switch value {
        case .vector(let items) where items.count == 2:
            if let expected = scalar(items[0]), let new = scalar(items[1]) {
                recorded = .pair(expected, new)
            } else {
                recorded = .unsupported(short(value))
            }
        default:
            recorded = scalar(value).map(RecordedValue.scalar) ?? .unsupported(short(value))
        }
        // A Jepsen invoke of a read carries nil; an absent :value reads the same.
        return RecordedEvent(
            line: line, process: process, type: type, function: function, key: key,
            value: map[keyword: "value"] == nil ? .absent : recorded,
            succeeded: function == .compareAndSet && type == .ok ? true : nil, time: time)
    }

    /// An integer, string, keyword (as `":name"`) or nil as a scalar; nil for anything else.
    private static func scalar(_ value: EDNValue) -> JSONScalar? {
        switch value {
        case .nil: return .null
        case .integer(let number): return .integer(number)
        case .string(let text): return .string(text)
        case .keyword(let name): return .string(":" + name)
        default: return nil
        }
    }

    private static func short(_ value: EDNValue) -> String {
        let text = value.spelling
        return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }
}
