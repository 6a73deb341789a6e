import CacheAsideCheck
import Foundation
import Synchronization

/// The line on standard error that shows how a long check is going — runs done, runs/s, violations so
/// far, time left — redrawn in place. Shown only when standard error is a terminal (a redirected log
/// must not fill with carriage returns) and only once a check has run for a second (short checks stay
/// quiet); `--quiet` turns it off.
final class ProgressLine: Sendable {
    private struct State {
        var shown = false
    }

    private let state = Mutex(State())
    private static let delay: Duration = .seconds(1)

    /// Whether standard error is a terminal.
    static var standardErrorIsATerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A progress line, or `nil` when it should not be shown.
    init?(enabled: Bool) {
        guard enabled else { return nil }
    }

    /// Redraws the line (called from whichever worker thread reports).
    func show(_ progress: ExplorationProgress) {
        guard progress.elapsed >= Self.delay else { return }
        let text = Self.describe(progress)
        state.withLock { state in
            state.shown = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        }
    }

    /// Erases the line, if it was ever drawn, so the report starts on a clean line.
    func clear() {
        state.withLock { state in
            if state.shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            state.shown = false
        }
    }

    /// E.g. "12345 of 100000 runs, 41200 runs/s, 3 violating, about 2s left".
    static func describe(_ progress: ExplorationProgress) -> String {
        var parts = [progress.runsPlanned.map { "\(progress.runsDone) of \($0) runs" } ?? "\(progress.runsDone) runs"]
        parts.append("\(Int(progress.runsPerSecond)) runs/s")
        parts.append("\(progress.violations) violating")
        if let left = progress.estimatedTimeLeft {
            parts.append("about \(max(1, Int(left.components.seconds)))s left")
        }
        return parts.joined(separator: ", ")
    }
}
