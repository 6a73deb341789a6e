#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The run the calling thread is driving, if any: how process-wide hooks, which the Swift runtime calls
/// with nothing but a job, find the run whose client caused them.
///
/// A run is driven entirely on one thread, so a thread-specific slot names it without locks, and runs on
/// other threads (`--jobs`) never see each other. Only rare paths read it (a client starting a task or
/// entering an actor); the hot path of a scheduling point never does.
enum CurrentRun {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        guard pthread_key_create(&key, nil) == 0 else { fatalError("pthread_key_create failed: out of thread-specific keys") }
        return key
    }()

    /// The run the calling thread is inside `execute()` of, if any.
    static var current: SimulationRun? {
        pthread_getspecific(key).map { Unmanaged<SimulationRun>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with `run` as the calling thread's current run, restoring the previous one after (a
    /// strategy may itself run a simulation).
    static func driving<Result>(_ run: SimulationRun, _ body: () -> Result) -> Result {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(run).toOpaque())
        defer { pthread_setspecific(key, previous) }
        return body()
    }
}
