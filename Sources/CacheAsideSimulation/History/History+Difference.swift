extension History {
    /// Where this history and `other` first part, in words, or `nil` if they are the same: what a
    /// nondeterminism report shows, so that the user sees which step came out differently.
    package func firstDifference(from other: History) -> String? {
        for (index, (mine, theirs)) in zip(events, other.events).enumerated() where mine != theirs {
            return "event \(index + 1) was \(Self.describe(mine)), then \(Self.describe(theirs))"
        }
        guard events.count != other.events.count else { return nil }
        let (longer, shorter) = events.count > other.events.count ? (events, other.events) : (other.events, events)
        return "one run ended after \(shorter.count) events, the other went on with \(Self.describe(longer[shorter.count]))"
    }

    private static func describe(_ event: HistoryEvent) -> String {
        let actor = event.actor.map { "\($0) " } ?? ""
        return "\(actor)\(event.kind) at t\(event.tick)"
    }
}
