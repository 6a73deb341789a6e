/// A caching strategy under test: how a client reads and writes a key through the cache and the database.
///
/// Write it the way production code is written, as ordinary async Swift against `env.cache`,
/// `env.database`, `env.clock` and `env.lock`. Each awaited call on those is one atomic step and one point
/// where the scheduler may switch to another client; code between two such calls runs without
/// interruption. Awaiting anything else (`Task.sleep`, real I/O, another actor, `Task {}`) leaves the
/// simulation and is reported as an error, because it would make runs non-deterministic.
///
/// ```swift
/// struct CacheAside: CachingStrategy {
///     var ttl: Ticks? = 60
///     func read(_ key: Key, in env: Environment) async throws -> Value? {
///         if let hit = try await env.cache.get(key) { return hit }
///         let row = try await env.database.read(key)
///         if let row { try await env.cache.set(key, row, ttl: ttl) }
///         return row
///     }
///     func write(_ key: Key, _ value: Value, in env: Environment) async throws {
///         try await env.database.write(key, value)
///         try await env.cache.delete(key)
///     }
/// }
/// ```
public protocol CachingStrategy: Sendable {
    /// The name reports use; defaults to the type's name.
    var name: String { get }

    /// Reads `key`, returning the value the caller would see (`nil` if the key has no row).
    func read(_ key: Key, in env: Environment) async throws -> Value?

    /// Writes `value` to `key`.
    func write(_ key: Key, _ value: Value, in env: Environment) async throws

    /// The background workers that run beside the clients (see `BackgroundWorker`); none by default.
    var workers: [any BackgroundWorker] { get }

    /// Everything the strategy is configured with that changes how it behaves — its TTL, delays, lease
    /// times — as a text that is the same in every process. A replay token is bound to it, so a token
    /// made with one TTL is refused under another. The default describes every stored property
    /// (`(ttl:60,delay:5)`); write your own when a setting lives where reflection cannot see it: in a
    /// global, behind a class reference, or captured by a closure.
    var settings: String { get }
}

extension CachingStrategy {
    /// The type's name, e.g. `CacheAside`; give a strategy a `name` of its own to tell configurations apart.
    public var name: String { String(describing: Self.self) }

    /// No background workers: clients alone.
    public var workers: [any BackgroundWorker] { [] }

    /// Every stored property, labelled, with sets and dictionaries sorted: `(ttl:60,delay:5)`.
    public var settings: String { CanonicalDescription.fields(of: self) }
}
