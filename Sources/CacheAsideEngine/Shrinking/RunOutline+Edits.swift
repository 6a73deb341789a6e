/// The edits the shrinker makes to a run by meaning. Each returns `nil` when it has nothing to change.
extension RunOutline {
    /// The run without client slot `slot`: no operations, no transitions, no place in the schedule.
    func removingClient(_ slot: Int, layout: WorkloadChoiceLayout) -> RunOutline? {
        var edited = self
        var changed = false
        for operation in 0..<layout.operationsPerClient {
            let index = layout.kindIndex(slot: slot, operation: operation)
            if index < edited.planChoices.count, edited.planChoices[index] != 0 {
                edited.planChoices[index] = 0
                changed = true
            }
        }
        guard changed else { return nil }
        edited.schedule.removeAll { $0.slot == slot }
        edited.transitionChoices = edited.transitionChoices.filter { $0.key.slot != slot }
        edited.keptOperations[slot] = nil
        return edited
    }

    /// The run without the operation numbered `number` (in the original run) of slot `slot`, and
    /// without its transitions. `keepingTiming` lengthens the pause before the slot's next operation by
    /// what the removed one took, so that the next one still starts when it did — in a race between
    /// thinking clients, when matters more than what came before.
    func removingOperation(
        _ number: Int, ofSlot slot: Int, layout: WorkloadChoiceLayout, keepingTiming: Bool = false
    ) -> RunOutline? {
        // The slot's planned operations that are on, in order, and the original number of each.
        let planned = plannedIndices(ofSlot: slot, layout: layout)
        let numbers = keptOperations[slot] ?? Array(1...max(planned.count, 1))
        guard let position = numbers.firstIndex(of: number), position < planned.count else { return nil }
        var edited = self
        if keepingTiming {
            guard let thinkOffset = layout.thinkOffset, position + 1 < planned.count,
                let next = operationTicks[Transition(slot: slot, operation: numbers[position + 1])]
            else { return nil }
            let previousEnd = position > 0 ? operationTicks[Transition(slot: slot, operation: numbers[position - 1])]?.end : 0
            guard let previousEnd else { return nil }
            let pause = min(max(next.begin - previousEnd - layout.thinkLowerBound, 0), layout.thinkChoices - 1)
            let index = planned[position + 1] + thinkOffset
            guard index < planChoices.count, planChoices[index] != pause else { return nil }
            edited.planChoices[index] = pause
        }
        edited.planChoices[planned[position]] = 0
        edited.schedule.removeAll { $0 == Transition(slot: slot, operation: number) }
        edited.transitionChoices[Transition(slot: slot, operation: number)] = nil
        var kept = numbers
        kept.remove(at: position)
        edited.keptOperations[slot] = kept
        return edited
    }

    /// The run with the operation numbered `number` of slot `source` performed instead by slot `target`,
    /// after the operations `target` already performs: one client fewer when `source` had no other.
    /// Only worth trying when that operation began after `target`'s last one ended, which the caller
    /// checks; the transitions keep their choices and their place in the schedule.
    ///
    /// `keepingStart` sets the moved operation's pause so that it starts when it did (as far as the think
    /// range allows): under concurrent timing its old pause counted from the start of the run, and after
    /// the target's operations it would start far later, past the race it was in.
    func movingOperation(
        _ number: Int, fromSlot source: Int, toSlot target: Int, layout: WorkloadChoiceLayout, keepingStart: Bool = false
    ) -> RunOutline? {
        let sourcePlanned = plannedIndices(ofSlot: source, layout: layout)
        let sourceNumbers = keptOperations[source] ?? Array(1...max(sourcePlanned.count, 1))
        let targetPlanned = plannedIndices(ofSlot: target, layout: layout)
        guard let position = sourceNumbers.firstIndex(of: number), position < sourcePlanned.count else { return nil }
        guard targetPlanned.count < layout.operationsPerClient else { return nil }
        var edited = self
        // The target's operations move to its first slots, in order (an empty slot draws nothing that
        // matters), and the moved operation takes the slot after them.
        let blocks = (targetPlanned + [sourcePlanned[position]]).map { Array(planChoices[$0..<min($0 + layout.stride, planChoices.count)]) }
        for index in sourcePlanned[position]..<min(sourcePlanned[position] + layout.stride, planChoices.count) {
            edited.planChoices[index] = 0
        }
        for operation in 0..<layout.operationsPerClient {
            let start = layout.kindIndex(slot: target, operation: operation)
            for offset in 0..<layout.stride where start + offset < planChoices.count {
                edited.planChoices[start + offset] = operation < blocks.count && offset < blocks[operation].count ? blocks[operation][offset] : 0
            }
        }
        let targetNumbers = keptOperations[target] ?? (targetPlanned.isEmpty ? [] : Array(1...targetPlanned.count))
        if keepingStart {
            guard let thinkOffset = layout.thinkOffset,
                let begin = operationTicks[Transition(slot: source, operation: number)]?.begin
            else { return nil }
            let previousEnd = targetNumbers.last.map { operationTicks[Transition(slot: target, operation: $0)]?.end } ?? 0
            guard let previousEnd else { return nil }
            let pause = min(max(begin - previousEnd - layout.thinkLowerBound, 0), layout.thinkChoices - 1)
            let index = layout.kindIndex(slot: target, operation: targetPlanned.count) + thinkOffset
            guard index < edited.planChoices.count, edited.planChoices[index] != pause else { return nil }
            edited.planChoices[index] = pause
        }
        // A number the target never had, so its own operations' transitions stay apart from the moved one's.
        let moved = Transition(slot: target, operation: Self.movedOperationBase + number + 1_000 * source)
        let old = Transition(slot: source, operation: number)
        edited.schedule = schedule.map { $0 == old ? moved : $0 }
        edited.transitionChoices[old] = nil
        if let choices = transitionChoices[old] { edited.transitionChoices[moved] = choices }
        var sourceKept = sourceNumbers
        sourceKept.remove(at: position)
        edited.keptOperations[source] = sourceKept
        edited.keptOperations[target] = targetNumbers + [moved.operation]
        return edited
    }

