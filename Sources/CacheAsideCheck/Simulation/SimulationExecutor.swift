import Synchronization

/// A task executor that runs jobs only when the simulation drains it, on the simulation's own thread.
///
/// Clients are tasks that prefer this executor (SE-0417), so every job of theirs lands here and runs one
/// at a time, in enqueue order: nothing in a run executes in parallel and the run is deterministic.
/// `enqueue` may be called from any thread — a timer of an escaped `Task.sleep` fires on another thread,
/// possibly after the run was reported and abandoned — so the queue is behind a mutex, and an enqueue
/// from a foreign thread is remembered as evidence of an escape. A late job sits in the abandoned
/// executor's queue forever and never touches another run.
final class SimulationExecutor: TaskExecutor, @unchecked Sendable {
    private struct Queue: ~Copyable {
        var jobs: [UnownedJob] = []
        var head = 0
        var foreignEnqueues = 0
    }

    private let queue = Mutex(Queue())
    private let ownerThread: ThreadIdentity

    /// An executor owned by the calling thread.
    init() { ownerThread = ThreadIdentity.current }

    func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let foreign = !ownerThread.isCurrent
        queue.withLock { queue in
            queue.jobs.append(unownedJob)
            if foreign { queue.foreignEnqueues += 1 }
        }
    }

    /// Remembers a sign of escape seen outside `enqueue` (a step called from another thread).
    func noteForeignEnqueue() { queue.withLock { $0.foreignEnqueues += 1 } }

    /// How many jobs arrived from another thread: each one means a client left the simulation.
    var foreignEnqueueCount: Int { queue.withLock { $0.foreignEnqueues } }

    /// Runs queued jobs, including the ones they enqueue, until the queue is empty.
    func drain() {
        let me = asUnownedTaskExecutor()
        while let job = dequeue() {
            job.runSynchronously(on: me)
        }
    }

    private func dequeue() -> UnownedJob? {
        queue.withLock { queue in
            guard queue.head < queue.jobs.count else { return nil }
            let job = queue.jobs[queue.head]
            queue.head += 1
            if queue.head == queue.jobs.count {
                queue.jobs.removeAll(keepingCapacity: true)
                queue.head = 0
            }
            return job
        }
    }
}
