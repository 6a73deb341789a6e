/// Tick arithmetic that cannot trap.
///
/// Every deadline in the simulation is "now plus some ticks" (a TTL, a lease, a sleep, a clock jump), and
/// the ticks come from strategies and options, so they may be anything an `Int` holds. `Ticks.max` is
/// "the end of time": a deadline past it is pinned there instead of overflowing, and a clock that reaches
/// it stays there. A negative or zero duration gives a deadline at or before now: already passed.
extension Ticks {
    /// `self + ticks`, pinned to `Ticks.min ... Ticks.max` instead of overflowing.
    package func advanced(saturatingBy ticks: Ticks) -> Ticks {
        let (sum, overflow) = addingReportingOverflow(ticks)
        guard overflow else { return sum }
        return ticks > 0 ? .max : .min
    }
}

extension ClosedRange<Ticks> {
    /// How many values the range holds, as the bound of a choice among them: `count`, except that a range
    /// wider than `Int.max` values (only an unvalidated one, e.g. `0...Ticks.max`) counts as `Int.max`
    /// instead of trapping, so its highest values are never drawn.
    package var choiceCount: Int {
        let (span, overflow) = upperBound.subtractingReportingOverflow(lowerBound)
        return overflow || span == .max ? .max : span + 1
    }
}
