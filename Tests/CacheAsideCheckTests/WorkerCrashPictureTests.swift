import CacheAsideModels
import XCTest

@testable import CacheAsideCheck

/// A background worker's crash is the worker's event: the tailer of `cdc-invalidation` crashing and
/// restarting leaves every cache entry where it was, in the run model, the HTML timeline and the lanes.
/// (The HTML once drew any fault as a cache restart and ended every cache span at the crash.)
final class WorkerCrashPictureTests: XCTestCase {
    /// `cdc-invalidation` runs, seeded, with the client-crash fault that also reaches the tailer; only the
    /// runs in which the tailer crashed at least once, with the indices of its crashes.
    private static func runsWithAWorkerCrash(seeds: Range<UInt64>) -> [(seed: UInt64, run: RunRecord, crashes: [Int])] {
        let strategy = ModelCatalogue.entry(named: "cdc-invalidation")!.make(60)
        return seeds.compactMap { seed in
            let run = Simulation.run(
                strategy, workload: Workload(writeRatio: 0.8), choices: ChoiceSource(seed: seed),
                options: SimulationOptions(faults: [.clientCrash]))
            let crashes = run.history.events.indices.filter { index in
                let event = run.history.events[index]
                if case .fault = event.kind, event.worker != nil { return true }
                return false
            }
            return crashes.isEmpty ? nil : (seed, run, crashes)
        }
    }

    /// Whether event `index` of `run` changed what the cache held for `key`: a store or delete of it that
    /// took effect, or the cache's own restart.
    private static func changesTheCache(_ run: RunRecord, at index: Int, key: String) -> Bool {
        let event = run.history.events[index]
        switch event.kind {
        case .fault: return event.actor == nil
        case .step(let step):
            guard step.action.component == .cache, step.action.key?.description == key else { return false }
            switch step.outcome {
            case .fault, .silentlyDropped, .stored(false): return false
            default: return true
            }
        default: return false
        }
    }

    func testNoCacheSpanEndsAtATailerCrashUnlessTheCacheChangedThere() throws {
        let runs = Self.runsWithAWorkerCrash(seeds: 0..<600)
        XCTAssertGreaterThan(runs.count, 50, "the client-crash fault reaches the tailer often enough to judge")
        var endingAtACrash: [UInt64] = []
        for (seed, run, crashes) in runs {
            let model = RunModel(run)
            let timeline = Timeline(run: model)
            let cacheRows = Set(timeline.rows.indices.filter { timeline.rows[$0].kind == "cache" })
            var drewAnEndAtACrash = false
            for crash in crashes {
                let tick = run.history.events[crash].tick
                for span in model.cacheContents where span.until == tick {
                    // A span may end at the crash's tick only if its TTL ran out then or the cache changed.
                    let explained = span.untilEvent.map { Self.changesTheCache(run, at: $0, key: span.key) }
                        ?? (span.expiresAt == tick)
                    XCTAssertTrue(explained, "seed \(seed): cache \(span.key) = \(span.value) ends at the crash, event \(crash)")
                    if span.untilEvent == crash { drewAnEndAtACrash = true }
                }
                // The HTML: no cache span is drawn ending at the crash by an event (only an expiry may).
                for bar in timeline.bars where cacheRows.contains(bar.row) && bar.to == crash {
                    XCTAssertTrue(bar.details.contains("expired at"), "seed \(seed): \(bar.details)")
                    if !bar.details.contains("expired at") { drewAnEndAtACrash = true }
                }
                // The lanes: the crash is in the tailer's lane, and its row's cache column says nothing.
                XCTAssertEqual(model.events[crash].actor, "tailer")
                XCTAssertNil(model.events[crash].cacheEffect, "seed \(seed)")
                let row = LaneDiagram.laneText(model.events[crash])
                XCTAssertTrue(row.hasPrefix("⚡ "), "seed \(seed): \(row)")
            }
            if drewAnEndAtACrash { endingAtACrash.append(seed) }
        }
        XCTAssertEqual(endingAtACrash, [], "\(endingAtACrash.count) of \(runs.count) runs with a tailer crash drew a span ending at it")
    }
}
