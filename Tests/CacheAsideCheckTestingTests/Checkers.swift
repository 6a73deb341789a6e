import CacheAsideCheck
import CacheAsideModels

/// The checkers the helper tests assert on: one whose runs all hold and one that finds the stale set.
enum Checkers {
    /// A single client cannot race itself, so cache-aside converges.
    static let holding = Checker(
        strategy: CacheAside(ttl: nil), workload: Workload(clients: 1), properties: [.convergence],
        exploration: Exploration(seeds: 0..<50))

    /// Without a TTL, cache-aside's stale set leaves the cache wrong for ever.
    static let staleSet = Checker(
        strategy: CacheAside(ttl: nil), workload: Workload(clients: 2, operationsPerClient: 2),
        properties: [.convergence], exploration: Exploration(seeds: 0..<200))

    /// A step budget no run fits in, so the first run cannot complete.
    static let broken = Checker(
        strategy: CacheAside(), simulation: SimulationOptions(stepBudget: 1), exploration: Exploration(seeds: 0..<10))
}

/// The token on the pasteable replay line of a failure message.
func replayToken(in message: String) -> String? {
    let prefix = "    let run = try checker.replay(token: \""
    guard let line = message.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
    return String(line.dropFirst(prefix.count).prefix { $0 != "\"" })
}
