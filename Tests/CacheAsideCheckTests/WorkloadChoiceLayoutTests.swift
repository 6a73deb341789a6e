import CacheAsideCheck
import XCTest

/// The shrinker edits a workload's choices where `WorkloadChoiceLayout` says they are; the layout must be
/// where `WorkloadPlan(drawing:from:)` reads them, for every combination of knobs that adds a choice.
final class WorkloadChoiceLayoutTests: XCTestCase {
    func testTheLayoutIsWhereThePlanDrawsEachChoice() {
        for keys in [1, 3] {
            for thinkTime: ClosedRange<Ticks> in [0...0, 2...9] {
                for warmStart: Ticks? in [nil, 5] {
                    let workload = Workload(
                        clients: 3, operationsPerClient: 2, keys: keys, thinkTime: thinkTime, warmStart: warmStart)
                    let layout = WorkloadChoiceLayout(workload)
                    let context = "keys \(keys), think \(thinkTime), warm \(String(describing: warmStart))"
                    var choices = Array(repeating: 0, count: layout.warmIndices.upperBound)
                    // One read, by slot 1 in its second operation slot, on the last key, after a pause of 3.
                    choices[layout.kindIndex(slot: 1, operation: 1)] = 1
                    if let keyOffset = layout.keyOffset { choices[layout.kindIndex(slot: 1, operation: 1) + keyOffset] = keys - 1 }
                    if let thinkOffset = layout.thinkOffset { choices[layout.kindIndex(slot: 1, operation: 1) + thinkOffset] = 3 }
                    for index in layout.warmIndices { choices[index] = 4 }
                    var source = ChoiceSource(replaying: choices)
                    let plan = WorkloadPlan(drawing: workload, from: &source)
                    XCTAssertEqual(source.recorded.count, layout.warmIndices.upperBound, context)
                    XCTAssertEqual(plan.operations.map(\.count), [0, 1, 0], context)
                    XCTAssertEqual(plan.operations[1].first, .read(Key(keys)), context)
                    XCTAssertEqual(plan.thinkTimes.isEmpty ? 0 : plan.thinkTimes[1][0], layout.thinkOffset == nil ? 0 : 5, context)
                    XCTAssertEqual(plan.warmEntries.count, warmStart == nil ? 0 : keys, context)
                }
            }
        }
    }
}