    /// Operation numbers given to moved operations start here, above any real one.
    static let movedOperationBase = 1_000_000

    /// The plan indices of the kind choices of `slot`'s operations that are on, in order.
    private func plannedIndices(ofSlot slot: Int, layout: WorkloadChoiceLayout) -> [Int] {
        (0..<layout.operationsPerClient).map { layout.kindIndex(slot: slot, operation: $0) }
            .filter { $0 < planChoices.count && planChoices[$0] != 0 }
    }

    /// The run with every choice the selected transitions drew set to `0`: the fastest answers, no
    /// fault, the strategy's simplest random pick; the order in which clients run stays.
    func quietingTransitions(where selected: (Transition) -> Bool) -> RunOutline? {
        var edited = self
        var changed = false
        for (transition, values) in transitionChoices where selected(transition) && values.contains(where: { $0 != 0 }) {
            edited.transitionChoices[transition] = Array(repeating: 0, count: values.count)
            changed = true
        }
        return changed ? edited : nil
    }

    /// The run with workload choice `index` set to `value`, the schedule kept.
    func settingPlanChoice(_ index: Int, to value: Int) -> RunOutline? {
        guard index < planChoices.count, planChoices[index] != value else { return nil }
        var edited = self
        edited.planChoices[index] = value
        return edited
    }
}

extension RunOutline {
    /// The run with client slot `slot` played by the empty slot `target` instead: the same operations,
    /// pauses, schedule and latencies under another slot. A run's choices lay the workload out slot by
    /// slot, so a race between slots 40 and 57 of 64 replays from a sequence that is mostly zeros before
    /// them; moved down, the same race has a shorter sequence, hence a shorter replay token.
    func movingClient(_ slot: Int, toSlot target: Int, layout: WorkloadChoiceLayout) -> RunOutline? {
        let block = layout.operationsPerClient * layout.stride
        let source = layout.kindIndex(slot: slot, operation: 0)
        let destination = layout.kindIndex(slot: target, operation: 0)
        guard target != slot, target < layout.clients, slot < layout.clients, source + block <= planChoices.count,
            destination + block <= planChoices.count,
            !planChoices[source..<(source + block)].allSatisfy({ $0 == 0 }),
            (0..<layout.operationsPerClient).allSatisfy({ planChoices[layout.kindIndex(slot: target, operation: $0)] == 0 })
        else { return nil }
        var edited = self
        for offset in 0..<block {
            edited.planChoices[destination + offset] = planChoices[source + offset]
            edited.planChoices[source + offset] = 0
        }
        let renamed = { (transition: Transition) in
            transition.slot == slot ? Transition(slot: target, operation: transition.operation) : transition
        }
        edited.schedule = schedule.map(renamed)
        edited.transitionChoices = Dictionary(uniqueKeysWithValues: transitionChoices.map { (renamed($0.key), $0.value) })
        edited.operationTicks = Dictionary(uniqueKeysWithValues: operationTicks.map { (renamed($0.key), $0.value) })
        edited.keptOperations[target] = keptOperations[slot]
        edited.keptOperations[slot] = nil
        return edited
    }
}
