/// Removing many operations at once while the rest keep their timing: the edit behind the chunked
/// passes (`ShrinkPass+Chunks`).
extension RunOutline {
    /// The run without the operations in `removed` (numbered as in this outline), every other operation
    /// starting when it did, less `shift` ticks: each remaining operation's pause is set so that it
    /// begins as long after the previous remaining one of its client ended as it did in the original
    /// run. Under concurrent timing an operation races only with what overlaps it in time; dropping the
    /// operations before a race without keeping the times would move the racers apart, and the pauses
    /// alone (at most the think range) cannot stand in for several dropped operations of one client.
    /// A pause outside the think range is clamped: the edited run is only replayed, never trusted.
    /// Returns `nil` when nothing would be removed.
    func removingOperations(_ removed: Set<Transition>, layout: WorkloadChoiceLayout, shift: Ticks) -> RunOutline? {
        var edited = self
        var changed = false
        for slot in 0..<layout.clients {
            let planned = (0..<layout.operationsPerClient).map { layout.kindIndex(slot: slot, operation: $0) }
                .filter { $0 < planChoices.count && planChoices[$0] != 0 }
            guard !planned.isEmpty else { continue }
            let numbers = keptOperations[slot] ?? Array(1...planned.count)
            var kept: [Int] = []
            var previousEnd: Ticks? = 0
            var retimes = false
            for (position, number) in numbers.enumerated() where position < planned.count {
                let transition = Transition(slot: slot, operation: number)
                if removed.contains(transition) {
                    edited.planChoices[planned[position]] = 0
                    edited.schedule.removeAll { $0 == transition }
                    edited.transitionChoices[transition] = nil
                    changed = true
                    retimes = true
                    continue
                }
                kept.append(number)
                let ticks = operationTicks[transition]
                if retimes || (kept.count == 1 && shift > 0), let thinkOffset = layout.thinkOffset, let ticks,
                    let previousEnd
                {
                    let start = kept.count == 1 ? ticks.begin - shift : ticks.begin
                    let pause = min(max(start - previousEnd - layout.thinkLowerBound, 0), layout.thinkChoices - 1)
                    let index = planned[position] + thinkOffset
                    if index < edited.planChoices.count { edited.planChoices[index] = pause }
                }
                retimes = false
                previousEnd = ticks?.end
            }
            if kept.isEmpty {
                edited.schedule.removeAll { $0.slot == slot }
                edited.transitionChoices = edited.transitionChoices.filter { $0.key.slot != slot }
            }
            edited.keptOperations[slot] = kept
        }
        return changed ? edited : nil
    }

    /// How far every remaining operation can start earlier when `removed` are dropped: until the first of
    /// them starts at the shortest pause.
    func earliestStartShift(keeping operations: [Transition], layout: WorkloadChoiceLayout) -> Ticks {
        guard layout.thinkOffset != nil else { return 0 }
        var firstBegin: [Int: Ticks] = [:]
        for operation in operations {
            guard let begin = operationTicks[operation]?.begin else { continue }
            firstBegin[operation.slot] = min(firstBegin[operation.slot] ?? begin, begin)
        }
        return max((firstBegin.values.min() ?? 0) - layout.thinkLowerBound, 0)
    }
}
