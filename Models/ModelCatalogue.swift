import CacheAsideCheck

/// One strategy in the catalogue: its command-line name, its one-line claim, and how to build it.
public struct CatalogueEntry: Sendable {
    /// The name `--model` takes, e.g. `cache-aside`.
    public var name: String
    /// One line: which properties it keeps and breaks.
    public var summary: String
    /// Builds the strategy with a TTL for filled entries (`nil` = no TTL).
    public var make: @Sendable (_ ttl: Ticks?) -> any CachingStrategy

    /// A catalogue entry.
    public init(name: String, summary: String, make: @escaping @Sendable (_ ttl: Ticks?) -> any CachingStrategy) {
        self.name = name
        self.summary = summary
        self.make = make
    }
}

/// The strategy catalogue: every model the command line can check, in the order `models` lists them.
public enum ModelCatalogue {
    /// Every entry.
    public static let entries: [CatalogueEntry] = [
        CatalogueEntry(
            name: "cache-aside",
            summary: "read: get, miss → db read → set with TTL; write: db write → delete. Stale set breaks convergence."
        ) { CacheAside(ttl: $0) },
    ]

    /// The entry named `name`, if there is one.
    public static func entry(named name: String) -> CatalogueEntry? { entries.first { $0.name == name } }

    /// Every entry's name, in order.
    public static var names: [String] { entries.map(\.name) }
}
