/// How a run notices a client misusing it — leaving the simulation, or passing an argument it cannot
/// take — and keeps a client that left from touching it.
///
/// Every escape is charged to the client that was running when it happened, at a moment the schedule
/// decides, never thread timing: a task start is seen as it is enqueued (`TaskSpawnHook`), an actor
/// entered as its turn is enqueued here (`SimulationExecutor`), a real sleep as it hands its wake-up to
/// the executor, and anything else as the client being neither parked nor finished when the executor
/// runs dry. The first escape ends the run.
///
/// One escape has no moment of its own: a continuation resumed from another thread (a `DispatchQueue`
/// callback, real I/O). Resumed after the client suspended on it, it leaves the client neither parked nor
/// finished, and is reported; resumed before, the await never suspends and the client runs on exactly as
/// if it had made a synchronous call, which the Swift runtime gives no sign of. Only such a race can
/// change a report.
extension SimulationRun {
    /// Whether a call into the run may touch it: only from the run's own thread, and only while the run is
    /// executing. A call from another thread is a stray task's; a call after the run ended is a leftover
    /// of an abandoned client, possibly on a thread that has since started other runs (which it cannot
    /// reach: an `Environment` only ever points at its own run).
    var acceptsCalls: Bool { thread.isCurrent && !isFinished }

    /// The client the executor is running for: the one resumed (or started) last, even after it was
    /// crashed by a fault and swallowed the error.
    private var culprit: Int? { running ?? lastRun }

    /// Called by `TaskSpawnHook` on this run's thread when a job starts a task.
    func noteSpawnedTask() {
        guard failure == nil, !isFinished, let slot = culprit else { return }
        failure = .spawnedTask(actorID(slot), during: clients[slot].operation)
    }

    /// A client asked for a random number below a bound under 1: the run fails, naming the call and the fix.
    func noteRandomBoundBelowOne(_ slot: Int, bound: Int) {
        guard failure == nil else { return }
        failure = .randomBoundBelowOne(actorID(slot), during: clients[slot].operation, bound: bound)
    }

    /// Called by the executor on this run's thread when a client starts a real sleep (`Task.sleep`).
    func noteRealSleep() {
        guard failure == nil, !isFinished, let slot = culprit else { return }
        failure = .escaped(actorID(slot), during: clients[slot].operation)
    }

    /// Called by the executor on this run's thread when a client enters an actor.
    func noteEnteredActor() {
        guard failure == nil, !isFinished, let slot = culprit else { return }
        failure = .escaped(actorID(slot), during: clients[slot].operation)
    }

    /// After a drain the client that was resumed must have parked again or finished; if it is still
    /// "running", it is suspended on something this executor will never run. Returns whether the run
    /// has failed.
    func checkForEscape() -> Bool {
        guard !hasFailed else { return true }
        if executor.foreignEnqueueCount > 0, let slot = culprit {
            failure = .escaped(actorID(slot), during: clients[slot].operation)
            return true
        }
        guard let slot = running, clients[slot].state == .running else { return false }
        failure = .escaped(actorID(slot), during: clients[slot].operation)
        return true
    }
}
