/// One point of a run where the scheduler resumed a client, as exhaustive search sees it: who could run,
/// the step each would take, and who ran.
///
/// Random and PCT runs never record these (the hot path stays allocation-free); exhaustive search asks for
/// them to tell which pending steps commute (partial-order reduction) and which picks are preemptions.
package struct SchedulingPoint: Sendable, Hashable {
    /// A client that could run at this point.
    package struct Candidate: Sendable, Hashable {
        /// Its slot in the workload plan (scheduling choices count in slots).
        package var slot: Int
        /// The step it takes when resumed; `nil` for a client waking from `clock.sleep`, whose next step
        /// is not known until it runs.
        package var action: StepAction?
        /// Whether that step is the first of an operation, so the operation's invocation is recorded with
        /// it (this moves the operation's real-time start, which linearizability observes).
        package var beginsOperation: Bool
        /// The key of the operation the client is performing, if any.
        package var operationKey: Key?
        /// What its transition (the step and the client's own code up to its next scheduling point) did
        /// besides the step itself. Known only once it has run: empty on a point's candidates, filled in on
        /// the one that ran (`SchedulingPoint.chosenEffects`), which is what exhaustive search keeps asleep.
        package var effects: TransitionEffects = []
    }

    /// How many choices the run had drawn before this point. When `isChoice`, the pick itself is choice
    /// number `choicesBefore`.
    package var choicesBefore: Int
    /// Whether the pick was drawn as a choice; `false` when only one client could run.
    package var isChoice: Bool
    /// The slot that ran the previous step, if any.
    package var lastRun: Int?
    /// The number of client slots, the bound of a scheduling choice.
    package var slotCount: Int
    /// The clients that could run, in slot order.
    package var candidates: [Candidate]
    /// The slot that ran.
    package var chosen: Int
    /// Whether the cache restarted or the clock jumped since the previous point: a change to the world
    /// no client made, which every pending step depends on (it wakes every sleeper).
    package var worldChangedBefore: Bool = false
    /// Whether the chosen client's step began an operation.
    package var chosenBeginsOperation: Bool = false
    /// What the chosen client's transition turned out to do (filled in at the next point, or when the run
    /// ends).
    package var chosenEffects: TransitionEffects = []

    /// The candidate that ran, with what its transition did.
    package var ran: Candidate {
        var candidate = candidates.first { $0.slot == chosen }!
        candidate.effects = chosenEffects
        return candidate
    }

    /// The scheduling choice value that picks `slot` here: its distance from the client that ran last.
    package func offset(of slot: Int) -> Int { (slot - (lastRun ?? 0) + slotCount) % slotCount }

    /// Whether running `slot` here preempts the client that ran last (it could have gone on).
    package func isPreemption(_ slot: Int) -> Bool {
        guard let lastRun, slot != lastRun else { return false }
        return candidates.contains { $0.slot == lastRun }
    }
}

extension SimulationRun {
    /// Records the point at which `chosen` was picked among `runnable` (called before it is resumed).
    func traceSchedulingPoint(chosen: Int, among runnable: [ClientID]) {
        finishTracedTransition()
        let candidates = runnable.map { client -> SchedulingPoint.Candidate in
            let slot = client.number - 1
            let state = clients[slot]
            return SchedulingPoint.Candidate(
                slot: slot, action: state.pendingAction, beginsOperation: !state.invokeRecorded,
                operationKey: state.operation?.key)
        }
        let isChoice = runnable.count > 1
        choices.noteScheduled(slot: chosen, beginsOperation: !clients[chosen].invokeRecorded)
        schedulingTrace?.append(
            SchedulingPoint(
                choicesBefore: choices.recorded.count - (isChoice ? 1 : 0), isChoice: isChoice, lastRun: lastRun,
                slotCount: clients.count, candidates: candidates, chosen: chosen,
                worldChangedBefore: worldChangedSinceLastPoint, chosenBeginsOperation: !clients[chosen].invokeRecorded))
        worldChangedSinceLastPoint = false
    }
}

extension SimulationRun {
    /// Hands what the transition since the last traced point did to that point, and starts afresh.
    func finishTracedTransition() {
        guard let last = schedulingTrace?.indices.last else { return }
        schedulingTrace![last].chosenEffects.formUnion(transitionEffects)
        transitionEffects = []
    }
}
