import Dispatch
import Foundation
import Synchronization

/// Ctrl-C during a check or `compare`: the first one asks exploration to stop after the runs in flight,
/// so the partial report is printed (and says it was interrupted, exit 3) as with `--time-limit`; a
/// second one exits at once with the conventional status 130. `check-history`, whose reading cannot be
/// stopped from inside, passes `onFirst` to print its partial result itself (`HistoryCutoff`).
final class Interruption: Sendable {
    private let flag = Atomic<Bool>(false)
    private nonisolated(unsafe) var source: DispatchSourceSignal?

    /// Whether Ctrl-C has been pressed.
    var requested: Bool { flag.load(ordering: .relaxed) }

    /// Starts catching SIGINT; `onFirst` runs on the first one, on the signal's queue.
    static func install(onFirst: (@Sendable () -> Void)? = nil) -> Interruption {
        let interruption = Interruption()
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "cacheaside-check.sigint"))
        source.setEventHandler { [interruption] in
            if interruption.flag.exchange(true, ordering: .relaxed) {
                FileHandle.standardError.write(Data("\n".utf8))
                exit(130)
            }
            onFirst?()
        }
        source.resume()
        interruption.source = source
        return interruption
    }

    /// Stops catching SIGINT.
    func uninstall() {
        source?.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
