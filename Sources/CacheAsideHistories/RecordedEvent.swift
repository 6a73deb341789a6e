/// One event of a recorded history, whatever format it was read from (JSON Lines or Jepsen EDN):
/// what each format's reader produces and what `RecordedHistoryBuilder` pairs into operations.
struct RecordedEvent: Sendable {
    /// Jepsen's event types.
    enum EventType: String, Sendable { case invoke, ok, fail, info }
    /// The register operations a history may hold.
    enum Function: String, Sendable {
        case read, write
        case compareAndSet = "cas"
    }

    /// The 1-based line the event starts on, which errors and reports name.
    var line: Int
    var process: JSONScalar
    var type: EventType
    var function: Function
    var key: JSONScalar
    var value: RecordedValue
    /// A cas return's `succeeded` flag; `nil` when absent.
    var succeeded: Bool?
    /// The event's timestamp in the file's own unit, when it has one.
    var time: Int?

    /// An error on this event's line.
    func error(_ problem: String, fix: String) -> RecordedHistoryError {
        RecordedHistoryError(line: line, problem: problem, fix: fix)
    }

    /// The value as a scalar; `required` makes an absent one an error.
    func scalarValue(required: Bool) throws(RecordedHistoryError) -> JSONScalar {
        switch value {
        case .absent:
            if !required { return .null }
            throw error("missing field \"value\" on a \(function.rawValue) \(type.rawValue)",
                        fix: type == .ok ? "A read's ok event carries the value it read" : "A write's invoke carries the value written")
        case .scalar(let scalar):
            return scalar
        case .pair(let a, let b):
            throw error("\"value\" [\(a.text), \(b.text)] is not an integer, string or null",
                        fix: "Use integers, strings or null as values; only a cas takes a pair")
        case .unsupported(let spelling):
            throw error("\"value\" \(spelling) is not an integer, string or null",
                        fix: "Use integers, strings or null as values")
        }
    }

    /// A cas invoke's `value`: `[expected, new]`.
    func compareAndSetValues() throws(RecordedHistoryError) -> (expected: JSONScalar, new: JSONScalar) {
        let fix = "A cas invoke's \"value\" is [expected, new], e.g. [1, 2]"
        switch value {
        case .absent: throw error("missing field \"value\" on a cas invoke", fix: fix)
        case .pair(let expected, let new): return (expected, new)
        case .scalar, .unsupported: throw error("a cas \"value\" must be a pair of integers, strings or nulls", fix: fix)
        }
    }
}
