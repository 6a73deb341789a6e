import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `check-history --time-limit`: a wall-clock bound on the whole command, parsing included. The
/// search stops itself at the deadline (its keys answer "unknown"), but reading a huge file cannot be
/// interrupted from inside, so this timer ends the process at the deadline unless the command has
/// started printing its result; it prints "unknown" for the file being checked and exits 3.
final class HistoryDeadline: Sendable {
    private struct State {
        var current = ""
        var finished = false
    }

    private let state = Mutex(State())

    init(deadline: ContinuousClock.Instant, limit: Duration, json: Bool) {
        let wait = deadline - ContinuousClock.now
        let milliseconds = max(0, Int(wait.components.seconds) * 1000 + Int(wait.components.attoseconds / 1_000_000_000_000_000))
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { [self] in
            expire(seconds: seconds, json: json)
        }
    }

    /// Prints "unknown" for the file in hand and exits 3, unless the result is already being printed.
    private func expire(seconds: Double, json: Bool) {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            let path = state.current
            let reason = "the time limit (\(seconds) s) ran out before \(path) was decided; raise it with --time-limit SECONDS"
            let text = json
                ? "{\"file\": \(HistoryVerdictText.quoted(path)), \"verdict\": \"unknown\", \"reason\": \(HistoryVerdictText.quoted(reason))}\n"
                : "\(path): unknown (\(reason))\n"
            _ = StandardOutputWriter.emit(text)
            exit(3)
        }
    }

    /// Notes which file is being read or checked, for the message.
    func checking(_ path: String) { state.withLock { $0.current = path } }

    /// Claims the output for the command's own result: false if the deadline got there first.
    func finish() -> Bool {
        state.withLock { state in
            if state.finished { return false }
            state.finished = true
            return true
        }
    }
}
