/// How much of a schedule a property's verdict can depend on, beyond the order of the steps that do not
/// commute. Exhaustive search reads it to decide which schedules it may treat as equivalent: a search
/// that pruned schedules is a proof only for properties that cannot tell the pruned ones apart.
package enum ScheduleSensitivity: Sendable, Hashable, Comparable {
    /// Only the order of conflicting steps and the world once the run is quiet: linearizability,
    /// convergence, a staleness property with no bound.
    case orderOfConflictingSteps
    /// Also the ticks at which operations begin and end: a staleness bound measures them.
    case operationTicks
    /// Anything at all: the world between steps, every tick (user invariants, the stampede's episodes,
    /// and any property that does not say otherwise). Exhaustive search explores every schedule.
    case everything
}
