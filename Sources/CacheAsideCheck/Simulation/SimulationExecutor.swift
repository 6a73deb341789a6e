import Synchronization

/// A task executor that runs jobs only when the simulation drains it, on the simulation's own thread.
///
/// Clients are tasks that prefer this executor (SE-0417), so every job of theirs lands here and runs one
/// at a time, in enqueue order: nothing in a run executes in parallel and the run is deterministic.
/// `enqueue` may be called from any thread — a timer of an escaped `Task.sleep` fires on another thread,
/// possibly after the run was reported and abandoned — so foreign jobs go to a queue behind a mutex, and
/// each one is remembered as evidence of an escape. A late job sits in the abandoned executor's queue
/// forever and never touches another run. Jobs enqueued by the owner thread itself (every resume in a
/// healthy run) take a lock-free path: that is the hot path of a scheduling point.
final class SimulationExecutor: TaskExecutor, @unchecked Sendable {
    private struct ForeignQueue: ~Copyable {
        var jobs: [UnownedJob] = []
        var count = 0
    }

    /// Jobs from the owner thread; only the owner thread touches these two.
    @exclusivity(unchecked) private var localJobs: [UnownedJob] = []
    @exclusivity(unchecked) private var localHead = 0
    private let foreign = Mutex(ForeignQueue())
    /// Set when a foreign job is waiting, so the owner only takes the mutex when there is something to take.
    private let foreignPending = Atomic<Bool>(false)
    private let ownerThread: ThreadIdentity

    /// An executor owned by the calling thread.
    init() {
        ownerThread = ThreadIdentity.current
        localJobs.reserveCapacity(8)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        if ownerThread.isCurrent {
            localJobs.append(unownedJob)
            return
        }
        foreign.withLock { queue in
            queue.jobs.append(unownedJob)
            queue.count += 1
        }
        foreignPending.store(true, ordering: .releasing)
    }

    /// Remembers a sign of escape seen outside `enqueue` (a step called from another thread).
    func noteForeignEnqueue() { foreign.withLock { $0.count += 1 } }

    /// How many jobs arrived from another thread: each one means a client left the simulation.
    var foreignEnqueueCount: Int { foreign.withLock { $0.count } }

    /// Runs queued jobs, including the ones they enqueue, until both queues are empty.
    func drain() {
        let me = asUnownedTaskExecutor()
        while true {
            if localHead < localJobs.count {
                let job = localJobs[localHead]
                localHead += 1
                if localHead == localJobs.count {
                    localJobs.removeAll(keepingCapacity: true)
                    localHead = 0
                }
                job.runSynchronously(on: me)
            } else if foreignPending.load(ordering: .acquiring), let job = takeForeignJob() {
                job.runSynchronously(on: me)
            } else {
                return
            }
        }
    }

    private func takeForeignJob() -> UnownedJob? {
        foreign.withLock { queue in
            guard !queue.jobs.isEmpty else {
                foreignPending.store(false, ordering: .relaxed)
                return nil
            }
            let job = queue.jobs.removeFirst()
            if queue.jobs.isEmpty { foreignPending.store(false, ordering: .relaxed) }
            return job
        }
    }
}
