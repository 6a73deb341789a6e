/// What a run is a function of, besides its choices: the strategy (its name, type and settings), every
/// field of the workload, and every simulation option that can change a run (`Part` lists them). A
/// replay token carries this fingerprint, so replaying it against anything else is refused instead of
/// silently running some other run.
///
/// Two layers, for two jobs. `total` is a 64-bit `StableHash` of the canonical description of every
/// part: it decides whether a token belongs, and two configurations collide once in 2⁶⁴ (a 48-bit
/// fingerprint of three 16-bit parts let a token of `--model cache-aside` replay under `--model lease
/// --ttl 107270`). `digests` only explain a refusal: a 16-bit digest per part, kept only for the parts
/// that differ from the reference configuration (`Part.referenceValues`), so a token of a run with
/// default options carries two (the strategy and its settings) and grows by two bytes per changed
/// option. A part missing on one side holds the reference value there, which is known exactly, so a
/// difference involving a default is always named; two non-default values are told apart but for one
/// case in 65,536.
///
/// The canonical description is the text `cacheaside-check run`, then for each part in order its number
/// (`Part.rawValue`, one byte) and its value (`Part.value`) preceded by its length: no two configurations
/// describe themselves by the same bytes, and renaming a Swift property moves no fingerprint. Parts
/// added since the format was pinned (`Part.firstLateRawValue` on: `hosts`) are left out while they hold
/// their reference value, which keeps every earlier token valid and still gives distinct bytes: a part's
/// number appears only with a non-reference value.
///
/// World invariants, the stall timeout and an exhaustive search's fault limit are left out
/// (`ignoredOptions`): they never change a run.
package struct RunFingerprint: Sendable, Hashable {
    /// The hash of every part's canonical description.
    package var total: UInt64
    /// A digest of each part whose value is not its reference value.
    package var digests: [Part: UInt16]

    /// The fingerprint of runs of `strategy` on `workload` under `options`.
    package init(strategy: any CachingStrategy, workload: Workload, options: SimulationOptions) {
        var canonical = StableHash()
        for byte in "cacheaside-check run".utf8 { canonical.add(byte) }
        var digests: [Part: UInt16] = [:]
        for part in Part.allCases {
            let value = part.value(strategy: strategy, workload: workload, options: options)
            let isReference = value == Part.referenceValues[part.rawValue]
            // A part added after tokens were first pasted is described only away from its reference value,
            // so that every token made before it existed (which ran at that value) still replays.
            if !(isReference && part.rawValue >= Part.firstLateRawValue) {
                canonical.add(UInt8(part.rawValue))
                canonical.add(lengthPrefixed: value)
            }
            if !isReference {
                var entry = StableHash()
                entry.add(UInt8(part.rawValue))
                entry.add(lengthPrefixed: value)
                digests[part] = UInt16(truncatingIfNeeded: entry.value >> 48)
            }
        }
        total = canonical.value
        self.digests = digests
    }

    /// A fingerprint as a token recorded it.
    package init(total: UInt64, digests: [Part: UInt16]) {
        self.total = total
        self.digests = digests
    }

    /// How `self` (a token's) differs from `expected`, or `nil` if it does not.
    package func mismatch(with expected: RunFingerprint) -> Mismatch? {
        guard self != expected else { return nil }
        let differing = Part.allCases.filter { digests[$0] != expected.digests[$0] }
        if !differing.isEmpty { return Mismatch(parts: differing, isExact: true, madeWith: self) }
        // Equal digests, different totals: two values of some part that both hold away from its reference
        // share a digest. One of those parts differs; the digests cannot say which.
        let candidates = Part.allCases.filter { digests[$0] != nil }
        return Mismatch(parts: candidates, isExact: false, madeWith: self)
    }

    /// What differs between a token's fingerprint and the one of the check replaying it.
    package struct Mismatch: Sendable, Equatable {
        /// The parts that differ; with `isExact` false, the parts one of which differs.
        package var parts: [Part]
        /// Whether every one of `parts` differs (else one of them does, which the digests cannot tell).
        package var isExact: Bool
        /// The token's fingerprint, for a caller that can say more (the command line knows which model
        /// a strategy digest stands for).
        package var madeWith: RunFingerprint

        /// `names` as a list: `a`, `a and b`, `a, b and c` — with `or` for a mismatch that is not exact.
        package func listing(_ names: [String]) -> String {
            guard names.count > 1 else { return names.first ?? "" }
            return names.dropLast().joined(separator: ", ") + (isExact ? " and " : " or ") + names.last!
        }
    }
}
