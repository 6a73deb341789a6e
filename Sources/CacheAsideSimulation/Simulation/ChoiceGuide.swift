/// Replays a `RunOutline`: hands a guided `ChoiceSource` the value of each choice by its meaning, and
/// tells the scheduler (`GuidedScheduling`) which client the outline runs next.
///
/// Where the edited run can no longer do what the outline says (the client to run next is blocked, a
/// transition draws more choices than it did), the guide falls back to choice `0`'s meaning: keep the
/// client that ran last, the fastest answer, no fault. The run it produces is recorded as plain choices,
/// so it replays without the guide.
package final class ChoiceGuide: @unchecked Sendable {
    // Touched only on the thread driving the run it guides, like the run itself.
    private let outline: RunOutline
    /// For each slot, the positions in `outline.schedule` of its transitions, and how many have run.
    private var positions: [Int: [Int]] = [:]
    private var resumed: [Int: Int] = [:]
    private var drawn: [RunOutline.Transition: Int] = [:]
    private var begun: [Int: Int] = [:]
    private var current = RunOutline.Transition(slot: -1, operation: 0)
    private var pickInProgress = false

    /// A guide through `outline`.
    package init(_ outline: RunOutline) {
        self.outline = outline
        for (position, transition) in outline.schedule.enumerated() {
            positions[transition.slot, default: []].append(position)
        }
    }

    /// The value of choice number `index`; `proposed` is what the call site's generator offered, which
    /// is the answer only for a scheduling pick (see `pick`).
    func value(at index: Int, proposed: Int) -> Int {
        if pickInProgress {
            pickInProgress = false
            return proposed
        }
        if index < outline.planChoices.count { return outline.planChoices[index] }
        let queue = outline.transitionChoices[current] ?? []
        let next = drawn[current, default: 0]
        drawn[current] = next + 1
        return next < queue.count ? queue[next] : 0
    }

    /// The client to run among `runnable`: the earliest one the outline still has a transition for,
    /// else the one that ran last, else the first.
    func pick(among runnable: [ClientID], lastRun: ClientID?) -> ClientID {
        pickInProgress = true
        var earliest: (client: ClientID, position: Int)?
        for client in runnable {
            guard let position = nextPosition(ofSlot: client.number - 1) else { continue }
            if earliest.map({ position < $0.position }) ?? true { earliest = (client, position) }
        }
        if let earliest { return earliest.client }
        if let lastRun, runnable.contains(lastRun) { return lastRun }
        return runnable[0]
    }

    /// Where in the outline's schedule the next transition of `slot` is, if it has one left.
    private func nextPosition(ofSlot slot: Int) -> Int? {
        guard let mine = positions[slot] else { return nil }
        let done = resumed[slot] ?? 0
        return done < mine.count ? mine[done] : nil
    }

    /// Records that `slot` was resumed: its transition is the outline's next one for that slot, and the
    /// choices drawn until the next scheduling point are that transition's.
    func noteScheduled(slot: Int, beginsOperation: Bool) {
        if beginsOperation { begun[slot, default: 0] += 1 }
        let performed = begun[slot] ?? 0
        var operation = performed
        if let kept = outline.keptOperations[slot], performed > 0 {
            operation = performed <= kept.count ? kept[performed - 1] : Int.max
        }
        current = RunOutline.Transition(slot: slot, operation: operation)
        resumed[slot, default: 0] += 1
    }
}

/// The scheduling policy of a guided replay: asks the guide.
package struct GuidedScheduling: SchedulingPolicy {
    let guide: ChoiceGuide

    /// A policy following `guide`.
    package init(_ guide: ChoiceGuide) { self.guide = guide }

    /// The client the guide runs next.
    package mutating func pick(among runnable: [ClientID], lastRun: ClientID?, rng: inout SplitMix64) -> ClientID {
        guide.pick(among: runnable, lastRun: lastRun)
    }
}
