import Dispatch

/// Checks a caching strategy: runs it on many seeds, evaluates every property on every run, shrinks the
/// first failing run of each violated property, and returns a `Report`.
///
/// ```swift
/// let report = Checker(strategy: CacheAside(ttl: 60), properties: [.convergence]).check()
/// print(report.holds)
/// ```
public struct Checker: Sendable {
    /// The strategy under test.
    public var strategy: any CachingStrategy
    /// The workload each run draws.
    public var workload: Workload
    /// What each run is checked against.
    public var properties: [Property]
    /// Faults, step budget and world invariants.
    public var simulation: SimulationOptions
    /// Which runs to explore and how to shrink failures.
    public var exploration: Exploration

    /// A checker; by default it checks convergence over seeds `0..<1000` of the default workload.
    public init(
        strategy: any CachingStrategy, workload: Workload = Workload(), properties: [Property] = [.convergence],
        simulation: SimulationOptions = SimulationOptions(), exploration: Exploration = Exploration()
    ) {
        self.strategy = strategy
        self.workload = workload
        self.properties = properties
        self.simulation = simulation
        self.exploration = exploration
    }

    /// The run drawn in full from `seed`.
    public func run(seed: UInt64) -> RunRecord {
        Simulation.run(
            strategy, workload: workload, choices: ChoiceSource(seed: seed), options: simulationWithPropertyChecks,
            policy: exploration.scheduler.policy(seed: seed, workload: workload))
    }

    /// The run a recorded choice sequence describes (from a `RunRecord`, or a decoded replay token).
    public func replay(_ choices: [Int]) -> RunRecord {
        Simulation.run(
            strategy, workload: workload, choices: ChoiceSource(replaying: choices), options: simulationWithPropertyChecks)
    }

    /// `simulation` plus the per-step checks the properties carry (user world invariants).
    var simulationWithPropertyChecks: SimulationOptions {
        guard properties.contains(where: { $0.worldInvariant != nil }) else { return simulation }
        var options = simulation
        options.worldInvariants += properties.compactMap(\.worldInvariant)
        return options
    }

    /// The run a replay token describes.
    public func replay(token: String) throws(ReplayToken.DecodingError) -> RunRecord {
        replay(try ReplayToken.decode(token))
    }

    /// Every property's evaluation of `run`, in `properties` order.
    public func evaluate(_ run: RunRecord) -> [PropertyEvaluation] {
        properties.map { $0.evaluate(run) }
    }

    /// Explores every seed, then shrinks the first failing run of each violated property.
    public func check() -> Report {
        if case .exhaustive(let search) = exploration.scheduler {
            return checkExhaustively(search).report
        }
        let seeds = exploration.selectedSeeds
        let jobs = max(1, min(exploration.jobs, seeds.count))
        let monitor = ExplorationMonitor(exploration, planned: seeds.count)
        let partials = UnsafeResultSlots<SeedRangeResult>(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            // Job j takes every jobs-th seed; merging is order-independent, so the report is the same
            // for every job count.
            var result = SeedRangeResult(propertyCount: properties.count)
            let checker = copyForJob()
            var index = job
            while index < seeds.count {
                if result.runFailure != nil || monitor?.isOutOfTime == true { break }
                let violated = checker.explore(seed: seeds[index], into: &result)
                monitor?.runFinished(violated: violated)
                index += jobs
            }
            partials[job] = result
        }
        var total = SeedRangeResult(propertyCount: properties.count)
        for job in 0..<jobs { total.merge(partials[job]!) }
        return makeReport(from: total)
    }

    /// A copy whose arrays and sets have storage of their own (`map` always allocates), so parallel jobs
    /// do not retain and release the same heap objects on every run: the reference counts would bounce
    /// between cores.
    func copyForJob() -> Checker {
        var copy = self
        copy.properties = properties.map { $0 }
        copy.simulation.faults = Set(simulation.faults.sorted())
        copy.simulation.worldInvariants = simulation.worldInvariants.map { $0 }
        return copy
    }

    /// Runs `seed` into `result`; returns whether some property was violated.
    private func explore(seed: UInt64, into result: inout SeedRangeResult) -> Bool {
        let record = run(seed: seed)
        result.runs += 1
        result.schedulingPoints += record.schedulingPoints
        if let failure = record.failure {
            result.runFailure = RunFailure(seed: seed, failure: failure, choices: record.choices)
            return false
        }
        var violated = false
        for (index, property) in properties.enumerated() {
            let evaluation = property.evaluate(record)
            result.measurements[index].add(evaluation.measurements)
            if evaluation.violation != nil {
                result.recordViolation(of: index, seed: seed)
                violated = true
            }
        }
        return violated
    }

