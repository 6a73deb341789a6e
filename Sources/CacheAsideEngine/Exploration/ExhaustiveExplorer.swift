/// Exhaustive search: every schedule of one workload, depth first, by stateless model checking — each
/// schedule is a choice sequence replayed from the start (Godefroid, "Model checking for programming
/// languages using VeriSoft", POPL 1997), so no world state is ever saved or restored.
///
/// The search tree is the choice tree. A choice that picks a client branches over the clients that could
/// run; every other choice (a fault, a strategy's `env.random`, with `allWorkloads` the workload itself)
/// branches over its whole range `0..<bound`, so faults are enumerated like everything else. A replayed
/// prefix reads `0` past its end, which is the first branch everywhere: one replay explores one new leaf.
///
/// Two prunings, both optional:
/// - **Sleep sets** (Godefroid 1996): after exploring client `p` at a node, `p` sleeps in the siblings
///   explored later, and stays asleep until a transition dependent on its own runs (`StepIndependence`,
///   with what `p`'s transition did there: `TransitionEffects`, gathered over every run below it). A
///   schedule that would run a sleeping client is equivalent to one already explored, so it is cut.
///   Faults inside a step are variants of that step and leave its footprint unchanged, so they need no
///   special care. A cache restart or a clock jump between steps changes what every later step sees, so
///   it wakes every sleeper (`SchedulingPoint.worldChangedBefore`); a restart of an empty cache changes
///   nothing and is not even a choice. Sleep sets are used only when every reported property is blind
///   to the order of commuting transitions (`ScheduleSensitivity`) and time moves one tick per step
///   (`ReductionWaiver` names what turned them off).
/// - **Preemption bounding** (Musuvathi & Qadeer, PLDI 2007): a schedule that switches away from a
///   client that could have gone on more than `preemptionBound` times is cut. A bounded search is never
///   a proof over every schedule, and combined with sleep sets it may even skip a bounded schedule whose
///   only equivalents need more preemptions (Coons, Musuvathi & McKinley, OOPSLA 2013), so the report
///   says "no violation among the schedules explored" (`SearchStatistics.isProof` is false); without a
///   bound the search is complete.
package struct ExhaustiveExplorer: Explorer {
    let search: Exploration.ExhaustiveSearch

    /// One choice on the current path.
    private struct Node: Sendable {
        /// The recorded value (for a scheduling choice, the picked client's offset).
        var value: Int
        var bound: Int
        /// For a scheduling choice: the point, and the clients asleep there (asleep on arrival, plus the
        /// siblings already explored).
        var point: SchedulingPoint?
        var asleep: [SchedulingPoint.Candidate] = []
        /// Preemptions on the path before this node.
        var preemptionsBefore = 0
        /// What the transition of the branch being explored did, over every run below it so far; the
        /// branch sleeps with these effects once it is done.
        var exploredEffects: TransitionEffects = []
    }

    /// What walking a replayed run along the path found.
    private enum Walk {
        /// The run is a new schedule.
        case leaf
        /// The run went past the path into a sleeping or over-bound client; the path now ends with a
        /// better pick there, to be replayed.
        case redirected
        /// Every client that could run is asleep or over the bound: nothing new below this path.
        case blocked
        /// The replay did not follow its own prefix: the strategy is not deterministic.
        case diverged
    }

    private var path: [Node] = []
    /// Choices fixed before the search: the workload drawn from the seed (empty with `allWorkloads`).
    private let frozen: [Int]
    private let workloadSeed: UInt64?
    private let reduces: Bool
    /// What the reported properties can see of a schedule (the most any of them sees).
    private let sensitivity: ScheduleSensitivity
    /// Whether `cache-restart` may fire (it changes which steps commute).
    private let cacheRestarts: Bool
    private var statistics: SearchStatistics
    private var finished = false
    package private(set) var stop = ExplorationSummary.Stop.completed

    /// A search over the schedules of the workload `seed` draws (or of every workload, per `search`).
    /// - Parameters:
    ///   - cacheRestarts: whether `cache-restart` may fire (it changes which steps commute).
    ///   - sensitivity: what the reported properties can see of a schedule.
    ///   - waiver: why sleep sets must not be used, if they must not (`search.reduction` off included).
    ///   - faultBound: the faults per schedule the runs are limited to, when faults are enabled (for the
    ///     report: the runs themselves are limited by `SimulationOptions.faultLimit`).
    package init(
        search: Exploration.ExhaustiveSearch, workload: Workload, seed: UInt64, cacheRestarts: Bool,
        sensitivity: ScheduleSensitivity, waiver: ReductionWaiver?, faultBound: Int? = nil
    ) {
        self.search = search
        self.cacheRestarts = cacheRestarts
        if search.allWorkloads {
            frozen = []
            workloadSeed = nil
        } else {
            var source = ChoiceSource(seed: seed)
            _ = WorkloadPlan(drawing: workload, from: &source)
            frozen = source.recorded
            workloadSeed = seed
        }
        reduces = waiver == nil
        self.sensitivity = sensitivity
        statistics = SearchStatistics(preemptionBound: search.preemptionBound, reduction: reduces)
        statistics.waiver = waiver
        statistics.faultBound = faultBound
    }

    package var plannedRuns: Int? { nil }
    package var tracesSchedules: Bool { true }
    package var searchStatistics: SearchStatistics? { statistics }

    package mutating func nextRun() -> RunRequest? {
        guard !finished else { return nil }
        return RunRequest(
            origin: RunOrigin(order: UInt64(statistics.schedules), seed: workloadSeed),
            choices: ChoiceSource(replaying: frozen + path.map(\.value)), policy: RandomScheduling())
    }

    package mutating func observe(_ record: RunRecord, of request: RunRequest) -> Bool {
        statistics.replays += 1
        switch walk(record, record.schedule ?? []) {
        case .redirected: return false
        case .diverged:
            stop = .nondeterministic
            finished = true
            return false
        case .blocked:
            finished = !backtrack()
            return false
        case .leaf:
            statistics.schedules += 1
            finished = !backtrack()
            return true
        }
    }

    package mutating func tallied(everyPropertyViolated: Bool) {
        if everyPropertyViolated, search.stopWhenEveryPropertyIsViolated, !finished {
            finished = true
            stop = .everyPropertyViolated
        }
    }

    // MARK: Walking a replayed run

    /// Follows `record` along the path, adding a node for every choice past its end, and computes the
    /// sleep set and preemptions at every scheduling point (including those where one client could run).
    private mutating func walk(_ record: RunRecord, _ trace: [SchedulingPoint]) -> Walk {
        guard record.choices.count >= frozen.count, Array(record.choices.prefix(frozen.count)) == frozen else {
            return .diverged
        }
        var asleep: [SchedulingPoint.Candidate] = []
        var preemptions = 0
        var choice = frozen.count
        var pointIndex = 0
        while true {
            let nextPoint = pointIndex < trace.count ? trace[pointIndex] : nil
            // A point where only one client could run draws no choice; it comes before choice number
            // `choicesBefore`, and its step can still wake sleepers or be a sleeper itself.
            if let point = nextPoint, point.worldChangedBefore, point.choicesBefore <= choice { asleep = [] }
            if let point = nextPoint, !point.isChoice, point.choicesBefore <= choice {
                pointIndex += 1
                let only = point.candidates[0]
                if asleep.contains(where: { $0.slot == only.slot }) {
                    statistics.prunedBySleepSets += 1
                    return .blocked
                }
                asleep = reduces ? asleep.filter { independent($0, point.ran) } : []
                continue
            }
            guard choice < record.choices.count else { break }
            let depth = choice - frozen.count
            let isScheduling = nextPoint.map { $0.isChoice && $0.choicesBefore == choice } ?? false
            if depth == path.count {
                if isScheduling {
                    let point = nextPoint!
                    var node = Node(value: 0, bound: record.choiceBounds[choice], point: point)
                    node.asleep = asleep
                    node.preemptionsBefore = preemptions
                    let allowed = point.candidates.filter { isAllowed($0, in: node) }
                    statistics.prunedBySleepSets += point.candidates.count(where: { isAsleep($0, in: node) })
                    statistics.prunedByPreemptionBound += point.candidates.count(where: {
                        !isAsleep($0, in: node) && !isAllowed($0, in: node)
                    })
                    guard let first = allowed.min(by: { point.offset(of: $0.slot) < point.offset(of: $1.slot) }) else {
                        return .blocked
                    }
                    node.value = point.offset(of: first.slot)
                    path.append(node)
                    if first.slot != point.chosen { return .redirected }
                } else {
                    path.append(Node(value: record.choices[choice], bound: record.choiceBounds[choice]))
                }
            }
            let node = path[depth]
            guard node.bound == record.choiceBounds[choice] else { return .diverged }
            if let point = node.point {
                guard isScheduling, let next = nextPoint, next.chosen == point.chosen(offset: node.value) else {
                    return .diverged
                }
                pointIndex += 1
                let ran = next.ran
                path[depth].exploredEffects.formUnion(ran.effects)
                if point.isPreemption(ran.slot) { preemptions += 1 }
                asleep = reduces ? node.asleep.filter { independent($0, ran) } : []
            } else {
                guard !isScheduling, node.value == record.choices[choice] else { return .diverged }
            }
            choice += 1
        }
        return pointIndex == trace.count ? .leaf : .diverged
    }

    private func independent(_ sleeper: SchedulingPoint.Candidate, _ ran: SchedulingPoint.Candidate) -> Bool {
        StepIndependence.independent(sleeper, ran, cacheRestarts: cacheRestarts, sensitivity: sensitivity)
    }

    private func isAsleep(_ candidate: SchedulingPoint.Candidate, in node: Node) -> Bool {
        node.asleep.contains { $0.slot == candidate.slot }
    }

    /// Whether the search may run `candidate` at `node`: it is awake and within the preemption bound.
    private func isAllowed(_ candidate: SchedulingPoint.Candidate, in node: Node) -> Bool {
        guard !isAsleep(candidate, in: node), let point = node.point else { return false }
        guard let bound = search.preemptionBound, point.isPreemption(candidate.slot) else { return true }
        return node.preemptionsBefore < bound
    }

    // MARK: Backtracking

    /// Moves the path to the next unexplored branch, depth first; returns false when there is none.
    private mutating func backtrack() -> Bool {
        while var node = path.popLast() {
            if let point = node.point {
                // The branch just explored sleeps in its later siblings (and also marks it done), with what
                // its transition did in any run below.
                var explored = point.candidates.first { $0.slot == point.chosen(offset: node.value) }!
                explored.effects = node.exploredEffects
                node.exploredEffects = []
                node.asleep.append(explored)
                let next = point.candidates.filter { isAllowed($0, in: node) }
                    .min { point.offset(of: $0.slot) < point.offset(of: $1.slot) }
                if let next {
                    node.value = point.offset(of: next.slot)
                    path.append(node)
                    return true
                }
            } else if node.value + 1 < node.bound {
                node.value += 1
                path.append(node)
                return true
            }
        }
        return false
    }
}

extension SchedulingPoint {
    /// The slot a scheduling choice of `offset` picks here: the first candidate at or after it.
    func chosen(offset: Int) -> Int {
        var slot = ((lastRun ?? 0) + offset) % slotCount
        while !candidates.contains(where: { $0.slot == slot }) { slot = (slot + 1) % slotCount }
        return slot
    }
}
