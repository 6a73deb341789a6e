import CacheAsideLinearizability

extension Property {
    /// Linearizability of client operations, per key, as a read/write register: some order of the
    /// operations respects real time and every read returns the latest write before it in that order.
    ///
    /// Operations that threw an injected fault or whose client crashed may have taken effect at any point
    /// after they began, or never. The search is bounded by counted limits (`stepLimit` search steps and
    /// `memoryLimit` bytes of memo per key), never by time, so the evaluation is the same on every
    /// machine; a search that runs out is *undecided* (`Property.Evaluation.undecided`), not holding. The
    /// defaults decide a 64-client × 100-operation run of the default workload in well under a second.
    public static func linearizability(
        stepLimit: Int = LinearizabilityChecker.defaultStepLimit,
        memoryLimit: Int = LinearizabilityChecker.defaultMemoryLimit
    ) -> Property {
        Property(id: "linearizability", sensitivity: .orderOfConflictingSteps) { run in
            let operations = run.history.operations
            // Unlabelled: a label is a sentence's worth of string building per operation, and only a
            // violation's own operations are ever shown (`labelled`).
            var registerOperations: [RegisterOperation] = []
            registerOperations.reserveCapacity(operations.count)
            for operation in operations {
                if let register = RegisterOperation(simulated: operation, labelled: false) { registerOperations.append(register) }
            }
            let checker = LinearizabilityChecker(stepLimit: stepLimit, memoryLimit: memoryLimit)
            // A key the workload starts absent begins as "no row", which reads record as -1.
            let absent = run.plan.absentKeys
            // Most workloads have none, and hashing a key per operation showed up in profiles.
            let initial: (Int) -> Int = absent.isEmpty ? { _ in 0 } : { absent.contains(Key($0)) ? -1 : 0 }
            switch checker.check(registerOperations, initialValue: initial) {
            case .linearizable:
                return .holds
            case .unknown(let limit):
                return Property.Evaluation(undecided: "the linearizability search ran out of its \(limit)")
            case .violation(var violation):
                violation.operation.labelFromProcess()
                for index in violation.longestLinearizablePrefix.indices {
                    violation.longestLinearizablePrefix[index].labelFromProcess()
                }
                return Property.Evaluation(
                    violation: Violation(
                        explain(violation, operations: operations, history: run.history),
                        eventIndex: violation.operation.returnedAt))
            }
        }
    }

    /// Linearizability with the default counted limits.
    public static let linearizability = linearizability()

    /// The old wall-clock form: a verdict must not depend on the machine, so the time limit is ignored
    /// and the counted defaults apply.
    @available(*, deprecated, message: "Limits are counted now: use linearizability(stepLimit:memoryLimit:)")
    public static func linearizability(timeLimit: Duration) -> Property { linearizability() }
}

/// The violation in the run's own terms: for a stale read, which completed write it missed and the steps
/// that write took ("client 2's read of k1 at t6 returned v0, but client 1's write of v1 had completed at
/// t4: db.write at t3, cache.delete at t4"); otherwise the checker's own sentence.
private func explain(_ violation: LinearizabilityViolation, operations: [History.Operation], history: History) -> String {
    // Two look-ups per violation: a scan, not a table of every operation.
    func invoked(at index: Int) -> History.Operation? { operations.first { $0.invokeIndex == index } }
    guard let reader = invoked(at: violation.operation.invokedAt), case .read(let key) = reader.operation,
        let writerOperation = violation.lastWriter, let writer = invoked(at: writerOperation.invokedAt),
        case .write(_, let written) = writer.operation, let writerEnd = writer.endIndex,
        writerEnd < reader.invokeIndex, let end = writer.endTick
    else {
        return violation.explanation(keyName: { "\(Key($0))" })
    }
    let steps = history.events[writer.invokeIndex...writerEnd].compactMap { event -> String? in
        guard event.client == writer.client, case .step(let step) = event.kind else { return nil }
        return "\(step.action.callDescription.split(separator: " ").first ?? "") at t\(event.tick)"
    }
    let returned = reader.result.map { "\($0)" } ?? "no row"
    return "\(reader.client)'s read of \(key) at t\(reader.invokeTick) returned \(returned), but \(writer.client)'s "
        + "write of \(written) had completed at t\(end)" + (steps.isEmpty ? "" : ": " + steps.joined(separator: ", "))
}

extension RegisterOperation {
    /// The register operation a simulated client operation amounts to; values are their version numbers.
    /// A read that did not return tells nothing and is left out.
    init?(simulated record: History.Operation, labelled: Bool = true) {
        let label = labelled ? Self.label(client: record.client, isRead: record.operation.isRead) : nil
        switch record.operation {
        case .read(let key):
            guard record.returned else { return nil }
            self = .read(
                process: record.client.number, key: key.number, observed: record.result?.version ?? -1,
                invokedAt: record.invokeIndex, returnedAt: record.endIndex, label: label)
        case .write(let key, let value):
            self = .write(
                process: record.client.number, key: key.number, value: value.version,
                invokedAt: record.invokeIndex, returnedAt: record.returned ? record.endIndex : nil, label: label)
        }
    }

    /// How a report names a simulated client's operation: `c1's read`.
    static func label(client: ClientID, isRead: Bool) -> String { "\(client)'s \(isRead ? "read" : "write")" }

    /// Gives an operation built unlabelled (`init(simulated:labelled:)`) the label it would have had.
    mutating func labelFromProcess() {
        guard label == nil else { return }
        label = Self.label(client: ClientID(process), isRead: kind == .read)
    }
}
