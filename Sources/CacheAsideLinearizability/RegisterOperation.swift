/// One completed, failed-to-answer or cut-short operation on a read/write/compare-and-set register,
/// as the linearizability checker sees it.
///
/// Values are plain integers: callers intern their own values (the simulation uses version numbers,
/// `v0 = 0, v1 = 1, …`; `check-history` interns JSON values). Operations that *failed* — that certainly did
/// not take effect — are simply not passed to the checker.
///
/// Times are positions in one total order of events: two operations overlap unless one returned before
/// the other was invoked. An operation whose `returnedAt` is `nil` has an unknown outcome (its client
/// crashed or timed out): it may have taken effect at any point after `invokedAt`, or never.
public struct RegisterOperation: Sendable, Hashable {
    /// What the operation did to the register.
    public enum Kind: Sendable, Hashable {
        /// Returns the register's value (`observed`).
        case read
        /// Sets the register to `written`.
        case write
        /// Sets the register to `written` if it holds `expected`; `succeeded` says whether it did.
        case compareAndSet
    }

    /// The client or process that ran the operation; reports use it to name the operation.
    public var process: Int
    /// The register the operation touched. Each key is checked on its own (P-compositionality).
    public var key: Int
    /// Read, write or compare-and-set.
    public var kind: Kind
    /// For a write, the value written; for a compare-and-set, the new value.
    public var written: Int?
    /// For a compare-and-set, the value it expected to find.
    public var expected: Int?
    /// For a completed read, the value it returned.
    public var observed: Int?
    /// For a completed compare-and-set, whether it found `expected` and wrote.
    public var succeeded: Bool?
    /// Position of the invoke event in the total order of events.
    public var invokedAt: Int
    /// Position of the return event, or `nil` when the outcome is unknown.
    public var returnedAt: Int?
    /// How reports name the operation, e.g. `"client 2's read"`; `nil` means "client P's read" and so on.
    public var label: String?

    /// Creates an operation; prefer the `read`, `write` and `compareAndSet` factories, which fill in
    /// only the fields their kind uses.
    public init(
        process: Int, key: Int = 0, kind: Kind,
        written: Int? = nil, expected: Int? = nil, observed: Int? = nil, succeeded: Bool? = nil,
        invokedAt: Int, returnedAt: Int?, label: String? = nil
    ) {
        self.process = process
        self.key = key
        self.kind = kind
        self.written = written
        self.expected = expected
        self.observed = observed
        self.succeeded = succeeded
        self.invokedAt = invokedAt
        self.returnedAt = returnedAt
        self.label = label
    }

    /// A read that returned `observed`, or whose outcome is unknown when `observed` is `nil`.
    public static func read(
        process: Int, key: Int = 0, observed: Int?, invokedAt: Int, returnedAt: Int?, label: String? = nil
    ) -> RegisterOperation {
        RegisterOperation(
            process: process, key: key, kind: .read, observed: observed,
            invokedAt: invokedAt, returnedAt: observed == nil ? nil : returnedAt, label: label)
    }

    /// A write of `value`; `returnedAt == nil` means it may or may not have taken effect.
    public static func write(
        process: Int, key: Int = 0, value: Int, invokedAt: Int, returnedAt: Int?, label: String? = nil
    ) -> RegisterOperation {
        RegisterOperation(
            process: process, key: key, kind: .write, written: value,
            invokedAt: invokedAt, returnedAt: returnedAt, label: label)
    }

    /// A compare-and-set from `expected` to `new`; `succeeded == nil` means its outcome is unknown.
    public static func compareAndSet(
        process: Int, key: Int = 0, expected: Int, new: Int, succeeded: Bool?,
        invokedAt: Int, returnedAt: Int?, label: String? = nil
    ) -> RegisterOperation {
        RegisterOperation(
            process: process, key: key, kind: .compareAndSet, written: new, expected: expected,
            succeeded: succeeded, invokedAt: invokedAt, returnedAt: succeeded == nil ? nil : returnedAt,
            label: label)
    }

    /// Whether the outcome is known: the operation returned.
    public var isCompleted: Bool { returnedAt != nil }

    /// The name reports use: `label`, or "client P's read" / "write" / "cas".
    public var name: String {
        if let label { return label }
        switch kind {
        case .read: return "client \(process)'s read"
        case .write: return "client \(process)'s write"
        case .compareAndSet: return "client \(process)'s cas"
        }
    }
}

extension RegisterOperation {
    /// A short description naming the operation and its values, e.g. "client 1's write v1",
    /// "client 2's read → v1", "client 3's cas v1→v2 failed".
    public func summary(valueName: (Int) -> String = { "v\($0)" }) -> String {
        let unknown = isCompleted ? "" : " (outcome unknown)"
        switch kind {
        case .read:
            return "\(name) → \(observed.map(valueName) ?? "?")\(unknown)"
        case .write:
            return "\(name) \(written.map(valueName) ?? "?")\(unknown)"
        case .compareAndSet:
            let values = "\(expected.map(valueName) ?? "?")→\(written.map(valueName) ?? "?")"
            switch succeeded {
            case true? where isCompleted: return "\(name) \(values) succeeded"
            case false? where isCompleted: return "\(name) \(values) failed"
            default: return "\(name) \(values)\(unknown)"
            }
        }
    }
}
