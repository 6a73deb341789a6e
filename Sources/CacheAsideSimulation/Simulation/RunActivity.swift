import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the run on one thread is doing right now, published for `SimulationWatchdog` to read from its own
/// thread.
///
/// A client that loops without awaiting never hands control back, so nothing on the run's thread can
/// notice it: another thread has to. The run stores one word per scheduling point — which client it
/// handed control to, and how many points came before — with a relaxed atomic store into this record,
/// which belongs to the thread (allocated once per thread, never per run), and clears it when the client
/// hands control back. The word standing still while non-zero is exactly "one client has been running
/// for that long without reaching a scheduling point"; a long search or a long shrink keeps changing it.
final class RunActivity: @unchecked Sendable {
    /// `0` while no client runs; otherwise `(scheduling point << 24) | (slot + 1)`.
    private let word = Atomic<Int>(0)
    /// The run being driven, for naming the client once a stall is found. Behind a lock (taken twice per
    /// run, never per point) so that the watchdog holds a reference of its own and the run cannot be freed
    /// while it is read.
    private let currentRun = Mutex<SimulationRun?>(nil)
    /// The driven run's `stallTimeout` in milliseconds; `0` = not watched.
    private let timeoutMilliseconds = Atomic<Int>(0)

    /// Watchdog-only: the word at the previous sweep, since when, and whether that stall was reported.
    var lastWord = 0
    var unchangedSince = ContinuousClock.now
    var reported = false

    /// The thread's record; when the thread exits, the watchdog lets go of it (threads come and go in
    /// test runners, and the watch list must not grow with them).
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let released: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
            guard let pointer else { return }
            SimulationWatchdog.unwatch(Unmanaged<RunActivity>.fromOpaque(pointer).takeRetainedValue())
        }
        guard pthread_key_create(&key, released) == 0 else { fatalError("pthread_key_create failed: out of thread-specific keys") }
        return key
    }()

    /// The calling thread's record, created and handed to the watchdog the first time a run asks.
    static var forCurrentThread: RunActivity {
        if let existing = pthread_getspecific(key) { return Unmanaged<RunActivity>.fromOpaque(existing).takeUnretainedValue() }
        let activity = RunActivity()
        pthread_setspecific(key, Unmanaged.passRetained(activity).toOpaque())
        SimulationWatchdog.watch(activity)
        return activity
    }

    /// A run starts on this thread; `timeout` is how long a client may run between scheduling points.
    func begin(_ run: SimulationRun, timeout: Duration?) {
        currentRun.withLock { $0 = run }
        // A timeout too long for an `Int` of milliseconds (millions of years) is as good as none.
        let milliseconds = timeout.map { $0 / .milliseconds(1) }.map { $0 < 1 ? 1 : $0 < Double(Int.max) ? Int($0) : 0 }
        timeoutMilliseconds.store(milliseconds ?? 0, ordering: .relaxed)
    }

    /// The run ended: nothing to watch until the next one.
    func end() {
        word.store(0, ordering: .relaxed)
        timeoutMilliseconds.store(0, ordering: .relaxed)
        currentRun.withLock { $0 = nil }
    }

    /// The run hands control to `slot` at scheduling point `point` (the hot path: one relaxed store).
    @inline(__always)
    func clientRunning(_ slot: Int, at point: Int) { word.store(point &<< 24 | (slot + 1), ordering: .relaxed) }

    /// The client handed control back.
    @inline(__always)
    func clientYielded() { word.store(0, ordering: .relaxed) }

    /// The current word and timeout, as the watchdog samples them.
    var sample: (word: Int, timeoutMilliseconds: Int) {
        (word.load(ordering: .relaxed), timeoutMilliseconds.load(ordering: .relaxed))
    }

    /// The stalled client and its operation, if `word` is still current (read once a stall is found: the
    /// client's thread is stuck in user code then, not writing the run's state).
    func stalledClient(word expected: Int) -> (ActorID, ClientOperation?)? {
        guard let run = currentRun.withLock({ $0 }), word.load(ordering: .relaxed) == expected, expected != 0 else {
            return nil
        }
        let slot = (expected & 0xFF_FFFF) - 1
        guard run.clients.indices.contains(slot) else { return nil }
        return (run.actorID(slot), run.clients[slot].operation)
    }
}
