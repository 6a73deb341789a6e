/// Pairs a recorded history's invokes with their returns, one open operation per process, into
/// `RegisterOperation`s, and rejects events that contradict each other, naming the line.
///
/// Processes, keys and values are interned to small integers as they appear; integers and strings are
/// interned apart (so `1` and `"1"` differ) and without building their spelling, which is made once
/// per distinct scalar.
struct RecordedHistoryBuilder {
    private var values = ScalarInterner(names: ["null"])
    private var keys = ScalarInterner()
    private var processes = ScalarInterner()
    /// Operations by invocation, and which of them failed (left out at the end).
    private var operations: [RegisterOperation] = []
    private var failed: Set<Int> = []
    private var times: [RecordedHistory.OperationTimes] = []
    private var sawTime = false
    /// Each process's open operation: its index in `operations` and its invoke event; by process id.
    private var open: [(index: Int, invoke: RecordedEvent)?] = []
    private(set) var sawEvent = false

    /// Reserves room for about `count` operations, so a large history's arrays grow once.
    mutating func reserve(operations count: Int) {
        operations.reserveCapacity(count)
        times.reserveCapacity(count)
    }

    mutating func read(_ event: RecordedEvent) throws(RecordedHistoryError) {
        sawEvent = true
        if event.time != nil { sawTime = true }
        let process = processes.intern(event.process)
        if process == open.count { open.append(nil) }
        if event.succeeded != nil, event.function != .compareAndSet || event.type != .ok {
            throw event.error("\"succeeded\" on a \(event.function.rawValue) \(event.type.rawValue)",
                              fix: "Only a cas ok event carries \"succeeded\"")
        }
        if event.type == .invoke {
            try invoke(event, process: process)
            return
        }
        guard let (index, invoke) = open[process] else {
            throw event.error(
                "\"\(event.type.rawValue)\" for process \(processes.names[process]) without an invoke",
                fix: "Every ok, fail or info event must follow an invoke by the same process")
        }
        open[process] = nil
        guard invoke.function == event.function, invoke.key == event.key else {
            throw event.error(
                "this \(event.function.rawValue) of key \(event.key.text) does not match process"
                    + " \(processes.names[process])'s invoke on line \(invoke.line)"
                    + " (\(invoke.function.rawValue) of key \(invoke.key.text))",
                fix: "A return must repeat its invoke's \"f\" and \"key\"")
        }
        try checkSameValue(event, as: invoke)
        switch event.type {
        case .invoke, .info:
            return  // Unknown outcome: the operation stays as invoked, with no return.
        case .fail:
            failed.insert(index)
        case .ok:
            var op = operations[index]
            op.returnedAt = event.line
            switch event.function {
            case .read: op.observed = values.intern(try event.scalarValue(required: true))
            case .write: break
            case .compareAndSet:
                guard let succeeded = event.succeeded else {
                    throw event.error("missing field \"succeeded\" on a cas ok",
                                      fix: "A cas ok event carries \"succeeded\": true or false")
                }
                op.succeeded = succeeded
            }
            operations[index] = op
            times[index].returned = event.time
        }
    }

    private mutating func invoke(_ event: RecordedEvent, process: Int) throws(RecordedHistoryError) {
        if let (_, invoke) = open[process] {
            throw event.error(
                "process \(processes.names[process]) invokes a \(event.function.rawValue) while its"
                    + " \(invoke.function.rawValue) from line \(invoke.line) is still open",
                fix: "End that operation with an ok, fail or info event first, or give the new one another process id")
        }
        let key = keys.intern(event.key)
        let op: RegisterOperation
        switch event.function {
        case .read:
            if case let value = try event.scalarValue(required: false), value != .null {
                throw event.error("a read invoke carries the value \(value.text)",
                                  fix: "A read's invoke has no value (or null); its ok carries what it read")
            }
            op = .read(process: process, key: key, observed: nil, invokedAt: event.line, returnedAt: nil)
        case .write:
            let value = try event.scalarValue(required: true)
            op = .write(process: process, key: key, value: values.intern(value), invokedAt: event.line, returnedAt: nil)
        case .compareAndSet:
            let (expected, new) = try event.compareAndSetValues()
            op = .compareAndSet(process: process, key: key, expected: values.intern(expected),
                                new: values.intern(new), succeeded: nil, invokedAt: event.line, returnedAt: nil)
        }
        operations.append(op)
        times.append(RecordedHistory.OperationTimes(invoked: event.time, returned: nil))
        open[process] = (operations.count - 1, event)
    }

    /// A write's or cas's return may repeat its invoke's value, but not change it.
    private func checkSameValue(_ event: RecordedEvent, as invoke: RecordedEvent) throws(RecordedHistoryError) {
        guard event.function != .read, event.value != .absent, event.value != invoke.value else { return }
        // A return's null value means "not repeated" (Jepsen writes :value nil on some fail events).
        if event.value == .scalar(.null) { return }
        throw event.error(
            "this \(event.function.rawValue) \(event.type.rawValue) carries \(spelling(event.value)) but its invoke on"
                + " line \(invoke.line) carries \(spelling(invoke.value))",
            fix: "A return repeats its invoke's value or leaves it out")
    }

    private func spelling(_ value: RecordedValue) -> String {
        switch value {
        case .absent: return "no value"
        case .scalar(let scalar): return scalar.text
        case .pair(let a, let b): return "[\(a.text), \(b.text)]"
        case .unsupported(let text): return text
        }
    }

    /// The history; operations still open at the end of the file have unknown outcomes. Consumes the
    /// builder, so the operations move into the history without a copy (a million-event history's
    /// operations take some 60 MB).
    consuming func finish() -> RecordedHistory {
        var kept = operations
        var keptTimes = sawTime ? times : []
        operations = []
        if !failed.isEmpty {
            var index = 0
            kept.removeAll { _ in defer { index += 1 }; return failed.contains(index) }
            if sawTime {
                index = 0
                keptTimes.removeAll { _ in defer { index += 1 }; return failed.contains(index) }
            }
        }
        return RecordedHistory(
            operations: kept, valueNames: values.names, keyNames: keys.names, processNames: processes.names,
            times: keptTimes)
    }
}

/// Gives each distinct scalar a small integer, in order of first appearance, and its spelling.
/// Small non-negative integers (the usual process ids and keys) are looked up in a table, not hashed.
private struct ScalarInterner {
    private(set) var names: [String] = []
    private var smallIntegers = [Int32](repeating: -1, count: 1024)
    private var integers: [Int: Int] = [:]
    private var strings: [String: Int] = [:]
    private var null: Int?

    init(names: [String] = []) {
        for name in names where name == "null" { null = self.names.count; self.names.append(name) }
    }

    mutating func intern(_ scalar: JSONScalar) -> Int {
        switch scalar {
        case .null:
            if let null { return null }
            null = names.count
        case .integer(let value) where value >= 0 && value < smallIntegers.count:
            let id = smallIntegers[value]
            if id >= 0 { return Int(id) }
            smallIntegers[value] = Int32(names.count)
        case .integer(let value):
            if let id = integers[value] { return id }
            integers[value] = names.count
        case .string(let value):
            if let id = strings[value] { return id }
            strings[value] = names.count
        }
        names.append(scalar.text)
        return names.count - 1
    }
}
