/// The passes that edit a run by meaning (`RunOutline`): each takes the best run's outline, tries one
/// kind of edit at every place it applies, and replays the edited outline, so the clients that stay keep
/// their order and their latencies. Positional edits cannot do this once calls have latencies or the
/// strategy has workers: deleting a client's operations there moves every later choice onto another
/// decision, and the shrink stops far above the minimum.
extension ShrinkPass {
    /// Tries `edits(outline)` in order on the best run's outline, taking a fresh outline after each
    /// adopted edit and going on from the same place in the new list: the adopted edit's target is gone
    /// from it (an edit with nothing to change is not listed), and the ones before it already failed.
    static func sweepOutline(
        _ state: inout ShrinkState, edits: (RunOutline, WorkloadChoiceLayout) -> [RunOutline]
    ) -> Bool {
        guard let layout = state.guided?.layout else { return false }
        var improved = false
        var next = 0
        while !state.exhausted, let outline = state.bestOutline() {
            let candidates = edits(outline, layout)
            var adopted: Int?
            while next < candidates.count, !state.exhausted, adopted == nil {
                if state.consider(candidates[next]) { adopted = next }
                next += 1
            }
            guard let adopted else { break }
            improved = true
            next = adopted
        }
        return improved
    }

    /// Drops each client with every step, latency and fault of its own.
    static let dropClients = ShrinkPass(name: "drop clients") { state in
        sweepOutline(&state) { outline, layout in
            outline.clientSlots.compactMap { outline.removingClient($0, layout: layout) }
        }
    }

    /// Drops each operation with its steps.
    static let dropOperations = ShrinkPass(name: "drop operations") { state in
        sweepOutline(&state) { outline, layout in
            outline.operations.flatMap { operation in
                [true, false].compactMap {
                    outline.removingOperation(operation.operation, ofSlot: operation.slot, layout: layout, keepingTiming: $0)
                }
            }
        }
    }

    /// Drops two operations at once, for small runs: a race often needs its timing kept by the
    /// operation before it, so dropping either alone passes, while dropping both keeps the race (one
    /// client's earlier write and the other's earlier read, say). Quadratic, hence the bound.
    static let dropOperationPairs = ShrinkPass(name: "drop operation pairs") { state in
        sweepOutline(&state) { outline, layout in
            let operations = outline.operations
            guard operations.count <= maximumOperationsForPairs else { return [] }
            return operations.indices.flatMap { first in
                operations.indices.filter { $0 > first }.compactMap { second -> RunOutline? in
                    let (a, b) = (operations[first], operations[second])
                    let timed = layout.thinkOffset != nil
                    return outline.removingOperation(a.operation, ofSlot: a.slot, layout: layout, keepingTiming: timed)?
                        .removingOperation(b.operation, ofSlot: b.slot, layout: layout, keepingTiming: timed)
                        ?? outline.removingOperation(a.operation, ofSlot: a.slot, layout: layout)?
                        .removingOperation(b.operation, ofSlot: b.slot, layout: layout)
                }
            }
        }
    }

    /// The most operations a run may have for `dropOperationPairs` to try every pair.
    static let maximumOperationsForPairs = 16

    /// Hands an operation to another client, after that client's own operations: when the operation
    /// did not overlap them, the run keeps its race with one client fewer. Bounded like the pairs.
    static let mergeClients = ShrinkPass(name: "merge clients") { state in
        sweepOutline(&state) { outline, layout in
            let operations = outline.operations
            guard operations.count <= maximumOperationsForPairs else { return [] }
            let slots = outline.clientSlots
            // Sources with the fewest operations first: emptying one removes a client.
            let counts = Dictionary(grouping: operations, by: \.slot).mapValues(\.count)
            let sources = slots.sorted { (counts[$0] ?? 0, $0) < (counts[$1] ?? 0, $1) }
            return sources.flatMap { source in
                operations.filter { $0.slot == source }.flatMap { operation in
                    slots.filter { $0 != source }.flatMap { target in
                        [false, true].compactMap {
                            outline.movingOperation(
                                operation.operation, fromSlot: source, toSlot: target, layout: layout, keepingStart: $0)
                        }
                    }
                }
            }
        }
    }

