/// A short printable encoding of one run, for `--replay TOKEN` and `XCTAssertConsistent(_:replaying:)`:
/// the run's choice sequence, bound to the fingerprint of what it was made with, and self-checking.
///
/// Layout (format `3`): the character `3`, then unpadded base64url of: the fingerprint's 64-bit total
/// (big-endian); a LEB128 bit set of the parts that carry a digest (bit `Part.rawValue`) and their 16-bit
/// digests in part order; the choices as LEB128 varints (trailing zeros dropped, since a replay reads `0`
/// past the end); and a CRC-32 of the version character and everything before it. The checksum catches
/// a token that lost or changed characters in copying; the fingerprint catches a token replayed against
/// another strategy, workload or options, and names what differs. Either is an error, never a silent
/// replay of some other run.
///
/// Short in the common case: a run with default workload and options carries only the strategy's two
/// digests, so its token is 1 + ⌈4/3 × (17 + choice bytes)⌉ characters — 40 for the README's first
/// counterexample, against 28 for the format-2 token, whose 48-bit fingerprint could not tell
/// configurations apart. Each option changed from its default adds two bytes (about three characters).
package struct ReplayToken: Sendable, Hashable {
    /// The recorded choices.
    package var choices: [Int]
    /// What the run was made with.
    package var fingerprint: RunFingerprint

    /// A token for `choices` made with `fingerprint`.
    package init(choices: [Int], fingerprint: RunFingerprint) {
        self.choices = choices
        self.fingerprint = fingerprint
    }

    private static let version: Character = "3"

    /// The token's text.
    package var encoded: String {
        var trimmed = choices[...]
        while trimmed.last == 0 { trimmed = trimmed.dropLast() }
        var bytes = (0..<8).reversed().map { UInt8(truncatingIfNeeded: fingerprint.total >> (8 * $0)) }
        let parts = RunFingerprint.Part.allCases.filter { fingerprint.digests[$0] != nil }
        bytes += LEB128.encode(parts.reduce(0) { $0 | 1 << UInt64($1.rawValue) })
        for part in parts {
            let digest = fingerprint.digests[part]!
            bytes += [UInt8(digest >> 8), UInt8(digest & 0xFF)]
        }
        for choice in trimmed { bytes += LEB128.encode(UInt64(max(choice, 0))) }
        let checksum = Self.checksum(bytes)
        bytes += (0..<4).reversed().map { UInt8(truncatingIfNeeded: checksum >> (8 * $0)) }
        return String(Self.version) + Base64URL.encode(bytes)
    }

    /// Why a token could not be read, or does not belong to the check replaying it.
    package struct DecodingError: Error, Sendable, CustomStringConvertible, Equatable {
        /// What is wrong, and what to do.
        package var description: String
        /// For a token made with something else: what differs.
        package var mismatch: RunFingerprint.Mismatch?

        init(_ description: String, mismatch: RunFingerprint.Mismatch? = nil) {
            self.description = description
            self.mismatch = mismatch
        }
    }

    /// Reads a token's text, checking its format and checksum (not yet its fingerprint: see `check`).
    package init(decoding token: String) throws(DecodingError) {
        guard let first = token.first else {
            throw DecodingError("replay token is empty; copy the whole token from the report")
        }
        guard first == Self.version else {
            if first == "1" || first == "2" {
                throw DecodingError(
                    "replay token '\(token)' was made by an older version of cacheaside-check, whose tokens could replay under another configuration; rerun the check that printed it to get a new token")
            }
            throw DecodingError("replay token '\(token)' does not start with '\(Self.version)'; copy the whole token from the report")
        }
        let damaged = DecodingError("replay token is truncated or damaged (its checksum does not match); copy the whole token from the report")
        let bytes: [UInt8]
        do {
            bytes = try Base64URL.decode(token.utf8.dropFirst())
        } catch .invalidCharacter(let character) {
            throw DecodingError("replay token has an invalid character '\(character)'; copy it exactly from the report")
        } catch {
            throw damaged
        }
        guard bytes.count >= 13 else { throw damaged }
        var body = bytes.dropLast(4)
        let stored = bytes.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard Self.checksum(body) == stored else { throw damaged }
        let total = body.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        body = body.dropFirst(8)
        do {
            let present = try LEB128.decode(from: &body)
            guard present >> RunFingerprint.Part.allCases.count == 0 else { throw damaged }
            var digests: [RunFingerprint.Part: UInt16] = [:]
            for part in RunFingerprint.Part.allCases where present >> UInt64(part.rawValue) & 1 == 1 {
                guard body.count >= 2 else { throw damaged }
                digests[part] = UInt16(body.removeFirst()) << 8 | UInt16(body.removeFirst())
            }
            fingerprint = RunFingerprint(total: total, digests: digests)
            var choices: [Int] = []
            while !body.isEmpty { choices.append(Int(try LEB128.decode(from: &body))) }
            self.choices = choices
        } catch let error as DecodingError {
            throw error
        } catch LEB128.Problem.tooLarge {
            throw DecodingError("replay token holds a number too large; copy it exactly from the report")
        } catch {
            throw damaged
        }
    }

    /// Refuses a token made with a different strategy, workload or options than `expected`, naming the
    /// settings that differ by their Swift names (`workload.thinkTime`).
    package func check(against expected: RunFingerprint) throws(DecodingError) {
        guard let mismatch = fingerprint.mismatch(with: expected) else { return }
        throw DecodingError(
            "replay token was made with a different \(mismatch.listing(mismatch.parts.map(\.swiftName))); replay it with the configuration of the report it came from",
            mismatch: mismatch)
    }

    /// CRC-32 of the format version and `bytes`, so a token of one format never checks out as another.
    private static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        CRC32.checksum([UInt8(ascii: "3")] + bytes)
    }
}
