@_spi(ExperimentalCustomExecutors) @_spi(ExperimentalScheduling) import _Concurrency
import Synchronization

/// A task executor that runs jobs only when the simulation drains it, on the simulation's own thread.
///
/// Clients are tasks that prefer this executor (SE-0417), so every job of theirs lands here and runs one
/// at a time, in enqueue order: nothing in a run executes in parallel and the run is deterministic. In a
/// healthy run every job is a client task's, enqueued by the owner thread itself (each resume): that is
/// the hot path of a scheduling point, and it takes no lock.
///
/// Anything else is a client leaving the simulation, and is reported, never run:
/// - A job that is not a task, enqueued by the owner thread, is a default actor's processing: a client
///   entered an actor, which (with this executor preferred) schedules its turn here. Whether that happens
///   depends on whether another thread holds the actor at that instant (under `--jobs`, another run may),
///   so entering any actor is an escape, reported the moment it happens, on the owner thread. When the
///   actor is busy instead, the client is left neither parked nor finished, which the run reports as the
///   same escape. The job runs (leaving the actor stuck would hang whoever shares it).
/// - A `Task.sleep` hands its wake-up to this executor (`SchedulingExecutor`), synchronously, on the owner
///   thread, whatever the duration: a real sleep is an escape reported the moment it starts, and the
///   wake-up is kept unrun until the run ends (it then lets the sleeper unwind). Left to the global timer
///   instead, a short sleep could wake before the client suspended and never be seen.
/// - A job enqueued from another thread (a timer of an escaped `Task.sleep`, an actor released by another
///   thread, a continuation resumed by real I/O) may arrive at any time, even after the run was reported
///   and abandoned, so its arrival is only counted and the job is dropped: the client it belongs to never
///   runs again, and no thread timing can change what the run did.
final class SimulationExecutor: TaskExecutor, @unchecked Sendable {

    /// Jobs from the owner thread; only the owner thread touches these three. A scheduling point
    /// enqueues one job into an empty queue, so that job waits in `nextJob`, without touching the array;
    /// `nextJob`, when set, is always the oldest job queued.
    @exclusivity(unchecked) private var nextJob: UnownedJob?
    @exclusivity(unchecked) private var localJobs: [UnownedJob] = []
    @exclusivity(unchecked) private var localHead = 0
    /// Wake-ups of real sleeps, owner thread only: never run while the run executes.
    @exclusivity(unchecked) private var sleepWakeUps: [UnownedJob] = []
    /// Foreign enqueues (and foreign steps) so far. An atomic: it is written from any thread, and the
    /// simulation reads it after every scheduling point.
    private let foreignEvents = Atomic<Int>(0)
    private let ownerThread: ThreadIdentity

    /// An executor owned by the calling thread.
    init() {
        ownerThread = ThreadIdentity.current
    }

    func enqueue(_ job: consuming ExecutorJob) {
        guard ownerThread.isCurrent else {
            // Dropped: a job that never runs leaves its task suspended for good, which is what an
            // abandoned client must be.
            foreignEvents.add(1, ordering: .relaxed)
            return
        }
        if job.kind != .task { CurrentRun.current?.noteEnteredActor() }
        if nextJob == nil, localHead == localJobs.count {
            nextJob = UnownedJob(job)
        } else {
            localJobs.append(UnownedJob(job))
        }
    }

    /// Remembers a sign of escape seen outside `enqueue` (a step called from another thread).
    func noteForeignEnqueue() { foreignEvents.add(1, ordering: .relaxed) }

    /// How many jobs arrived from another thread: each one means a client left the simulation.
    var foreignEnqueueCount: Int { foreignEvents.load(ordering: .relaxed) }

    /// A real sleep's wake-up: reported to the current run, and held (see the type's comment).
    fileprivate func enqueueSleepWakeUp(_ job: consuming ExecutorJob) {
        guard ownerThread.isCurrent else {
            foreignEvents.add(1, ordering: .relaxed)
            return
        }
        CurrentRun.current?.noteRealSleep()
        sleepWakeUps.append(UnownedJob(job))
    }

    /// Runs the held sleep wake-ups, then everything they enqueue; false if there were none. Only a run
    /// that has finished calls this, to let its sleepers unwind.
    func wakeSleepers() -> Bool {
        guard !sleepWakeUps.isEmpty else { return false }
        let wakeUps = sleepWakeUps
        sleepWakeUps.removeAll()
        let me = asUnownedTaskExecutor()
        for job in wakeUps { job.runSynchronously(on: me) }
        drain()
        return true
    }

    /// Runs queued jobs, including the ones they enqueue, until the queue is empty.
    func drain() {
        let me = asUnownedTaskExecutor()
        while true {
            if let job = nextJob {
                nextJob = nil
                job.runSynchronously(on: me)
                continue
            }
            guard localHead < localJobs.count else { return }
            let job = localJobs[localHead]
            localHead += 1
            if localHead == localJobs.count {
                localJobs.removeAll(keepingCapacity: true)
                localHead = 0
            }
            job.runSynchronously(on: me)
        }
    }
}

@available(macOS 26.4, iOS 26.4, watchOS 26.4, tvOS 26.4, visionOS 26.4, *)
extension SimulationExecutor: SchedulingExecutor {
    func enqueue<C: Clock>(_ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C) {
        enqueueSleepWakeUp(job)
    }

    func enqueue<C: Clock>(_ job: consuming ExecutorJob, at instant: C.Instant, tolerance: C.Duration?, clock: C) {
        enqueueSleepWakeUp(job)
    }
}
