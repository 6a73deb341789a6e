extension RunModel.Event {
    /// What a local-cache step or an invalidation did to its host's local cache, as the local column
    /// prints it: `h1: k1 := v0 (ttl 5)`, `h1: k1 → miss`, `h2: k1 invalidated`.
    static func localEffect(of step: Step) -> String {
        let host = step.action.host.map { "h\($0 + 1): " } ?? ""
        func keys(_ keys: [Key]) -> String { keys.map(\.description).joined(separator: ", ") }
        switch (step.action, step.outcome) {
        case (_, .reconnected): return host + "⚡ reconnected (messages lost)"
        case (.localSet(_, let key, let value, let ttl), _), (.localFill(_, let key, let value, let ttl, _), .stored(true)):
            return host + "\(key) := \(value)" + (ttl.map { " (ttl \($0))" } ?? "")
        case (.localFill(_, let key, _, _, _), _): return host + "\(key) not stored (placeholder gone)"
        case (.localDelete(_, let key), _): return host + "\(key) deleted"
        case (.localFlush, _): return host + "flushed"
        case (.localPlaceholder(_, let key), _): return host + "\(key) := placeholder"
        case (.localGet(_, let key), let outcome): return host + "\(key) → \(outcome)"
        case (.invalidationsDelivered(_, let lost), _): return host + keys(lost) + " invalidated"
        case (.invalidationsLost(_, let lost), _):
            return host + "⚡ connection dropped" + (lost.isEmpty ? "" : ", invalidation of \(keys(lost)) lost")
        default: return host + "\(step.outcome)"
        }
    }
}
