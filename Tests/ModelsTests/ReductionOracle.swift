import CacheAsideCheck
import CacheAsideModels

/// The brute-force side of the reduction check: everything an exhaustive search reached, with or without
/// sleep sets, as values that can be compared.
///
/// An *outcome* is what a run's users could tell apart: every client's operations with what each
/// returned (or that it failed or crashed), and the world once quiet — each key's live cache entry with
/// its expiry, and its database row, and each host's live local entries. Ticks of individual steps are left out on purpose: they are what
/// the reduction may move, and a property that reads them says so (`ScheduleSensitivity`), which pins
/// them or turns the reduction off; the property verdicts compared beside the outcomes check that.
struct ReductionOracle {
    /// The distinct outcomes and every property's verdict, from one search.
    struct Result: Equatable {
        var outcomes: Set<String>
        var verdicts: [String]
        var schedules: Int
    }

    let checker: Checker

    /// Searches every schedule of the checker's workload, with `reduction` on or off, to the end; `nil`
    /// when that takes more than `limit` schedules (the configuration is too big to compare here).
    func search(reduction: Bool, limit: Int = .max) -> Result? {
        let search = Exploration.ExhaustiveSearch(reduction: reduction, stopWhenEveryPropertyIsViolated: false)
        var explorer = checker.exhaustiveExplorer(search)
        var outcomes = Set<String>()
        var violated = Array(repeating: false, count: checker.properties.count)
        var undecided = violated
        var schedules = 0
        while let request = explorer.nextRun() {
            let record = Simulation.run(
                checker.strategy, workload: checker.workload, choices: request.choices, options: checker.simulation,
                policy: request.policy, tracesSchedule: true)
            guard explorer.observe(record, of: request) else { continue }
            schedules += 1
            if schedules > limit { return nil }
            outcomes.insert(Self.outcome(of: record))
            for (index, evaluation) in checker.evaluate(record).enumerated() {
                if evaluation.violation != nil { violated[index] = true }
                if evaluation.undecided != nil { undecided[index] = true }
            }
        }
        let verdicts = checker.properties.indices.map { index in
            "\(checker.properties[index].label): " + (violated[index] ? "violated" : undecided[index] ? "undecided" : "holds")
        }
        return Result(outcomes: outcomes, verdicts: verdicts, schedules: schedules)
    }

    /// The run as its users could tell it from another: see the type's comment.
    static func outcome(of run: RunRecord) -> String {
        if let failure = run.failure { return "failed: \(failure)" }
        var perClient: [Int: [String]] = [:]
        for operation in run.history.operations {
            let ending: String
            switch operation.ending {
            case .returned: ending = operation.operation.isRead ? "\(operation.result.map { "\($0)" } ?? "none")" : "ok"
            case .failed: ending = "failed"
            case .crashed: ending = "crashed"
            case .unfinished: ending = "unfinished"
            }
            perClient[operation.client.number, default: []].append("\(operation.operation)→\(ending)")
        }
        let clients = perClient.keys.sorted().map { "c\($0): " + perClient[$0]!.joined(separator: ", ") }
        let world = run.finalWorld
        let keys = world.keys.map { key -> String in
            let entry = world.cache.entry(key, at: world.now)
            let cached = entry.map { "\($0.value)" + ($0.expiresAt.map { "@\($0)" } ?? "") } ?? "-"
            return "\(key) cache \(cached) db \(world.database.read(key).map { "\($0)" } ?? "none")"
        }
        // Each host's live local entries, for runs that keep any (none otherwise, so outcomes without
        // local caches read as before).
        let locals = world.localCaches.enumerated().compactMap { host, local -> String? in
            let live = local.liveKeys(at: world.now)
            guard !live.isEmpty else { return nil }
            return "h\(host + 1) local " + live.map { key in
                let entry = local.entry(key, at: world.now)!
                return "\(key)=\(entry.value!)" + (entry.expiresAt.map { "@\($0)" } ?? "")
            }.joined(separator: ",")
        }
        return (clients + keys + locals).joined(separator: " | ")
    }
}
