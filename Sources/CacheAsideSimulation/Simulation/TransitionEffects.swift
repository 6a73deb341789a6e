/// What a client's transition did that its pending step does not show: a *transition* is the step a
/// scheduling point resumes plus the client's own code up to its next scheduling point.
///
/// Exhaustive search prunes a schedule as equivalent to one already explored when it differs only in the
/// order of commuting transitions (`StepIndependence`). In serial time every step takes the clock's next
/// tick, so swapping two transitions moves each of them in time. That is harmless only for transitions
/// whose outcome does not depend on when they run, and these effects name the ways one can: they are
/// recorded as the transition runs (the search reads them from the trace afterwards), because code after
/// a step — `env.clock.now`, a `clock.sleep` whose deadline is taken from the clock, the next operation's
/// fresh value — is not known until it has run.
package struct TransitionEffects: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Read the clock (`env.clock.now`, a sleep's deadline) or took a step whose result or effect depends
    /// on the tick it ran at (an entry or lease with an expiry, a set with a TTL, a lock, a log read whose
    /// entries carry ticks).
    package static let observedTime = TransitionEffects(rawValue: 1 << 0)
    /// Began a write operation, which takes the next fresh value (`v1`, `v2`, … in invocation order): two
    /// such transitions swapped would swap the values the writes write.
    package static let allocatedValue = TransitionEffects(rawValue: 1 << 1)
    /// Ended an operation (it returned, failed, or its client crashed): the operation's end tick, which a
    /// staleness bound measures, moves with the transition.
    package static let endedOperation = TransitionEffects(rawValue: 1 << 2)
}
