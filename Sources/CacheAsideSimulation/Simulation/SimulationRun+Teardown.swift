import Synchronization

/// How a run lets go of the tasks it suspended.
///
/// A task parked on a continuation nobody resumes is never freed: its frame keeps its `Environment`, so
/// the whole run (world, history, choices) with it. A run that ends with a worker idle on a log — every
/// run of a model with workers — or with clients parked behind a failure used to leave exactly such
/// tasks, and a check of many seeds grew by a run's worth of memory per seed. So once the record is
/// taken, every parked task is resumed with `ClientStopped` and drained until it has unwound; nothing it
/// does then can reach the record, because the run refuses every call once it is finished.
extension SimulationRun {
    /// How many refused calls a task may make while it is unwound before it is parked for good: a strategy
    /// that retries on every error (a bounded retry is common) gets room to give up, one that never does
    /// is suspended rather than spun for ever — and then leaks its run, which no code of ours can prevent.
    static let callsAllowedWhileUnwinding = 64

    /// Simulation runs alive in the process: a run whose tasks all unwound is freed when its caller drops
    /// it, so this stays put however many runs a check makes (a test pins that).
    package static var liveRuns: Int { liveRunCount.load(ordering: .relaxed) }
    static let liveRunCount = Atomic<Int>(0)

    /// Resumes every suspended task of this finished run with `ClientStopped` and runs it until it ends or
    /// is parked for good. Called on the run's thread, as its current run (a task that starts a task or
    /// enters an actor while unwinding is charged to this finished run, which ignores it) and with its
    /// activity published (a task that spins while unwinding is stopped by the watchdog, not left to hang).
    func releaseSuspendedTasks() {
        precondition(isFinished, "only a finished run lets go of its tasks")
        isUnwinding = true
        defer { isUnwinding = false }
        for slot in clients.indices {
            guard let continuation = clients[slot].continuation else { continue }
            clients[slot].continuation = nil
            unwind(slot, continuation)
        }
        while let (slot, continuation) = abandonedTasks.popLast() { unwind(slot, continuation) }
        // A sleeper that swallows every stop and sleeps again would never end: a bounded number of rounds.
        for _ in 0..<Self.callsAllowedWhileUnwinding {
            activity.clientRunning(clients.count, at: schedulingPoints + 1)
            defer { activity.clientYielded() }
            guard executor.wakeSleepers() else { break }
        }
    }

    private func unwind(_ slot: Int, _ continuation: UnsafeContinuation<Void, any Error>) {
        activity.clientRunning(slot, at: schedulingPoints + 1)
        continuation.resume(throwing: ClientStopped())
        executor.drain()
        activity.clientYielded()
    }

    /// Refuses a call the run cannot take — from another thread (a stray task), after the run finished (a
    /// client left behind, or one being unwound) — without touching the run's state from the wrong thread.
    nonisolated(nonsending) func refuseCall(_ slot: Int) async throws -> Never {
        guard thread.isCurrent else {
            executor.noteForeignEnqueue()
            throw ClientStopped()
        }
        if isUnwinding {
            clients[slot].callsWhileUnwinding += 1
            if clients[slot].callsWhileUnwinding > Self.callsAllowedWhileUnwinding {
                // It swallows every `ClientStopped`: suspend it for good (its task, and this run, leak).
                await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
            }
        }
        throw ClientStopped()
    }
}
