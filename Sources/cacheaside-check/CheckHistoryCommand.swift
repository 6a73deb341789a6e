import CacheAsideCheck
import CacheAsideHistories

/// `cacheaside-check check-history FILE…`: checks histories recorded elsewhere for linearizability,
/// key by key, and prints each key's verdict. Exit codes: 0 every key linearizable, 1 some key not,
/// 2 bad usage or malformed input, 3 undecided (a limit ran out, and no key violated) or not exercised
/// (every operation failed, so there was nothing to check). With several
/// files (or a directory), one verdict line per file and a summary; the status is the worst file's.
/// `--html FILE` also writes the timelines as one page, a section per file (`HTMLHistoryReport`).
enum CheckHistoryCommand {
    static let command = CommandDescription<Options>(
        command: "\(CommandLineInterface.program) check-history",
        abstract: "Checks recorded histories of read/write/compare-and-set operations for linearizability, key by key.",
        discussion: """
            JSON Lines: one event per line,
              {"process": P, "type": "invoke"|"ok"|"fail"|"info", "f": "read"|"write"|"cas", "key": K, "value": V}
            with an optional "time": T (an integer, e.g. nanoseconds). Processes and keys are integers or
            strings; values are integers, strings or null; every key starts as null. A read's ok carries the
            value read; a cas's value is [expected, new] and its ok carries "succeeded": true|false.
            fail = it did not take effect; info, or no return at all = it may have taken effect at any point
            after its invoke, or never. A leading UTF-8 byte-order mark is skipped; a NUL byte or invalid UTF-8
            is an error. Jepsen/Knossos EDN histories ({:type :invoke, :f :write, :value 3,
            :process 0}, independent [key value] tuples) are read too.
            """,
        options: options,
        positional: PositionalDescription(
            valueName: "file",
            help: "a history: a path, - for standard input, or a directory (every file in it, in name order)",
            missing: "no FILE given. Name the history to check (- for standard input)."
        ) { (options: inout Options, path: String) throws(UsageError) in options.paths.append(path) },
        epilogue: """
            Exit status: 0 linearizable, 1 not linearizable, 2 bad usage or input, 3 unknown (a limit ran out)
            or not exercised (every operation failed, so there was nothing to check).
            """,
        defaults: { Options() },
        validate: { (options: inout Options) throws(UsageError) in
            if options.paths.filter({ $0 == "-" }).count > 1 {
                throw UsageError("standard input (-) is named twice. Name it once.")
            }
        })

