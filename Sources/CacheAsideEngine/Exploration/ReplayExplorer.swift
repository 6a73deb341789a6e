/// Replay: the one run a recorded choice sequence describes (from a counterexample or a replay token).
package struct ReplayExplorer: Explorer {
    private let choices: [Int]
    private var done = false

    package init(choices: [Int]) { self.choices = choices }

    package var plannedRuns: Int? { 1 }
    package var tracesSchedules: Bool { false }

    package mutating func nextRun() -> RunRequest? {
        guard !done else { return nil }
        done = true
        return RunRequest(
            origin: RunOrigin(order: 0, seed: nil), choices: ChoiceSource(replaying: choices),
            policy: RandomScheduling())
    }

    package mutating func observe(_ record: RunRecord, of request: RunRequest) -> Bool { true }
}
