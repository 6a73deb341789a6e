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

    /// Jobs from the owner thread; only the owner thread touches these two.
    @exclusivity(unchecked) private var localJobs: [UnownedJob] = []
    @exclusivity(unchecked) private var localHead = 0
    private let foreignJobs = Mutex<[UnownedJob]>([])
    /// Set when a foreign job is waiting, so the owner only takes the mutex when there is something to take.
    private let foreignPending = Atomic<Bool>(false)
    /// Foreign enqueues (and foreign steps) so far. An atomic rather than a field behind the mutex:
    /// the simulation reads it after every scheduling point.
    private let foreignEvents = Atomic<Int>(0)
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
        foreignJobs.withLock { $0.append(unownedJob) }
        foreignEvents.add(1, ordering: .relaxed)
        foreignPending.store(true, ordering: .releasing)
    }

    /// Remembers a sign of escape seen outside `enqueue` (a step called from another thread).
    func noteForeignEnqueue() { foreignEvents.add(1, ordering: .relaxed) }

    /// How many jobs arrived from another thread: each one means a client left the simulation.
    var foreignEnqueueCount: Int { foreignEvents.load(ordering: .relaxed) }

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
        foreignJobs.withLock { jobs in
            let job = jobs.isEmpty ? nil : jobs.removeFirst()
            if jobs.isEmpty { foreignPending.store(false, ordering: .relaxed) }
            return job
        }
    }
}
