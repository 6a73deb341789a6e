/// Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi & Nagarakatte, "A randomized
/// scheduler with probabilistic guarantees of finding bugs", ASPLOS 2010).
///
/// Each client gets a random distinct priority, and `depth − 1` change points are drawn among the first
/// `estimatedLength` contested scheduling points; the highest-priority runnable client always runs, and
/// at change point `i` the client that ran last drops to priority `i`, below every initial priority. A
/// bug that needs `d` ordering constraints between `n` clients over `k` steps is then found with
/// probability at least `1 / (n·k^(d−1))` per run, whereas uniform random scheduling can be exponentially
/// worse: a deep race that random scheduling finds once in thousands of runs PCT finds in a few hundred.
///
/// Between change points nobody is preempted, so a run preempts at most `depth − 1` times (plus any
/// wake-ups of sleeping or lock-waiting clients with a higher priority). The randomness comes from the
/// generator `pick` is handed, so a seed fixes the run; replaying never consults the policy.
package struct PCTScheduling: SchedulingPolicy {
    /// The bug depth the run is aimed at: `depth − 1` priority change points.
    package let depth: Int
    /// The number of contested scheduling points a run is expected to have (the paper's `k`).
    package let estimatedLength: Int

    /// Clients at their initial priority, highest first; a client joins at a uniformly random place the
    /// first time it is runnable, which makes the order a uniformly random permutation.
    private var initialOrder: [ClientID] = []
    /// Clients lowered at a change point, with the priority they dropped to (all below `initialOrder`).
    private var lowered: [ClientID: Int] = [:]
    /// The contested point at which each change point fires, and the priority it sets (the paper's `i`).
    private var changePoints: [(point: Int, priority: Int)] = []
    private var points = 0
    private var started = false

    /// A PCT policy for bugs of depth `depth` in runs of about `estimatedLength` contested points.
    package init(depth: Int, estimatedLength: Int) {
        precondition(depth >= 1, "PCT needs a depth of at least 1")
        self.depth = depth
        self.estimatedLength = max(1, estimatedLength)
    }

    /// A PCT policy whose run-length estimate comes from the workload: one contested point per operation.
    /// Runs have two or three times as many, so this deliberately crowds the change points into the first
    /// half of a run, where cache races start (a reader's miss, a writer's first step); measured with
    /// `cacheaside-benchmarks pct-sweep`, it finds the slowest documented violations 1.5–4× sooner than
    /// the full length does.
    package init(depth: Int, workload: Workload) {
        self.init(depth: depth, estimatedLength: workload.clients * workload.operationsPerClient)
    }

    /// The runnable client with the highest priority, after lowering the running client's priority if
    /// this step is one of the change points.
    package mutating func pick(among runnable: [ClientID], lastRun: ClientID?, rng: inout SplitMix64) -> ClientID {
        if !started {
            started = true
            drawChangePoints(&rng)
        }
        for client in runnable where lowered[client] == nil && !initialOrder.contains(client) {
            initialOrder.insert(client, at: rng.below(initialOrder.count + 1))
        }
        points += 1
        if let lastRun, let change = changePoints.first(where: { $0.point == points }) {
            initialOrder.removeAll { $0 == lastRun }
            lowered[lastRun] = change.priority
        }
        if let top = initialOrder.first(where: runnable.contains) { return top }
        return runnable.max { (lowered[$0] ?? 0) < (lowered[$1] ?? 0) }!
    }

    /// `depth − 1` distinct points in `1...estimatedLength` (fewer if the estimate is shorter: a deeper
    /// policy stops once every point is taken, instead of counting to its depth), each with its own
    /// priority `1…depth−1`, as the paper draws them.
    private mutating func drawChangePoints(_ rng: inout SplitMix64) {
        var available = Array(1...estimatedLength)
        for priority in 1..<depth {
            guard !available.isEmpty else { break }
            let point = available.remove(at: rng.below(available.count))
            changePoints.append((point, priority))
        }
    }
}
