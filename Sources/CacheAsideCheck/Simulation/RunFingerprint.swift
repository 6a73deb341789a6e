/// What a run is a function of, besides its choices: the strategy (its name and every setting it holds,
/// such as the TTL), the workload, and the simulation options. A replay token carries this fingerprint,
/// so replaying it against anything else is refused instead of silently running some other run.
///
/// Each part is a 16-bit hash of a canonical description (`CanonicalDescription`), kept apart so that a
/// mismatch can say which part differs. World invariants are left out (they observe a run and never
/// change it), as are wall-clock settings, which never change a run either.
package struct RunFingerprint: Sendable, Hashable {
    /// The strategy's name and settings.
    public var strategy: UInt16
    /// The workload's shape.
    public var workload: UInt16
    /// Faults, clock jumps, step budget, lease TTL and the other simulation options.
    public var simulation: UInt16

    /// The fingerprint of runs of `strategy` on `workload` under `options`.
    public init(strategy: any CachingStrategy, workload: Workload, options: SimulationOptions) {
        self.strategy = Self.hash(strategy.name + "|" + CanonicalDescription.of(strategy))
        self.workload = Self.hash(CanonicalDescription.of(workload))
        self.simulation = Self.hash(
            CanonicalDescription.of(options, leavingOut: SimulationOptions.fingerprintExclusions))
    }

    init(strategy: UInt16, workload: UInt16, simulation: UInt16) {
        self.strategy = strategy
        self.workload = workload
        self.simulation = simulation
    }

    /// The parts in which `self` and `other` differ.
    public func differences(from other: RunFingerprint) -> [Part] {
        var parts: [Part] = []
        if strategy != other.strategy { parts.append(.strategy) }
        if workload != other.workload { parts.append(.workload) }
        if simulation != other.simulation { parts.append(.simulation) }
        return parts
    }

    /// A part of the fingerprint.
    public enum Part: String, Sendable, Hashable, CaseIterable {
        /// The strategy or its settings.
        case strategy
        /// The workload.
        case workload
        /// The simulation options.
        case simulation
    }

    /// FNV-1a (Fowler, Noll & Vo) over the UTF-8 bytes, folded to 16 bits: stable across processes and
    /// platforms, unlike `Hasher`, which is seeded per process.
    static func hash(_ text: String) -> UInt16 { FNV1a.hash16(text.utf8) }
}

/// The 64-bit FNV-1a hash.
enum FNV1a {
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The 64-bit hash folded to 16 bits by xor, so every bit of it counts.
    static func hash16(_ bytes: some Sequence<UInt8>) -> UInt16 {
        let hash = hash(bytes)
        return UInt16(truncatingIfNeeded: hash ^ (hash >> 16) ^ (hash >> 32) ^ (hash >> 48))
    }
}

/// A description of a value that is the same in every process: what `String(describing:)` gives for
/// plain values, but with the elements of sets and the entries of dictionaries sorted (their iteration
/// order depends on a per-process hash seed) and closures reduced to a placeholder.
package enum CanonicalDescription {
    package static func of(_ value: Any, leavingOut excluded: Set<String> = []) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .set:
            return "{" + mirror.children.map { of($0.value) }.sorted().joined(separator: ",") + "}"
        case .dictionary:
            return "[" + mirror.children.map { of($0.value) }.sorted().joined(separator: ",") + "]"
        case .collection, .tuple:
            return "(" + mirror.children.map { ($0.label.map { $0 + ":" } ?? "") + of($0.value) }.joined(separator: ",") + ")"
        case .optional:
            return mirror.children.first.map { of($0.value) } ?? "nil"
        case .struct, .enum:
            guard !mirror.children.isEmpty else { return "\(value)" }
            let fields = mirror.children.filter { !excluded.contains($0.label ?? "") }
                .map { ($0.label ?? "_") + ":" + of($0.value) }
            let tag = mirror.displayStyle == .enum ? "\(value)".prefix { $0 != "(" } : ""
            return "\(mirror.subjectType)\(tag)(" + fields.joined(separator: ",") + ")"
        case .class:
            return "\(mirror.subjectType)"
        default:
            // Numbers, strings and closures ("(Function)") describe themselves the same everywhere.
            return "\(value)"
        }
    }
}

extension SimulationOptions {
    /// Options that never change a run, so a replay token ignores them: world invariants only observe
    /// (and hold closures), and wall-clock settings only decide when to give up.
    static let fingerprintExclusions: Set<String> = ["worldInvariants", "stallTimeout"]
}
