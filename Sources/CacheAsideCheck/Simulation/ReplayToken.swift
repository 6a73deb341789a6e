/// A short printable encoding of one run, for `--replay TOKEN` and `XCTAssertConsistent(_:replaying:)`:
/// the run's choice sequence, bound to the fingerprint of what it was made with, and self-checking.
///
/// Layout (format `2`): the character `2`, then unpadded base64url of: the fingerprint (three 16-bit
/// parts, big-endian), the choices as LEB128 varints (trailing zeros dropped, since a replay reads `0`
/// past the end), and a 16-bit checksum of everything before it. The checksum catches a token that lost
/// or changed characters in copying; the fingerprint catches a token replayed against another strategy,
/// workload or options. Either is an error, never a silent replay of some other run.
public struct ReplayToken: Sendable, Hashable {
    /// The recorded choices.
    public var choices: [Int]
    /// What the run was made with.
    package var fingerprint: RunFingerprint

    /// A token for `choices` made with `fingerprint`.
    package init(choices: [Int], fingerprint: RunFingerprint) {
        self.choices = choices
        self.fingerprint = fingerprint
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let version: Character = "2"

    /// The token's text.
    public var encoded: String {
        var trimmed = choices[...]
        while trimmed.last == 0 { trimmed = trimmed.dropLast() }
        var bytes: [UInt8] = []
        for part in [fingerprint.strategy, fingerprint.workload, fingerprint.simulation] {
            bytes.append(UInt8(part >> 8))
            bytes.append(UInt8(part & 0xFF))
        }
        for choice in trimmed {
            var rest = UInt64(max(choice, 0))
            repeat {
                let low = UInt8(rest & 0x7F)
                rest >>= 7
                bytes.append(rest == 0 ? low : low | 0x80)
            } while rest != 0
        }
        let checksum = Self.checksum(bytes)
        bytes.append(UInt8(checksum >> 8))
        bytes.append(UInt8(checksum & 0xFF))
        return String(Self.version) + Self.base64url(bytes)
    }

    /// Why a token could not be read, or does not belong to the check replaying it.
    public struct DecodingError: Error, Sendable, CustomStringConvertible, Equatable {
        /// What is wrong, and what to do.
        public var description: String
        /// For a token made with something else: the parts of the fingerprint that differ.
        package var mismatchedParts: [RunFingerprint.Part]

        init(_ description: String, mismatchedParts: [RunFingerprint.Part] = []) {
            self.description = description
            self.mismatchedParts = mismatchedParts
        }
    }

    /// Reads a token's text, checking its format and checksum (not yet its fingerprint: see `check`).
    public init(decoding token: String) throws(DecodingError) {
        guard let first = token.first else {
            throw DecodingError("replay token is empty; copy the whole token from the report")
        }
        guard first == Self.version else {
            if first == "1" {
                throw DecodingError(
                    "replay token '\(token)' is in the format of an earlier version, which did not record what it was made with; rerun the check to get a new token")
            }
            throw DecodingError("replay token '\(token)' does not start with '\(Self.version)'; copy the whole token from the report")
        }
        var sextets: [UInt8] = []
        for character in token.utf8.dropFirst() {
            guard let value = Self.alphabet.firstIndex(of: character) else {
                throw DecodingError("replay token has an invalid character '\(Character(UnicodeScalar(character)))'; copy it exactly from the report")
            }
            sextets.append(UInt8(value))
        }
        let damaged = DecodingError("replay token is truncated or damaged (its checksum does not match); copy the whole token from the report")
        guard sextets.count % 4 != 1 else { throw damaged }
        let bytes = Self.bytes(fromSextets: sextets)
        guard bytes.count >= 8 else { throw damaged }
        let body = Array(bytes.dropLast(2))
        let stored = UInt16(bytes[bytes.count - 2]) << 8 | UInt16(bytes[bytes.count - 1])
        guard Self.checksum(body) == stored else { throw damaged }
        func part(_ index: Int) -> UInt16 { UInt16(body[index]) << 8 | UInt16(body[index + 1]) }
        fingerprint = RunFingerprint(strategy: part(0), workload: part(2), simulation: part(4))
        var choices: [Int] = []
        var current: UInt64 = 0
        var shift: UInt64 = 0
        for byte in body.dropFirst(6) {
            guard shift < 56 else { throw DecodingError("replay token holds a number too large; copy it exactly from the report") }
            current |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                choices.append(Int(current))
                current = 0
                shift = 0
            } else {
                shift += 7
            }
        }
        guard shift == 0 else { throw damaged }
        self.choices = choices
    }

    /// Refuses a token made with a different strategy, workload or options than `expected`.
    package func check(against expected: RunFingerprint) throws(DecodingError) {
        let parts = fingerprint.differences(from: expected)
        guard !parts.isEmpty else { return }
        let names = parts.map { part -> String in
            switch part {
            case .strategy: "strategy (its name or settings, such as the TTL)"
            case .workload: "workload (clients, operations per client, keys, write ratio)"
            case .simulation: "simulation options (faults, clock jumps, step budget, lease TTL)"
            }
        }
        throw DecodingError(
            "replay token was made with a different \(names.joined(separator: " and a different ")); replay it with the configuration of the report it came from",
            mismatchedParts: parts)
    }

    /// 16 bits of FNV-1a over `bytes`, with the format version mixed in.
    private static func checksum(_ bytes: [UInt8]) -> UInt16 {
        FNV1a.hash16([UInt8(ascii: "2")] + bytes)
    }

    private static func base64url(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var bits = 0
            for byte in chunk { bits = bits << 8 | Int(byte) }
            bits <<= 8 * (3 - chunk.count)
            for position in 0...chunk.count { text.append(alphabet[(bits >> (18 - 6 * position)) & 0x3F]) }
            index += 3
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func bytes(fromSextets sextets: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = 0
        while index < sextets.count {
            let group = sextets[index..<min(index + 4, sextets.count)]
            var bits = 0
            for value in group { bits = bits << 6 | Int(value) }
            bits <<= 6 * (4 - group.count)
            for position in 0..<(group.count - 1) { bytes.append(UInt8((bits >> (16 - 8 * position)) & 0xFF)) }
            index += 4
        }
        return bytes
    }
}
