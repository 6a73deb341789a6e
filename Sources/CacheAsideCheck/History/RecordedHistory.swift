import Foundation

/// A history of register operations recorded outside the simulator, read from JSON Lines.
///
/// One event per line, Jepsen style:
/// `{"process": P, "type": "invoke"|"ok"|"fail"|"info", "f": "read"|"write"|"cas", "key": K, "value": V}`.
/// Processes and keys are JSON integers or strings; values are integers, strings or null, and every key
/// starts as null. A read's invoke carries no value (or null) and its `ok` carries what it read; a write's
/// invoke carries the value written; a cas's invoke carries `[expected, new]` and its `ok` carries
/// `"succeeded": true|false` (a cas that found another value returned false, which still constrains the
/// order). `fail` means the operation did not take effect; `info`, or no return before the end of the
/// file, means its outcome is unknown: it may have taken effect at any point after its invoke, or never.
/// Blank lines are skipped. Each process has at most one operation open at a time.
///
/// Values and keys become integers for the checker; `valueName(_:)` and `keyName(_:)` give back their
/// JSON spelling. Event positions are line numbers, so `invokedAt` and `returnedAt` point into the file.
public struct RecordedHistory: Sendable {
    /// The operations, in the order they were invoked; failed operations are left out.
    public var operations: [RegisterOperation]
    /// The JSON spelling of each interned value; value 0 is `null`, every key's initial value.
    public var valueNames: [String]
    /// The JSON spelling of each interned key.
    public var keyNames: [String]

    /// The interned value every key starts with: JSON `null`.
    public static let initialValue = 0

    /// The JSON spelling of an interned value, e.g. `null`, `3` or `"x"`.
    public func valueName(_ value: Int) -> String { valueNames.indices.contains(value) ? valueNames[value] : "?\(value)" }

    /// The JSON spelling of an interned key.
    public func keyName(_ key: Int) -> String { keyNames.indices.contains(key) ? keyNames[key] : "?\(key)" }

    /// Reads the history in the file at `path`.
    public init(contentsOfFile path: String) throws(RecordedHistoryError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RecordedHistoryError(line: nil, problem: "no file at \(path)", fix: "Check the path")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordedHistoryError(line: nil, problem: "cannot read \(path)", fix: "Check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RecordedHistoryError(line: nil, problem: "\(path) is not UTF-8 text", fix: "Save it as UTF-8 JSON Lines")
        }
        try self.init(parsing: text)
    }

    /// Reads a history from JSON Lines text.
    public init(parsing text: String) throws(RecordedHistoryError) {
        var parser = RecordedHistoryParser()
        var lineNumber = 0
        var sawEvent = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            sawEvent = true
            try parser.read(RecordedEvent(parsing: line, line: lineNumber))
        }
        guard sawEvent else {
            throw RecordedHistoryError(
                line: nil, problem: "the history is empty",
                fix: #"Write one event per line, e.g. {"process": 0, "type": "invoke", "f": "read", "key": 1, "value": null}"#)
        }
        operations = parser.finish()
        valueNames = parser.values.names
        keyNames = parser.keys.names
    }
}

/// Pairs invokes with returns, one open operation per process, into `RegisterOperation`s.
private struct RecordedHistoryParser {
    var values = JSONInterner(names: ["null"])
    var keys = JSONInterner()
    var processes = JSONInterner()
    /// Operations by invocation; `nil` once an operation failed.
    var operations: [RegisterOperation?] = []
    /// Each process's open operation: its index in `operations` and its invoke event.
    var open: [Int: (index: Int, invoke: RecordedEvent)] = [:]

    mutating func read(_ event: RecordedEvent) throws(RecordedHistoryError) {
        let process = processes.intern(event.process)
        let name = "process \(processes.names[process])'s \(event.function.rawValue)"
        if event.type == .invoke {
            if let (_, invoke) = open[process] {
                throw event.error(
                    "process \(processes.names[process]) invokes a \(event.function.rawValue) while its"
                        + " \(invoke.function.rawValue) from line \(invoke.line) is still open",
                    fix: "End that operation with an ok, fail or info event first, or give the new one another process id")
            }
            let key = keys.intern(event.key)
            var op: RegisterOperation
            switch event.function {
            case .read:
                op = .read(process: process, key: key, observed: nil, invokedAt: event.line, returnedAt: nil, label: name)
            case .write:
                let value = try event.scalarValue(required: true)
                op = .write(process: process, key: key, value: values.intern(value), invokedAt: event.line,
                            returnedAt: nil, label: name)
            case .compareAndSet:
                let (expected, new) = try event.compareAndSetValues()
                op = .compareAndSet(process: process, key: key, expected: values.intern(expected),
                                    new: values.intern(new), succeeded: nil, invokedAt: event.line,
                                    returnedAt: nil, label: name)
            }
            operations.append(op)
            open[process] = (operations.count - 1, event)
            return
        }
        guard let (index, invoke) = open.removeValue(forKey: process) else {
            throw event.error(
                "\"\(event.type.rawValue)\" for process \(processes.names[process]) without an invoke",
                fix: "Every ok, fail or info event must follow an invoke by the same process")
        }
        guard invoke.function == event.function, invoke.key == event.key else {
            throw event.error(
                "this \(event.function.rawValue) of key \(event.key.text) does not match process"
                    + " \(processes.names[process])'s invoke on line \(invoke.line)"
                    + " (\(invoke.function.rawValue) of key \(invoke.key.text))",
                fix: "A return must repeat its invoke's \"f\" and \"key\"")
        }
        switch event.type {
        case .invoke, .info:
            return  // Unknown outcome: the operation stays as invoked, with no return.
        case .fail:
            operations[index] = nil
        case .ok:
            var op = operations[index]!
            op.returnedAt = event.line
            switch event.function {
            case .read: op.observed = values.intern(try event.scalarValue(required: true))
            case .write: break
            case .compareAndSet: op.succeeded = try event.succeeded()
            }
            operations[index] = op
        }
    }

    /// The operations; those still open at the end of the file have unknown outcomes.
    func finish() -> [RegisterOperation] { operations.compactMap { $0 } }
}

/// Gives each distinct JSON scalar a small integer, in order of first appearance.
private struct JSONInterner {
    var names: [String] = []
    private var ids: [String: Int] = [:]

    init(names: [String] = []) {
        for name in names { ids[name] = self.names.count; self.names.append(name) }
    }

    mutating func intern(_ scalar: JSONScalar) -> Int {
        let text = scalar.text
        if let id = ids[text] { return id }
        ids[text] = names.count
        names.append(text)
        return names.count - 1
    }
}
