/// Why a key's history is not linearizable: the operation that could not be placed, and how far a
/// legal order got.
///
/// The search explores every order of the operations that respects real time. The *longest linearisable
/// prefix* is the longest sequence of operations it could place legally, in that order (when several
/// have the same length, the first the search found; the search tries operations in order of
/// invocation). No operation can legally extend it. The *operation* named is the one that returned
/// first among those outside the prefix: the order had to place it before anything invoked after it
/// returned, and in the register value the prefix leaves it is illegal — it is a read or a
/// compare-and-set, because a write can always be placed.
public struct LinearizabilityViolation: Sendable {
    /// What was wrong with the operation, given the value the prefix leaves in the register.
    public enum Cause: Sendable, Hashable {
        /// A read returned a value that no operation on the key wrote and that is not the initial value.
        case readOfUnwrittenValue
        /// A read returned a value other than the one the register held.
        case readOfWrongValue
        /// A compare-and-set reported success, but the register did not hold its expected value.
        case compareAndSetSucceededOnWrongValue
        /// A compare-and-set reported failure, but the register held its expected value.
        case compareAndSetFailedOnExpectedValue
        /// A read returned before the write of the value it returned was invoked.
        case readBeforeItsWrite
    }

    /// The key whose history is not linearizable.
    public var key: Int
    /// The operation that could not be linearised next after `longestLinearizablePrefix`.
    public var operation: RegisterOperation
    /// The longest linearisable prefix, in linearisation order.
    public var longestLinearizablePrefix: [RegisterOperation]
    /// The register's value after the prefix.
    public var registerValue: Int
    /// The key's initial value.
    public var initialValue: Int
    /// What was wrong with `operation`.
    public var cause: Cause
    /// Whether `longestLinearizablePrefix` is the search's result. False when a pre-check refuted the
    /// key and the search for the prefix ran out of its small budget: the prefix is then empty and
    /// says nothing, `registerValue` is the value that had to be held instead, and the violation stands.
    public var prefixFound: Bool

    /// Creates a violation record.
    public init(
        key: Int, operation: RegisterOperation, longestLinearizablePrefix: [RegisterOperation],
        registerValue: Int, initialValue: Int, cause: Cause, prefixFound: Bool = true
    ) {
        self.prefixFound = prefixFound
        self.key = key
        self.operation = operation
        self.longestLinearizablePrefix = longestLinearizablePrefix
        self.registerValue = registerValue
        self.initialValue = initialValue
        self.cause = cause
    }

    /// The last operation in the prefix that set the register: the one whose value `operation`
    /// contradicts. `nil` when the register still holds its initial value.
    public var lastWriter: RegisterOperation? {
        longestLinearizablePrefix.last { op in
            op.kind == .write || (op.kind == .compareAndSet && op.succeeded != false)
        }
    }

    /// One sentence saying what went wrong, with values named `v0`, `v1`, … and keys `k0`, `k1`, ….
    public var explanation: String { explanation() }

    /// One sentence saying what went wrong, e.g. "client 2's read of k1 returned v0, but v1 had already
    /// been written (linearised: client 1's write v1)".
    public func explanation(
        valueName: (Int) -> String = { "v\($0)" }, keyName: (Int) -> String = { "k\($0)" }
    ) -> String {
        let held = valueName(registerValue)
        let was: String
        if let writer = lastWriter {
            was = "\(held) had already been written (linearised: \(writer.summary(valueName: valueName)))"
        } else {
            was = "the register still held its initial value \(held)"
        }
        let key = keyName(self.key)
        let subject: String
        switch operation.kind {
        case .read:
            subject = "\(operation.name) of \(key) returned \(valueName(operation.observed ?? registerValue))"
        case .write, .compareAndSet:
            subject = "\(operation.summary(valueName: valueName)) on \(key)"
        }
        switch cause {
        case .readOfUnwrittenValue:
            return "\(subject), a value no operation on \(key) wrote"
        case .readBeforeItsWrite:
            return "\(subject) before any write of that value had begun"
        case .readOfWrongValue where !prefixFound:
            return "\(subject), but \(held) had to be the register's value over an overlapping stretch of the history"
        case .readOfWrongValue, .compareAndSetSucceededOnWrongValue:
            return "\(subject), but \(was)"
        case .compareAndSetFailedOnExpectedValue:
            return "\(subject), but \(was), so it should have succeeded"
        }
    }
}
