import CacheAsideModels
import XCTest

import CacheAsideCheck
@testable import CacheAsideRendering

/// The lanes and the HTML timeline fold the clients the run model folds (`RunModel.Folding`), so a
/// crowded run puts the same clients aside in both; the lanes fold more only to fit a width, and then
/// the least involved first.
final class FoldingAgreementTests: XCTestCase {
    /// Crowded runs: 64 clients, a few operations each, on a few keys.
    private static func crowdedModels() -> [RunModel] {
        let strategy = ModelCatalogue.entry(named: "cache-aside")!.make(60)
        return (0..<5 as Range<UInt64>).map { seed in
            RunModel(Simulation.run(
                strategy, workload: Workload(clients: 64, operationsPerClient: 2, keys: 2),
                choices: ChoiceSource(seed: seed)))
        }
    }

    /// The actors the lanes give a column of their own, read from their header.
    private static func columns(ofLanes lanes: String, in model: RunModel) throws -> [String] {
        let header = try XCTUnwrap(lanes.split(separator: "\n").first { $0.hasPrefix("tick") })
        let cells = header.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
        return cells.filter { model.actors.contains($0) }
    }

    /// The actors whose rows the timeline starts folded.
    private static func foldedRows(_ model: RunModel) -> [String] {
        Timeline(run: model).rows.filter(\.folded).map(\.label)
    }

    func testLanesAndTimelineFoldTheSameClientsOfACrowdedRun() throws {
        for model in Self.crowdedModels() {
            XCTAssertEqual(model.actors.count, 64)
            let htmlFolded = Self.foldedRows(model)
            XCTAssertFalse(htmlFolded.isEmpty, "64 clients cannot all act near the last event")
            XCTAssertEqual(htmlFolded, model.folding.folded)
            let lanes = LaneDiagram.render(model, width: nil)
            let shown = try Self.columns(ofLanes: lanes, in: model)
            XCTAssertEqual(Set(model.actors).subtracting(shown), Set(htmlFolded), lanes)
            XCTAssertTrue(
                lanes.contains("\(LaneDiagram.describe(actors: htmlFolded)) share the 'others' column (idle near the marked row)"))
        }
    }

    func testLanesFittingAWidthFoldTheModelsClientsAndThenTheLeastInvolved() throws {
        for model in Self.crowdedModels() {
            let lanes = LaneDiagram.render(model, width: LaneDiagram.defaultWidth)
            let shown = try Self.columns(ofLanes: lanes, in: model)
            let folded = Set(model.actors).subtracting(shown)
            XCTAssertTrue(folded.isSuperset(of: model.folding.folded), lanes)
            // What earns a column is a prefix of the model's ranking of the clients it keeps open.
            let open = model.folding.byInvolvement.filter { !model.folding.folded.contains($0) }
            XCTAssertEqual(Set(shown), Set(open.prefix(shown.count)), lanes)
            XCTAssertTrue(lanes.split(separator: "\n").allSatisfy { $0.count <= LaneDiagram.defaultWidth }, lanes)
        }
    }

    func testARunOfEightClientsFoldsNone() {
        let plan = WorkloadPlan(operations: Array(repeating: [.read(Key(1))], count: 8))
        let run = Simulation.run(CacheAside(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        let model = RunModel(run)
        XCTAssertEqual(model.actors.count, 8)
        XCTAssertEqual(model.folding.folded, [])
        XCTAssertEqual(Self.foldedRows(model), [])
        XCTAssertFalse(LaneDiagram.render(model).contains("others"))
    }
}
