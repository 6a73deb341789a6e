import CacheAsideCheck
import Foundation

/// `cacheaside-check check-history FILE`: checks a history recorded elsewhere for linearizability,
/// key by key, and prints each key's verdict. Exit codes: 0 every key linearizable, 1 some key not,
/// 2 bad usage or malformed input, 3 undecided within the time limit (and no key violated).
enum CheckHistoryCommand {
    static let usage = "Usage: cacheaside-check check-history FILE [--time-limit SECONDS] [--json] [--html FILE]"

    static let help = """
        Checks a recorded history of read/write/compare-and-set operations for linearizability, key by key.

        \(usage)

        FILE holds one JSON event per line (JSON Lines):
          {"process": P, "type": "invoke"|"ok"|"fail"|"info", "f": "read"|"write"|"cas", "key": K, "value": V}
        Processes and keys are integers or strings; values are integers, strings or null; every key
        starts as null. A read's ok carries the value read; a cas's value is [expected, new] and its ok
        carries "succeeded": true|false. fail = it did not take effect; info, or no return at all =
        it may have taken effect at any point after its invoke, or never.

        Options:
          --time-limit SECONDS  Give up after this long and answer "unknown" (default: no limit).
          --json                Print the verdicts as one JSON object.
          --html FILE           Also write each key's history as a timeline to FILE (one self-contained page).
          -h, --help            Show this help.

        Exit status: 0 linearizable, 1 not linearizable, 2 bad usage or input, 3 unknown (time limit).
        """

    private struct Options {
        var path: String
        var timeLimit: Duration?
        var json = false
        var htmlPath: String?
    }

    /// Runs the command on the arguments that follow `check-history`; returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        let options: Options
        switch parse(arguments) {
        case .success(nil):
            print(help)
            return 0
        case .success(let parsed?):
            options = parsed
        case .failure(let message):
            fail(message.text + "\n" + usage)
            return 2
        }
        let history: RecordedHistory
        do {
            history = try RecordedHistory(contentsOfFile: options.path)
        } catch {
            fail(error.description)
            return 2
        }
        let checker = LinearizabilityChecker(timeLimit: options.timeLimit)
        let verdicts = checker.checkEachKey(history.operations) { _ in RecordedHistory.initialValue }
        if let path = options.htmlPath {
            var errors = StandardError()
            let page = HTMLHistoryReport(history: history, verdicts: verdicts, path: options.path)
            guard HTMLFile.write(page.render(), to: path, errors: &errors) else { return 2 }
        }
        if options.json {
            print(json(verdicts, history: history, path: options.path))
        } else {
            print(text(verdicts, history: history, path: options.path))
        }
        if verdicts.contains(where: { $0.verdict.violation != nil }) { return 1 }
        if verdicts.contains(where: { if case .unknown = $0.verdict { true } else { false } }) { return 3 }
        return 0
    }

    private struct ArgumentProblem: Error { var text: String }

    /// The options, or `nil` when help was asked for.
    private static func parse(_ arguments: [String]) -> Result<Options?, ArgumentProblem> {
        var path: String?
        var timeLimit: Duration?
        var json = false
        var htmlPath: String?
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "-h", "--help":
                return .success(nil)
            case "--json":
                json = true
            case "--html":
                guard let value = remaining.popFirst() else {
                    return .failure(ArgumentProblem(text: "Error: --html needs a FILE to write the page to."))
                }
                htmlPath = value
            case "--time-limit":
                guard let value = remaining.popFirst(), let seconds = Double(value), seconds > 0, seconds.isFinite else {
                    return .failure(ArgumentProblem(text: "Error: --time-limit needs a number of seconds above 0. For example --time-limit 10."))
                }
                timeLimit = .milliseconds(Int64((seconds * 1000).rounded(.up)))
            case _ where argument.hasPrefix("-") && argument != "-":
                return .failure(ArgumentProblem(text: "Error: unknown option \(argument). See cacheaside-check check-history --help."))
            default:
                guard path == nil else {
                    return .failure(ArgumentProblem(text: "Error: more than one FILE (\(path!), \(argument)). Check one history at a time."))
                }
                path = argument
            }
        }
        guard let path else {
            return .failure(ArgumentProblem(text: "Error: no FILE given. Name the JSON Lines history to check."))
        }
        return .success(Options(path: path, timeLimit: timeLimit, json: json, htmlPath: htmlPath))
    }

    private struct StandardError: TextOutputStream {
        mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
    }

    private static func fail(_ message: String) {
        let line = message.hasPrefix("Error: ") ? message : "Error: " + message
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private static func lines(of op: RegisterOperation) -> String {
        op.returnedAt.map { "lines \(op.invokedAt)–\($0)" } ?? "line \(op.invokedAt), no return"
    }

    private static func text(_ verdicts: [KeyLinearizabilityVerdict], history: RecordedHistory, path: String) -> String {
        let plural = verdicts.count == 1 ? "" : "s"
        var out = ["\(path): \(history.operations.count) operations on \(verdicts.count) key\(plural)"]
        for result in verdicts {
            let key = "key \(history.keyName(result.key))"
            switch result.verdict {
            case .linearizable:
                out.append("\(key): linearizable")
            case .unknown(let reason):
                out.append("\(key): unknown (\(reason))")
            case .violation(let violation):
                out.append("\(key): not linearizable")
                out.append("  " + violation.explanation(valueName: history.valueName, keyName: { "key \(history.keyName($0))" }))
                let prefix = violation.longestLinearizablePrefix
                out.append("  longest linearisable prefix (\(prefix.count) operation\(prefix.count == 1 ? "" : "s")):")
                for (position, op) in prefix.enumerated() {
                    out.append("    \(position + 1). \(op.summary(valueName: history.valueName)) (\(lines(of: op)))")
                }
                out.append("  could not be linearised next: \(violation.operation.summary(valueName: history.valueName))"
                    + " (\(lines(of: violation.operation)))")
            }
        }
        return out.joined(separator: "\n")
    }

    private static func json(_ verdicts: [KeyLinearizabilityVerdict], history: RecordedHistory, path: String) -> String {
        // Keys and values go back out as the JSON they came in as.
        func original(_ text: String) -> Any {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)) ?? text
        }
        func operation(_ op: RegisterOperation) -> [String: Any] {
            ["description": op.summary(valueName: history.valueName), "invokeLine": op.invokedAt,
             "returnLine": op.returnedAt.map { $0 as Any } ?? NSNull()]
        }
        var keys: [[String: Any]] = []
        for result in verdicts {
            var entry: [String: Any] = ["key": original(history.keyName(result.key)), "operations": result.operationCount]
            switch result.verdict {
            case .linearizable:
                entry["verdict"] = "linearizable"
            case .unknown(let reason):
                entry["verdict"] = "unknown"
                entry["reason"] = reason
            case .violation(let violation):
                entry["verdict"] = "not linearizable"
                entry["explanation"] = violation.explanation(
                    valueName: history.valueName, keyName: { "key \(history.keyName($0))" })
                entry["operation"] = operation(violation.operation)
                entry["longestLinearizablePrefix"] = violation.longestLinearizablePrefix.map(operation)
            }
            keys.append(entry)
        }
        let overall = keys.contains { $0["verdict"] as? String == "not linearizable" } ? "not linearizable"
            : keys.contains { $0["verdict"] as? String == "unknown" } ? "unknown" : "linearizable"
        let object: [String: Any] = ["file": path, "verdict": overall, "keys": keys]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
