/// What the linearizability checker concluded about a history, or about one key of it.
public enum LinearizabilityVerdict: Sendable {
    /// Some order of the operations respects real time and register semantics.
    case linearizable
    /// No order does; the violation names the operation that could not be placed.
    case violation(LinearizabilityViolation)
    /// The search stopped before deciding: the limit named ran out. Undecided is not "holds".
    case unknown(SearchLimit)

    /// Whether the verdict is `.linearizable`.
    public var isLinearizable: Bool {
        if case .linearizable = self { return true }
        return false
    }

    /// The violation, when the verdict is one.
    public var violation: LinearizabilityViolation? {
        if case .violation(let violation) = self { return violation }
        return nil
    }
}

/// The verdict for one key of a history; keys are checked independently (P-compositionality: a history
/// is linearizable exactly when each key's sub-history is, Herlihy & Wing 1990).
public struct KeyLinearizabilityVerdict: Sendable {
    /// The key.
    public var key: Int
    /// How many operations on the key the checker was given.
    public var operationCount: Int
    /// The key's verdict.
    public var verdict: LinearizabilityVerdict

    /// Creates a key's verdict.
    public init(key: Int, operationCount: Int, verdict: LinearizabilityVerdict) {
        self.key = key
        self.operationCount = operationCount
        self.verdict = verdict
    }
}
