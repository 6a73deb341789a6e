import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `check-history --time-limit` and Ctrl-C: the command is cut off, parsing included, and prints what it
/// decided so far. The search stops itself at the deadline (its keys answer "unknown"), but reading a
/// huge file cannot be interrupted from inside, so at the deadline or the first Ctrl-C this ends the
/// process, unless the command has started printing its own result: the files already checked keep their
/// verdicts, the file in hand and those after it are "unknown" with the reason, and the exit status is
/// the worst of them (3 at best, since something was not decided).
final class HistoryCutoff: Sendable {
    typealias FileOutcome = CheckHistoryCommand.FileOutcome

    private struct State {
        var done: [FileOutcome] = []
        var finished = false
    }

    private let state = Mutex(State())
    private let files: [String]
    private let json: Bool
    private let singleFile: Bool

    /// A cut-off for checking `files`, printed as the command prints its result.
    init(files: [String], json: Bool, singleFile: Bool) {
        self.files = files
        self.json = json
        self.singleFile = singleFile
    }

    /// Cuts off at `deadline`; `limit` is the `--time-limit` as given, for the message.
    func arm(deadline: ContinuousClock.Instant, limit: Duration) {
        let wait = deadline - ContinuousClock.now
        let milliseconds = max(0, Int(wait.components.seconds) * 1000 + Int(wait.components.attoseconds / 1_000_000_000_000_000))
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { [self] in
            cut(before: { "the time limit (\(seconds) s) ran out before \($0) was decided; raise it with --time-limit SECONDS" },
                skipped: "not checked: the time limit (\(seconds) s) ran out first")
        }
    }

    /// Cuts off now, for Ctrl-C.
    func interrupt() {
        cut(before: { "interrupted before \($0) was decided" }, skipped: "not checked: interrupted first")
    }

    /// Prints the partial result and exits, unless the command's own result is already being printed.
    private func cut(before reason: (String) -> String, skipped: String) {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            // The files are checked in order, so the first without a verdict is the one in hand.
            var outcomes = state.done
            for (index, path) in files.enumerated().dropFirst(outcomes.count) {
                outcomes.append(FileOutcome(path: path, cutShort: index == state.done.count ? reason(path) : skipped))
            }
            _ = StandardOutputWriter.emit(HistoryVerdictText.render(outcomes, json: json, singleFile: singleFile))
            exit(CheckHistoryCommand.worstStatus(outcomes))
        }
    }

    /// Notes a file's verdict, so a cut-off after it still prints it.
    func checked(_ outcome: FileOutcome) { state.withLock { $0.done.append(outcome) } }

    /// Claims the output for the command's own result: false if a cut-off got there first.
    func finish() -> Bool {
        state.withLock { state in
            if state.finished { return false }
            state.finished = true
            return true
        }
    }
}
