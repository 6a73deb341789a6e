import CacheAsideCheck
import CacheAsideHistories

/// How `check-history` words its verdicts: the detailed report for one file, one line per file for
/// several, and JSON. Keys and values are spelled as the file spelled them.
enum HistoryVerdictText {
    typealias FileOutcome = CheckHistoryCommand.FileOutcome

    /// The command's result: JSON, one file in full, or a line per file and a summary.
    static func render(_ outcomes: [FileOutcome], json: Bool, singleFile: Bool) -> String {
        json ? Self.json(outcomes)
            : singleFile && outcomes[0].failure == nil ? detailed(outcomes[0]) : summary(outcomes)
    }

    /// One file in full: a header, each key's verdict, and for a violation the explanation, the longest
    /// linearisable prefix and the operation that could not follow it.
    static func detailed(_ outcome: FileOutcome) -> String {
        if let reason = outcome.cutShort { return "\(outcome.path): unknown (\(reason))\n" }
        guard let history = outcome.history else { return "\(outcome.path): error: \(outcome.failure ?? "")\n" }
        if outcome.notExercised { return "\(outcome.path): \(notExercised)\n" }
        let verdicts = outcome.verdicts
        let plural = verdicts.count == 1 ? "" : "s"
        var out = ["\(outcome.path): \(history.operations.count) operations on \(verdicts.count) key\(plural)"]
        for result in verdicts {
            let key = "key \(history.keyName(result.key))"
            switch result.verdict {
            case .linearizable:
                out.append("\(key): linearizable")
            case .unknown(let limit):
                out.append("\(key): unknown (\(undecided(limit)))")
            case .violation(let found):
                let violation = history.labelled(found)
                out.append("\(key): not linearizable")
                out.append("  " + violation.explanation(valueName: history.valueName, keyName: { "key \(history.keyName($0))" }))
                let prefix = violation.longestLinearizablePrefix
                if violation.prefixFound {
                    out.append("  longest linearisable prefix (\(prefix.count) operation\(prefix.count == 1 ? "" : "s")):")
                    for (position, op) in prefix.enumerated() {
                        out.append("    \(position + 1). \(op.summary(valueName: history.valueName)) (\(lines(of: op)))")
                    }
                    out.append("  could not be linearised next: \(violation.operation.summary(valueName: history.valueName))"
                        + " (\(lines(of: violation.operation)))")
                } else {
                    out.append("  the read: \(violation.operation.summary(valueName: history.valueName)) (\(lines(of: violation.operation)))")
                }
            }
        }
        out.append(stalenessLine(history))
        return out.joined(separator: "\n") + "\n"
    }

    /// A file whose every operation failed, in the words of every form.
    static let notExercised = "not exercised (every operation failed, so there is nothing to check)"

    /// The stale-read windows, in the file's time unit, or a note that the file has no timestamps.
    static func stalenessLine(_ history: RecordedHistory) -> String {
        guard let staleness = RecordedStaleness(history) else {
            return "staleness: not measured (the events have no \"time\" fields)"
        }
        return "staleness (in the file's time unit): \(staleness.staleReadCount) of \(staleness.windows.count) reads stale;"
            + " max \(staleness.maximum), p50 \(staleness.percentile(50)), p99 \(staleness.percentile(99))"
    }

    /// Several files: one verdict line each, then a summary line.
    static func summary(_ outcomes: [FileOutcome]) -> String {
        var out: [String] = []
        var counts = [Int32: Int]()
        var notExercised = 0
        for outcome in outcomes {
            if outcome.notExercised { notExercised += 1 } else { counts[outcome.status, default: 0] += 1 }
            out.append(verdictLine(outcome))
        }
        let files = outcomes.count == 1 ? "1 file" : "\(outcomes.count) files"
        // The count of files not exercised only when there are some, so the usual line keeps its shape.
        out.append("\(files): \(counts[0] ?? 0) linearizable, \(counts[1] ?? 0) not linearizable, "
            + "\(counts[3] ?? 0) unknown, \(counts[2] ?? 0) unreadable" + (notExercised > 0 ? ", \(notExercised) not exercised" : ""))
        return out.joined(separator: "\n") + "\n"
    }