    /// Makes calls answer as fast as they can (and draws no fault or random pick) — everywhere, then per
    /// client, then per operation — while the clients run in the same order.
    static let quietTransitions = ShrinkPass(name: "quiet transitions") { state in
        sweepOutline(&state) { outline, _ in
            let transitions = Set(outline.transitionChoices.keys).sorted { ($0.slot, $0.operation) < ($1.slot, $1.operation) }
            let slots = Array(Set(transitions.map(\.slot))).sorted()
            return [outline.quietingTransitions { _ in true }].compactMap { $0 }
                + slots.compactMap { slot in outline.quietingTransitions { $0.slot == slot } }
                + transitions.compactMap { one in outline.quietingTransitions { $0 == one } }
        }
    }

    /// Zeroes pauses, keys and kinds (a write becomes a read), one at a time, keeping the schedule.
    static let simplifyWorkloadChoices = ShrinkPass(name: "simplify workload choices") { state in
        sweepOutline(&state) { outline, layout in
            let pauses = layout.thinkIndices.compactMap { outline.settingPlanChoice($0, to: 0) }
            let keys = layout.keyIndices.compactMap { outline.settingPlanChoice($0, to: 0) }
            let kinds = (0..<layout.clients).flatMap { slot in
                (0..<layout.operationsPerClient).compactMap { operation -> RunOutline? in
                    let index = layout.kindIndex(slot: slot, operation: operation)
                    guard index < outline.planChoices.count, outline.planChoices[index] > 1 else { return nil }
                    return outline.settingPlanChoice(index, to: 1)
                }
            }
            return pauses + keys + kinds
        }
    }

    /// Turns a read into a write when that gives a shorter trace: two writers whose cache updates land
    /// in the other order race in four steps, a reader's refill and a writer in five. Kind `2` is a write
    /// when the workload has both kinds; where it has not, the replay reads the value as no operation.
    /// A write takes a step fewer than a refilling read, so each is also tried with the read's first
    /// step gone from the schedule, which keeps its later steps where they interleaved. Like
    /// `warmEntries`, an edit no lowering pass would find.
    static let readsToWrites = ShrinkPass(name: "reads to writes") { state in
        sweepOutline(&state) { outline, layout in
            (0..<layout.clients).flatMap { slot in
                let planned = (0..<layout.operationsPerClient).map { layout.kindIndex(slot: slot, operation: $0) }
                    .filter { $0 < outline.planChoices.count && outline.planChoices[$0] != 0 }
                let numbers = outline.keptOperations[slot] ?? Array(1...max(planned.count, 1))
                return zip(planned, numbers).filter { outline.planChoices[$0.0] == 1 }.flatMap { index, number -> [RunOutline] in
                    guard var write = outline.settingPlanChoice(index, to: 2) else { return [] }
                    let unshifted = write
                    if let first = write.schedule.firstIndex(of: RunOutline.Transition(slot: slot, operation: number)) {
                        write.schedule.remove(at: first)
                        return [write, unshifted]
                    }
                    return [unshifted]
                }
            }
        }
    }

    /// Moves each client to the lowest empty slot below its own, the run otherwise unchanged: the same
    /// trace from a shorter choice sequence (`RunOutline.movingClient`).
    static let lowerClientSlots = ShrinkPass(name: "lower client slots") { state in
        sweepOutline(&state) { outline, layout in
            let occupied = Set(outline.clientSlots)
            return outline.clientSlots.compactMap { slot in
                (0..<slot).first { !occupied.contains($0) }.flatMap { outline.movingClient(slot, toSlot: $0, layout: layout) }
            }
        }
    }

    /// Starts a key warm when that gives a shorter trace (a warm entry replaces a miss and its refill):
    /// positional passes only ever lower a choice, so they would never find it.
    static let warmEntries = ShrinkPass(name: "warm entries") { state in
        sweepOutline(&state) { outline, layout in
            guard layout.warmSpread > 0 else { return [] }
            let values = Array(Set([1, layout.warmSpread])).sorted()
            return layout.warmIndices.flatMap { index in values.compactMap { outline.settingPlanChoice(index, to: $0) } }
        }
    }
}