    private static let options: [OptionDescription<Options>] = [
        .init("--format", "jsonl|edn", help: "the input format (default: detected from the content)") { (options: inout Options, text: String) throws(UsageError) in
            guard let format = RecordedHistory.Format(rawValue: text) else {
                throw UsageError("--format needs jsonl or edn. For example --format edn.")
            }
            options.format = format
        },
        .init("--time-limit", "SECONDS", help: "stop after this long, parsing included, and answer \"unknown\" (exit 3). Wall-clock: use it to bound a job, not to decide (default: no limit). Files already checked keep their verdicts; Ctrl-C stops the same way.") { (options: inout Options, text: String) throws(UsageError) in
            guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                throw UsageError("--time-limit needs a number of seconds above 0. For example --time-limit 10.")
            }
            // Beyond a century is no limit in practice; capping keeps the Duration arithmetic in range.
            options.timeLimit = .milliseconds(Int64((min(seconds, 3_155_760_000) * 1000).rounded(.up)))
        },
        .init("--memory-limit", "MiB", help: "memo memory per key before the search answers \"unknown\" (default 512)") { (options: inout Options, text: String) throws(UsageError) in
            guard let mebibytes = Int(text), mebibytes > 0, mebibytes <= 1 << 30 else {
                throw UsageError("--memory-limit needs a whole number of MiB from 1 to 1073741824. For example --memory-limit 4096.")
            }
            options.memoryLimit = mebibytes << 20
        },
        .init("--search-limit", "STEPS", help: "search steps per key before the search answers \"unknown\" (default \(LinearizabilityChecker.defaultStepLimit))") { (options: inout Options, text: String) throws(UsageError) in
            guard let steps = Int(text), steps > 0 else {
                throw UsageError("--search-limit needs a whole number of steps above 0. For example --search-limit 1000000000.")
            }
            options.stepLimit = steps
        },
        .init("--max-bytes", "BYTES", help: "refuse a file (or standard input) longer than this (default 1073741824, 1 GiB), so an endless input such as /dev/zero cannot fill memory") { (options: inout Options, text: String) throws(UsageError) in
            guard let bytes = Int(text), bytes > 0 else {
                throw UsageError("--max-bytes needs a whole number of bytes above 0. For example --max-bytes 4294967296.")
            }
            options.maxBytes = bytes
        },
        .init("--json", help: "print the verdicts as JSON") { (options: inout Options) throws(UsageError) in
            options.json = true
        },
        .init("--html", "FILE", help: "also write each key's history as a timeline to FILE: one self-contained page, with a section per history file when there are several") { (options: inout Options, path: String) throws(UsageError) in
            options.htmlPath = path
        },
    ]

    struct Options {
        var paths: [String] = []
        var format: RecordedHistory.Format?
        var timeLimit: Duration?
        var memoryLimit = LinearizabilityChecker.defaultMemoryLimit
        var stepLimit = LinearizabilityChecker.defaultStepLimit
        var json = false
        var htmlPath: String?
        var maxBytes = InputFile.defaultMaxBytes
    }

    /// Checks the histories `options` name, timed from `start` (when the command began, so the time
    /// limit includes parsing); returns the exit status.
    static func run(_ options: Options, since start: ContinuousClock.Instant) -> Int32 {
        let deadline = options.timeLimit.map { start.advanced(by: $0) }
        let files: [String]
        switch expand(options.paths) {
        case .success(let found): files = found
        case .failure(let problem):
            StandardOutputWriter.emitError(problem.text)
            return 2
        }
        let singleFile = files.count == 1 && options.paths.count == 1
        let cutoff = HistoryCutoff(files: files, json: options.json, singleFile: singleFile)
        if let deadline { cutoff.arm(deadline: deadline, limit: options.timeLimit!) }
        let interruption = Interruption.install { cutoff.interrupt() }
        defer { interruption.uninstall() }
        var outcomes: [FileOutcome] = []
        for path in files {
            outcomes.append(check(path, options: options, deadline: deadline))
            cutoff.checked(outcomes[outcomes.count - 1])
        }
        let text = HistoryVerdictText.render(outcomes, json: options.json, singleFile: singleFile)
        // From here the output is ours to finish: the time limit or Ctrl-C can no longer cut it in half.
        guard cutoff.finish() else { return 3 }
        if files.count == 1, let failure = outcomes[0].failure, !options.json {
            StandardOutputWriter.emitError("Error: " + failure)
            return 2
        }
        if let htmlPath = options.htmlPath {
            // One page for every file checked, a section each; written once the verdicts are in.
            let page = HTMLHistoryReport(
                files: outcomes.map {
                    HTMLHistoryReport.File(path: $0.path, history: $0.history, verdicts: $0.verdicts, failure: $0.failure)
                },
                undecided: HistoryVerdictText.undecided)
            if let problem = ReportFile.write(page.render(), to: htmlPath, as: .html) {
                StandardOutputWriter.emitError(problem)
                return 2
            }
        }
        guard emit(text) else { return 2 }
        return worstStatus(outcomes)
    }

    /// The command's exit status for these files: the worst of theirs.
    static func worstStatus(_ outcomes: [FileOutcome]) -> Int32 {
        outcomes.map(\.status).max { rank($0) < rank($1) } ?? 0
    }

    /// Exit statuses from best to worst: 0, 3 (undecided), 1 (violation), 2 (bad input).
    private static func rank(_ status: Int32) -> Int {
        switch status { case 0: 0; case 3: 1; case 1: 2; default: 3 }
    }

    /// Writes to standard output; on failure says so on standard error and returns false.
    private static func emit(_ text: String) -> Bool {
        guard let problem = StandardOutputWriter.emit(text) else { return true }
        StandardOutputWriter.emitError("Error: cannot write the result to standard output (\(problem)). Check the disk or the pipe it goes to.")
        return false
    }

    /// What checking one file came to.
    struct FileOutcome: Sendable {
        var path: String
        var history: RecordedHistory?
        var verdicts: [KeyLinearizabilityVerdict] = []
        /// Why the file could not be read, if it could not.
        var failure: String?
        /// Why the file was not decided, when the time limit or Ctrl-C cut the command off first.
        var cutShort: String?

        /// Every operation in the file failed, so none is left to check: the file is read, but it is no
        /// evidence either way, and a pass would say otherwise (exit 3, as for "unknown").
        var notExercised: Bool { failure == nil && history?.operations.isEmpty == true }

        var status: Int32 {
            if failure != nil { return 2 }
            if notExercised || cutShort != nil { return 3 }
            if verdicts.contains(where: { $0.verdict.violation != nil }) { return 1 }
            if verdicts.contains(where: { if case .unknown = $0.verdict { true } else { false } }) { return 3 }
            return 0
        }
    }

    private static func check(_ path: String, options: Options, deadline: ContinuousClock.Instant?) -> FileOutcome {
        let history: RecordedHistory
        do {
            history = try RecordedHistory(contentsOfFile: path, format: options.format, maxBytes: options.maxBytes)
        } catch {
            return FileOutcome(path: path, failure: error.description)
        }
        let remaining = deadline.map { $0 - ContinuousClock.now }
        let checker = LinearizabilityChecker(
            stepLimit: options.stepLimit, memoryLimit: options.memoryLimit,
            timeLimit: remaining.map { max($0, .zero) })
        let verdicts = checker.checkEachKey(history.operations) { _ in RecordedHistory.initialValue }
        return FileOutcome(path: path, history: history, verdicts: verdicts)
    }

    struct ArgumentProblem: Error { var text: String }

    /// The paths to check: each argument, or the regular files of a directory in name order.
    private static func expand(_ paths: [String]) -> Result<[String], ArgumentProblem> {
        var files: [String] = []
        for path in paths {
            guard path != "-", let entries = HistoryDirectory.entries(path) else { files.append(path); continue }
            guard !entries.isEmpty else {
                return .failure(ArgumentProblem(text: "Error: the directory \(path) has no history files. Name a file or a directory of histories."))
            }
            files += entries
        }
        return .success(files)
    }
}
