import Foundation

/// A JSON integer, string or null: what recorded processes, keys and values may be.
enum JSONScalar: Hashable, Sendable {
    case null
    case integer(Int)
    case string(String)

    /// The JSON spelling, so `1` and `"1"` stay apart and reports print values as the file had them.
    var text: String {
        switch self {
        case .null: return "null"
        case .integer(let value): return String(value)
        case .string(let value):
            var escaped = "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped + "\""
        }
    }

    /// Reads a JSONSerialization value. Booleans and fractions are not scalars here: on Linux a JSON
    /// `true` and `1` both arrive as NSNumber, so the number's type code tells them apart.
    init?(_ object: Any) {
        if object is NSNull { self = .null; return }
        if let string = object as? String { self = .string(string); return }
        guard let number = object as? NSNumber, !(number is NSDecimalNumber),
              "silqSILQ".contains(String(cString: number.objCType)), let value = Int(exactly: number.int64Value)
        else { return nil }
        self = .integer(value)
    }
}

/// One line of a recorded history, checked for the fields every event needs.
struct RecordedEvent {
    enum EventType: String, Sendable { case invoke, ok, fail, info }
    enum Function: String, Sendable {
        case read, write
        case compareAndSet = "cas"
    }

    var line: Int
    var process: JSONScalar
    var type: EventType
    var function: Function
    var key: JSONScalar
    /// The whole object, for the fields only some events have.
    private var object: [String: Any]

    init(parsing text: Substring, line: Int) throws(RecordedHistoryError) {
        self.line = line
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw RecordedHistoryError(
                line: line, problem: "malformed JSON", fix: "Write one complete JSON object per line")
        }
        guard let object = parsed as? [String: Any] else {
            throw RecordedHistoryError(
                line: line, problem: "the event is not a JSON object", fix: "Write one JSON object per line")
        }
        self.object = object
        func field(_ name: String) throws(RecordedHistoryError) -> Any {
            guard let value = object[name] else {
                throw RecordedHistoryError(
                    line: line, problem: "missing field \"\(name)\"",
                    fix: "Every event needs \"process\", \"type\", \"f\" and \"key\"")
            }
            return value
        }
        let process = try field("process"), type = try field("type"), function = try field("f")
        let key = try field("key")
        guard let processScalar = JSONScalar(process), processScalar != .null else {
            throw RecordedHistoryError(line: line, problem: "\"process\" is not an integer or string",
                                       fix: "Name each process with an integer or a string")
        }
        guard let eventType = (type as? String).flatMap(EventType.init(rawValue:)) else {
            throw RecordedHistoryError(line: line, problem: "unknown \"type\" \(Self.spelling(type))",
                                       fix: "Use \"invoke\", \"ok\", \"fail\" or \"info\"")
        }
        guard let eventFunction = (function as? String).flatMap(Function.init(rawValue:)) else {
            throw RecordedHistoryError(line: line, problem: "unknown \"f\" \(Self.spelling(function))",
                                       fix: "Use \"read\", \"write\" or \"cas\"")
        }
        guard let keyScalar = JSONScalar(key), keyScalar != .null else {
            throw RecordedHistoryError(line: line, problem: "\"key\" is not an integer or string",
                                       fix: "Name each key with an integer or a string")
        }
        self.process = processScalar
        self.type = eventType
        self.function = eventFunction
        self.key = keyScalar
    }

    /// The `value` field as a scalar; when `required`, a missing one is an error.
    func scalarValue(required: Bool) throws(RecordedHistoryError) -> JSONScalar {
        guard let value = object["value"] else {
            if !required { return .null }
            throw error("missing field \"value\" on a \(function.rawValue) \(type.rawValue)",
                        fix: type == .ok ? "A read's ok event carries the value it read" : "A write's invoke carries the value written")
        }
        guard let scalar = JSONScalar(value) else {
            throw error("\"value\" \(Self.spelling(value)) is not an integer, string or null",
                        fix: "Use JSON integers, strings or null as values")
        }
        return scalar
    }

    /// A cas invoke's `value`: `[expected, new]`.
    func compareAndSetValues() throws(RecordedHistoryError) -> (expected: JSONScalar, new: JSONScalar) {
        let fix = "A cas invoke's \"value\" is [expected, new], e.g. [1, 2]"
        guard let value = object["value"] else { throw error("missing field \"value\" on a cas invoke", fix: fix) }
        guard let pair = value as? [Any], pair.count == 2, let expected = JSONScalar(pair[0]),
              let new = JSONScalar(pair[1]) else {
            throw error("a cas \"value\" must be a pair of integers, strings or nulls", fix: fix)
        }
        return (expected, new)
    }

    /// A cas ok's `succeeded` flag.
    func succeeded() throws(RecordedHistoryError) -> Bool {
        let fix = "A cas ok event carries \"succeeded\": true or false"
        guard let value = object["succeeded"] else { throw error("missing field \"succeeded\" on a cas ok", fix: fix) }
        guard let number = value as? NSNumber, "cB".contains(String(cString: number.objCType)) else {
            throw error("\"succeeded\" must be true or false, not \(Self.spelling(value))", fix: fix)
        }
        return number.boolValue
    }

    /// An error on this event's line.
    func error(_ problem: String, fix: String) -> RecordedHistoryError {
        RecordedHistoryError(line: line, problem: problem, fix: fix)
    }

    /// How a JSON value looked, for messages.
    private static func spelling(_ value: Any) -> String {
        if let scalar = JSONScalar(value) { return scalar.text }
        if let number = value as? NSNumber { return "\(number)" }
        return value is [Any] ? "(an array)" : value is [String: Any] ? "(an object)" : "\(value)"
    }
}