    private static func verdictLine(_ outcome: FileOutcome) -> String {
        if let reason = outcome.cutShort { return "\(outcome.path): unknown (\(reason))" }
        guard let history = outcome.history else { return "\(outcome.path): error: \(outcome.failure ?? "")" }
        if outcome.notExercised { return "\(outcome.path): \(notExercised)" }
        let size = "\(history.operations.count) operations on \(outcome.verdicts.count) key\(outcome.verdicts.count == 1 ? "" : "s")"
        if let violation = outcome.verdicts.lazy.compactMap(\.verdict.violation).first {
            let text = history.labelled(violation).explanation(valueName: history.valueName, keyName: { "key \(history.keyName($0))" })
            return "\(outcome.path): not linearizable (\(size)): \(text)"
        }
        for result in outcome.verdicts {
            if case .unknown(let limit) = result.verdict {
                return "\(outcome.path): unknown (\(size); key \(history.keyName(result.key)): \(undecided(limit)))"
            }
        }
        return "\(outcome.path): linearizable (\(size))"
    }

    /// Which limit ran out and the flag that raises it.
    static func undecided(_ limit: SearchLimit) -> String {
        switch limit {
        case .searchSteps: return "the \(limit) ran out; raise it with --search-limit STEPS"
        case .memory: return "the \(limit) ran out; raise it with --memory-limit MiB"
        case .time: return "the time limit ran out; raise it with --time-limit SECONDS"
        }
    }

    private static func lines(of op: RegisterOperation) -> String {
        op.returnedAt.map { "lines \(op.invokedAt)–\($0)" } ?? "line \(op.invokedAt), no return"
    }

    /// The verdicts as JSON: one object for one file, an array of them for several.
    static func json(_ outcomes: [FileOutcome]) -> String {
        let objects = outcomes.map(jsonObject)
        return (outcomes.count == 1 ? objects[0] : "[\n" + objects.joined(separator: ",\n") + "\n]") + "\n"
    }

    private static func jsonObject(_ outcome: FileOutcome) -> String {
        if let reason = outcome.cutShort {
            return "{\"file\": \(quoted(outcome.path)), \"reason\": \(quoted(reason)), \"verdict\": \"unknown\"}"
        }
        guard let history = outcome.history else {
            return "{\"error\": \(quoted(outcome.failure ?? "")), \"file\": \(quoted(outcome.path)), \"verdict\": \"error\"}"
        }
        func operation(_ op: RegisterOperation) -> String {
            "{\"description\": \(quoted(history.labelled(op).summary(valueName: history.valueName))), "
                + "\"invokeLine\": \(op.invokedAt), \"returnLine\": \(op.returnedAt.map(String.init) ?? "null")}"
        }
        var keys: [String] = []
        var overall = outcome.notExercised ? "not exercised" : "linearizable"
        for result in outcome.verdicts {
            // Key spellings are JSON already (EDN keys are spelled as JSON scalars too).
            var fields = ["\"key\": \(history.keyName(result.key))", "\"operations\": \(result.operationCount)"]
            switch result.verdict {
            case .linearizable:
                fields.append("\"verdict\": \"linearizable\"")
            case .unknown(let limit):
                if overall == "linearizable" { overall = "unknown" }
                fields.append("\"reason\": \(quoted(undecided(limit)))")
                fields.append("\"verdict\": \"unknown\"")
            case .violation(let found):
                overall = "not linearizable"
                let violation = history.labelled(found)
                fields.insert("\"explanation\": \(quoted(violation.explanation(valueName: history.valueName, keyName: { "key \(history.keyName($0))" })))", at: 0)
                fields.insert("\"longestLinearizablePrefix\": [\(violation.longestLinearizablePrefix.map(operation).joined(separator: ", "))]", at: 2)
                fields.append("\"operation\": \(operation(violation.operation))")
                fields.append("\"verdict\": \"not linearizable\"")
            }
            keys.append("    {" + fields.joined(separator: ", ") + "}")
        }
        var staleness = "null"
        if let measured = RecordedStaleness(history) {
            staleness = "{\"max\": \(measured.maximum), \"p50\": \(measured.percentile(50)), \"p99\": \(measured.percentile(99)), "
                + "\"reads\": \(measured.windows.count), \"staleReads\": \(measured.staleReadCount)}"
        }
        return "{\n  \"file\": \(quoted(outcome.path)),\n  \"keys\": [\n" + keys.joined(separator: ",\n")
            + "\n  ],\n  \"staleness\": \(staleness),\n  \"verdict\": \"\(overall)\"\n}"
    }

    /// A string as a JSON string literal.
    static func quoted(_ text: String) -> String { JSONScalar.quoted(text) }
}
