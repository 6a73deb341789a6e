import CacheAsideCheck
import CacheAsideEngine
import CacheAsideModels
import XCTest

/// Measures are figures beside the verdicts: filed by id, summed exactly over every run whatever the job
/// count, and without any effect on what the properties say.
final class MeasureTests: XCTestCase {
    private let databaseWrites = Measure("database writes") { run in
        [run.history.steps.count { if case .databaseWrite = $0.step.action { true } else { false } }]
    }
    private let readsPerRun = Measure("reads") { run in [run.history.operations.count { $0.operation.isRead }] }

    private func checker(jobs: Int, measures: [Measure]) -> Checker {
        var checker = Checker(
            strategy: CacheAside(ttl: 8), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
            properties: [.convergence, .staleness(bound: 8)], exploration: Exploration(seeds: 0..<150, jobs: jobs))
        checker.measures = measures
        return checker
    }

    /// The oracle: each seed's run drawn alone, its figures added up by hand.
    func testFiguresAreTheSumOverEveryRunAtAnyJobCount() {
        let lone = checker(jobs: 1, measures: [databaseWrites, readsPerRun])
        var writes = 0
        var reads = 0
        for seed in UInt64(0)..<150 {
            let run = lone.run(seed: seed)
            writes += databaseWrites.measure(run).reduce(0, +)
            reads += readsPerRun.measure(run).reduce(0, +)
        }
        XCTAssertGreaterThan(writes, 0)
        for jobs in [1, 2] {
            let report = checker(jobs: jobs, measures: [databaseWrites, readsPerRun]).check()
            XCTAssertEqual(report.measures["database writes"]?.total, writes, "jobs \(jobs)")
            XCTAssertEqual(report.measures["reads"]?.total, reads, "jobs \(jobs)")
            XCTAssertEqual(report.measures["database writes"]?.count, 150, "one figure per run")
            XCTAssertEqual(Set(report.measures.keys), ["database writes", "reads"])
        }
    }

    func testMeasuresChangeNoVerdict() {
        let plain = checker(jobs: 1, measures: []).check()
        let measured = checker(jobs: 1, measures: [databaseWrites, readsPerRun]).check()
        XCTAssertTrue(plain.measures.isEmpty)
        XCTAssertEqual(measured.properties.map(\.id), ["convergence", "staleness"])
        XCTAssertEqual(measured.properties.map(\.label), ["convergence", "staleness ≤ 8"])
        XCTAssertEqual(measured.properties.map(\.verdict), plain.properties.map(\.verdict))
        XCTAssertEqual(measured.properties.map(\.failingRuns), plain.properties.map(\.failingRuns))
        XCTAssertEqual(measured.outcome, plain.outcome)
    }

    /// A built-in property or shared measure whose closure a caller replaces runs the replacement: the
    /// tally's shared analyses (`RunAnalyses`) must never outlive the evaluation they were made for.
    func testAReplacedEvaluationOrMeasureIsTheOneThatRuns() {
        var stampede = Property.stampede(limit: 1, cause: nil)
        stampede.evaluate = { _ in Property.Evaluation(violation: Violation("always")) }
        var figure = DatabaseStaleness.measures[0]
        figure.measure = { _ in [7] }
        var checker = Checker(
            strategy: CacheAside(ttl: 8), workload: Workload(clients: 2, operationsPerClient: 1),
            properties: [stampede], exploration: Exploration(seeds: 0..<20, jobs: 1, shrink: false))
        checker.measures = [figure]
        let report = checker.check()
        XCTAssertEqual(report.properties.first?.failingRuns, 20)
        XCTAssertEqual(report.measures[figure.id]?.total, 7 * 20)
    }

    /// The shared analyses give the same verdicts and figures as evaluating each property and measure on
    /// its own, run by run.
    func testSharedAnalysesAgreeWithLoneEvaluations() {
        let properties: [Property] = [.stampede(limit: 1, cause: nil), .stalenessAgainstDatabase(bound: 4)]
        let measures = DatabaseStaleness.measures
        let lone = checker(jobs: 1, measures: [])
        for seed in UInt64(0)..<60 {
            let run = lone.run(seed: seed)
            var tally = ExplorationTally(propertyCount: properties.count, measureCount: measures.count)
            _ = tally.add(run, origin: RunOrigin(order: seed, seed: seed), properties: properties, measures: measures)
            for (index, property) in properties.enumerated() {
                let alone = property.evaluate(run)
                XCTAssertEqual(tally.properties[index].failingRuns, alone.violation == nil ? 0 : 1, "seed \(seed)")
                XCTAssertEqual(tally.properties[index].measurements.total, alone.measurements.reduce(0, +), "seed \(seed)")
            }
            for (index, measure) in measures.enumerated() {
                XCTAssertEqual(tally.measures[index].total, measure.measure(run).reduce(0, +), "seed \(seed)")
            }
        }
    }
}

/// The built-in table is the one place a property's id is spelled: each row makes a property with that id,
/// whatever its parameters, and the label carries the parameter.
final class BuiltInPropertiesTests: XCTestCase {
    func testEveryRowMakesAPropertyWithItsOwnId() {
        for (bound, limit) in [(Ticks?.none, 1), (60, 3)] {
            let parameters = BuiltInProperties.Parameters(stalenessBound: bound, stampedeLimit: limit)
            for id in BuiltInProperties.ids {
                XCTAssertEqual(BuiltInProperties.property(id, parameters)?.id, id)
            }
            XCTAssertEqual(
                BuiltInProperties.property("stampede", parameters)?.label, "stampede ≤ \(limit)")
        }
        XCTAssertEqual(BuiltInProperties.property("staleness", .init(stalenessBound: 60, stampedeLimit: 1))?.label, "staleness ≤ 60")
        XCTAssertNil(BuiltInProperties.property("stalenes", .init(stalenessBound: nil, stampedeLimit: 1)))
    }
}