    private func makeReport(from total: SeedRangeResult) -> Report {
        let propertyReports = properties.enumerated().map { index, property in
            let firstSeed = total.firstFailingSeeds[index]
            return PropertyReport(
                property, failingRuns: total.failingRuns[index], firstFailingSeed: firstSeed,
                measurements: total.measurements[index],
                counterexample: firstSeed.map { counterexample(property: index, seed: $0) })
        }
        var runFailure = total.runFailure
        if exploration.checkDeterminism, runFailure == nil {
            runFailure = total.firstFailingSeeds.compactMap { $0 }.uniqueSorted().lazy.compactMap(determinismFailure).first
        }
        return Report(
            strategyName: strategy.name, workload: workload, faults: simulation.faults.sorted(),
            scheduler: exploration.scheduler, seeds: exploration.selectedSeeds, runs: total.runs,
            schedulingPoints: total.schedulingPoints, properties: propertyReports, runFailure: runFailure)
    }

    /// Runs `seed` twice more and replays its choices (as FoundationDB and madsim do); if the three runs
    /// differ, the strategy depends on something outside the simulation that escape detection missed
    /// (global state, the system clock or random generator).
    func determinismFailure(seed: UInt64) -> RunFailure? {
        let first = run(seed: seed)
        let second = run(seed: seed)
        let replayed = replay(first.choices)
        guard first.history != second.history || first.history != replayed.history else { return nil }
        return RunFailure(seed: seed, failure: .nondeterministic(seed: seed), choices: first.choices)
    }

    /// The failing run of `seed`, shrunk against the property at `index` when shrinking is on.
    func counterexample(property index: Int, seed: UInt64) -> Counterexample {
        counterexample(property: index, original: run(seed: seed), seed: seed)
    }

    /// `original`, shrunk against the property at `index` when shrinking is on; `seed` is the one it was
    /// found with, if any.
    func counterexample(property index: Int, original: RunRecord, seed: UInt64?) -> Counterexample {
        let property = properties[index]
        let minimal: (run: RunRecord, attempts: Int)
        if exploration.shrink {
            let shrinker = Shrinker(attemptLimit: exploration.shrinkAttemptLimit, timeLimit: exploration.shrinkTimeLimit)
            minimal = shrinker.shrink(original) { candidate in
                candidate.failure == nil && property.evaluate(candidate).violation != nil
            } replay: { replay($0) }
        } else {
            minimal = (original, 0)
        }
        let violation = property.evaluate(minimal.run).violation ?? Violation("violated")
        return Counterexample(
            property: property.name, seed: seed, violation: violation, run: minimal.run,
            original: RunSize(original), shrinkAttempts: minimal.attempts)
    }
}

/// Per-job results, merged into the report in a way that does not depend on how seeds were split.
struct SeedRangeResult: Sendable {
    var runs = 0
    var schedulingPoints = 0
    var failingRuns: [Int]
    var firstFailingSeeds: [UInt64?]
    var measurements: [MeasurementSummary]
    var runFailure: RunFailure?

    init(propertyCount: Int) {
        failingRuns = Array(repeating: 0, count: propertyCount)
        firstFailingSeeds = Array(repeating: nil, count: propertyCount)
        measurements = Array(repeating: MeasurementSummary(), count: propertyCount)
    }

    mutating func recordViolation(of index: Int, seed: UInt64) {
        failingRuns[index] += 1
        if firstFailingSeeds[index].map({ seed < $0 }) ?? true { firstFailingSeeds[index] = seed }
    }

    mutating func merge(_ other: SeedRangeResult) {
        runs += other.runs
        schedulingPoints += other.schedulingPoints
        for index in failingRuns.indices {
            failingRuns[index] += other.failingRuns[index]
            if let seed = other.firstFailingSeeds[index] { recordFirst(index, seed) }
            measurements[index].merge(other.measurements[index])
        }
        if let failure = other.runFailure, runFailure.map({ failure.seed < $0.seed }) ?? true { runFailure = failure }
    }

    private mutating func recordFirst(_ index: Int, _ seed: UInt64) {
        if firstFailingSeeds[index].map({ seed < $0 }) ?? true { firstFailingSeeds[index] = seed }
    }
}

/// Slots that concurrent jobs each write once, read after they all finish.
final class UnsafeResultSlots<Element>: @unchecked Sendable {
    private var slots: [Element?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    subscript(index: Int) -> Element? {
        get { slots.withUnsafeBufferPointer { $0[index] } }
        set { slots.withUnsafeMutableBufferPointer { $0[index] = newValue } }
    }
}
