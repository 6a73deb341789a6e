@_spi(ExperimentalCustomExecutors) import _Concurrency

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches a client starting a task of its own (`Task {}`, `Task.detached`) at the moment it starts it.
///
/// Such a task does not inherit the client's executor: it runs on the global executor, on another
/// thread, at a time only the operating system decides. Judged by its effects (a refused call, a job
/// arriving late) the same seed would blame different clients, or nobody, from one run to the next.
/// Its *start* is deterministic, though: the runtime enqueues the new task on the global executor
/// synchronously, on the simulation's thread, while the spawning client runs. So this hooks that enqueue
/// (`swift_task_enqueueGlobal_hook`, the runtime's documented interposition point, also used by
/// swift-concurrency-extras' `withMainSerialExecutor`) and charges the spawn to the current run's running
/// client. The job itself is passed on unchanged to whoever enqueued before us, so the stray task still
/// runs (off the simulation's thread, where every call it makes into the run is refused).
///
/// The hook is installed once per process, lazily and thread-safely (a `static let`), and chains to any
/// hook installed before it. Where the runtime does not export the hook (a statically linked binary) the
/// spawn is still caught, later and by its effects, by the executor's foreign-job check.
enum TaskSpawnHook {
    typealias Enqueue = @convention(thin) (UnownedJob) -> Void
    typealias Hook = @convention(thin) (UnownedJob, Enqueue) -> Void

    /// The hook that was installed before ours, called in turn (the runtime reads the variable unlocked,
    /// so it is written once, before our hook is published).
    nonisolated(unsafe) private static var previous: Hook?

    /// Whether the hook is in place; evaluating it installs the hook (once per process).
    static let isInstalled: Bool = {
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "swift_task_enqueueGlobal_hook") else {
            return false
        }
        let slot = symbol.assumingMemoryBound(to: Hook?.self)
        previous = slot.pointee
        slot.pointee = { job, original in
            // Only a task start is a spawn: the runtime also enqueues jobs that merely continue work, such
            // as an actor's processing, which says nothing about who started what.
            if ExecutorJob(job).kind == .task, let run = CurrentRun.current { run.noteSpawnedTask() }
            if let previous = TaskSpawnHook.previous { previous(job, original) } else { original(job) }
        }
        return true
    }()
}
