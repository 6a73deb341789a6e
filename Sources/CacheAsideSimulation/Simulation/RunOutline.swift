/// A run's choices grouped by what they mean: the workload's, the order in which clients ran, and the
/// choices each client's transitions drew (call latencies, faults, the strategy's own randomness).
///
/// A choice sequence is positional: delete one client's operation and every later choice slides onto a
/// different decision, so the edited run is some other run — usually one that passes. An outline is the
/// same run said so that such an edit keeps the rest in place: replayed through a `ChoiceGuide`, the
/// clients that stay run in the same order and draw the same latencies, and the guide records the plain
/// choices of what actually ran. This is shuttle's "replay a schedule" and Hypothesis' structured
/// shrinking (MacIver & Donaldson, ECOOP 2020, §4) applied to the one representation we have.
package struct RunOutline: Sendable {
    /// One client's transition as the outline names it: its slot and the operation it was performing,
    /// counted from 1 in the original run (`0` before its first operation, and always for a worker).
    package struct Transition: Sendable, Hashable {
        /// The client or worker slot.
        package var slot: Int
        /// The operation's number among the slot's operations in the original run.
        package var operation: Int

        package init(slot: Int, operation: Int) {
            self.slot = slot
            self.operation = operation
        }
    }

    /// The choices that drew the workload plan, by position.
    package var planChoices: [Int]
    /// Which transition ran at each scheduling point, in order.
    package var schedule: [Transition]
    /// The choices each transition drew, in order (a slot's choices before any scheduling point are
    /// under slot `-1`).
    package var transitionChoices: [Transition: [Int]]
    /// For a slot some of whose operations were removed, the original number of each operation it still
    /// performs, in order; a slot not listed performs all of its original operations.
    package var keptOperations: [Int: [Int]] = [:]
    /// When each operation of the original run began and ended, by slot and number (an unfinished one
    /// has no end): what an edit needs to keep the next operation's start where it was.
    package var operationTicks: [Transition: (begin: Ticks, end: Ticks?)] = [:]

    /// The outline of `run`, which must have been traced (`RunRecord.schedule`).
    package init(_ run: RunRecord) {
        let choices = run.choices
        planChoices = Array(choices.prefix(run.planChoiceCount))
        schedule = []
        transitionChoices = [:]
        let points = run.schedule ?? []
        let firstPoint = points.first.map(\.choicesBefore) ?? choices.count
        let beforeRun = Transition(slot: -1, operation: 0)
        if firstPoint > planChoices.count {
            transitionChoices[beforeRun] = Array(choices[planChoices.count..<firstPoint])
        }
        var begun: [Int: Int] = [:]
        for (index, point) in points.enumerated() {
            let slot = point.chosen
            // As the guide counts it (`ChoiceSource.noteScheduled`): the chosen slot's own flag.
            if point.chosenBeginsOperation { begun[slot, default: 0] += 1 }
            let transition = Transition(slot: slot, operation: begun[slot] ?? 0)
            schedule.append(transition)
            let start = min(point.choicesBefore + (point.isChoice ? 1 : 0), choices.count)
            let end = index + 1 < points.count ? points[index + 1].choicesBefore : choices.count
            if start < end { transitionChoices[transition, default: []].append(contentsOf: choices[start..<end]) }
        }
        let slotOfClient = run.plan.operations.indices.filter { !run.plan.operations[$0].isEmpty }
        var performed: [Int: Int] = [:]
        for operation in run.history.operations where operation.client.number - 1 < slotOfClient.count {
            let slot = slotOfClient[operation.client.number - 1]
            performed[slot, default: 0] += 1
            operationTicks[Transition(slot: slot, operation: performed[slot]!)] = (operation.invokeTick, operation.endTick)
        }
    }

    /// Every operation that ran, once each, in the order it first ran.
    package var operations: [Transition] {
        var seen = Set<Transition>()
        return schedule.filter { $0.operation > 0 && seen.insert($0).inserted }
    }

    /// The slots that ran at least one operation's transition.
    package var clientSlots: [Int] {
        Array(Set(schedule.lazy.filter { $0.operation > 0 }.map(\.slot))).sorted()
    }
}
