/// A history of register operations recorded outside the simulator, read from JSON Lines or from a
/// Jepsen/Knossos EDN history.
///
/// JSON Lines: one event per line, Jepsen style:
/// `{"process": P, "type": "invoke"|"ok"|"fail"|"info", "f": "read"|"write"|"cas", "key": K, "value": V}`,
/// with an optional `"time": T` (an integer in the recorder's unit, e.g. nanoseconds).
/// Processes and keys are integers or strings; values are integers, strings or null, and every key
/// starts as null. A read's invoke carries no value (or null) and its `ok` carries what it read; a write's
/// invoke carries the value written; a cas's invoke carries `[expected, new]` and its `ok` carries
/// `"succeeded": true|false` (a cas that found another value returned false, which still constrains the
/// order). `fail` means the operation did not take effect; `info`, or no return before the end of the
/// file, means its outcome is unknown: it may have taken effect at any point after its invoke, or never.
/// Blank lines are skipped. Each process has at most one operation open at a time.
///
/// Values and keys become integers for the checker; `valueName(_:)` and `keyName(_:)` give back their
/// spelling in the file. Event positions are line numbers, so `invokedAt` and `returnedAt` point into
/// the file. Operations carry no labels (a label per operation would cost an allocation each on
/// million-event histories); `labelled(_:)` names a violation's operations by their process.
public struct RecordedHistory: Sendable {
    /// The formats a history may be written in.
    public enum Format: String, Sendable, CaseIterable {
        /// One JSON object per line.
        case jsonLines = "jsonl"
        /// Jepsen/Knossos EDN: one map per line, or a vector of maps.
        case edn
    }

    /// The operations, in the order they were invoked; failed operations are left out.
    public var operations: [RegisterOperation]
    /// The spelling of each interned value; value 0 is `null`, every key's initial value.
    public var valueNames: [String]
    /// The spelling of each interned key.
    public var keyNames: [String]
    /// The spelling of each interned process; `RegisterOperation.process` indexes it.
    public var processNames: [String]
    /// Each operation's invoke and return timestamps (`time` fields), in the file's unit, parallel to
    /// `operations`; empty when the file has no timestamps.
    public var times: [OperationTimes]

    /// When an operation was invoked and when it returned, in the recording's own time unit.
    public struct OperationTimes: Sendable, Hashable {
        /// The invoke event's time.
        public var invoked: Int?
        /// The return event's time; `nil` when the operation has no return.
        public var returned: Int?
        /// Creates the pair.
        public init(invoked: Int?, returned: Int?) {
            self.invoked = invoked
            self.returned = returned
        }
    }

    /// The interned value every key starts with: `null` (EDN `nil`).
    public static let initialValue = 0

    /// The spelling of an interned value, e.g. `null`, `3` or `"x"`.
    public func valueName(_ value: Int) -> String { valueNames.indices.contains(value) ? valueNames[value] : "?\(value)" }

    /// The spelling of an interned key.
    public func keyName(_ key: Int) -> String { keyNames.indices.contains(key) ? keyNames[key] : "?\(key)" }

    /// The operation with its process named as the file names it, e.g. "process "p2"'s read", for reports.
    public func labelled(_ op: RegisterOperation) -> RegisterOperation {
        var named = op
        let process = processNames.indices.contains(op.process) ? processNames[op.process] : "?\(op.process)"
        let function = switch op.kind { case .read: "read"; case .write: "write"; case .compareAndSet: "cas" }
        named.label = "process \(process)'s \(function)"
        return named
    }

    /// The violation with its operations labelled (see `labelled(_:)`).
    public func labelled(_ violation: LinearizabilityViolation) -> LinearizabilityViolation {
        var named = violation
        named.operation = labelled(violation.operation)
        named.longestLinearizablePrefix = violation.longestLinearizablePrefix.map(labelled)
        return named
    }

    /// Reads the history in the file at `path` (`-` for standard input), in `format` or, when `nil`,
    /// the format its content shows (`RecordedHistory.detectFormat`). An input over `maxBytes`
    /// (default 1 GiB) is refused, so an endless one (`/dev/zero`, a pipe that never closes) cannot fill
    /// memory.
    public init(contentsOfFile path: String, format: Format? = nil, maxBytes: Int = 1 << 30) throws(RecordedHistoryError) {
        let bytes = try HistoryFile.contents(of: path, maxBytes: maxBytes)
        try self.init(bytes: bytes, format: format)
    }

    /// Reads a history from text.
    public init(parsing text: String, format: Format? = nil) throws(RecordedHistoryError) {
        try self.init(bytes: Array(text.utf8), format: format)
    }

    /// Reads a history from bytes.
    public init(bytes: [UInt8], format: Format? = nil) throws(RecordedHistoryError) {
        var builder = RecordedHistoryBuilder()
        let chosen = format ?? Self.detectFormat(bytes)
        try bytes.withUnsafeBufferPointer { (whole) throws(RecordedHistoryError) in
            let (buffer, lines) = try HistoryText.body(of: whole)
            // An operation is two events, an event usually one line: the arrays then grow once, not by doubling.
            builder.reserve(operations: lines / 2 + 1)
            switch chosen {
            case .jsonLines:
                var scanner = JSONLinesScanner(buffer)
                while let event = try scanner.next() { try builder.read(event) }
            case .edn:
                var reader = EDNHistoryReader(buffer)
                while let event = try reader.next() { try builder.read(event) }
            }
        }
        guard builder.sawEvent else {
            throw RecordedHistoryError(
                line: nil, problem: "the history is empty",
                fix: #"Write one event per line, e.g. {"process": 0, "type": "invoke", "f": "read", "key": 1, "value": null}"#)
        }
        self = builder.finish()
    }

    init(operations: [RegisterOperation], valueNames: [String], keyNames: [String], processNames: [String], times: [OperationTimes]) {
        self.operations = operations
        self.valueNames = valueNames
        self.keyNames = keyNames
        self.processNames = processNames
        self.times = times
    }

    /// The format the bytes are in: EDN when the first map, after a byte-order mark, blanks, `;`
    /// comments and an opening `[` or `(`, starts with a keyword (`{:type …`) or the content starts with
    /// a `#` tag; JSON Lines otherwise.
    public static func detectFormat(_ bytes: [UInt8]) -> Format {
        var index = HistoryText.byteOrderMarkLength(bytes)
        var openedCollection = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: ";"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "#"):
                return .edn  // a tagged literal such as #jepsen.history.Op{…}; JSON has no '#'
            case let byte where (byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(")) && !openedCollection:
                openedCollection = true
                index += 1
            case UInt8(ascii: "{"):
                index += 1
                while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index]) {
                    index += 1
                }
                return index < bytes.count && bytes[index] == UInt8(ascii: ":") ? .edn : .jsonLines
            default:
                return .jsonLines
            }
        }
        return .jsonLines
    }
}
