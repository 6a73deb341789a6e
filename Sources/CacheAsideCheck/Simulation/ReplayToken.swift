/// A short printable encoding of a choice sequence, for `--replay TOKEN`.
///
/// Choices are mostly small, so each is written as a LEB128 varint and the bytes as unpadded base64url;
/// trailing zeros are dropped because a replay reads `0` past the end anyway. The leading `1` is a format
/// version, so a token from a future encoding is rejected instead of silently misread.
public enum ReplayToken {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    private static let version: Character = "1"

    /// The token for `choices`.
    public static func encode(_ choices: [Int]) -> String {
        var trimmed = choices[...]
        while trimmed.last == 0 { trimmed = trimmed.dropLast() }
        var bytes: [UInt8] = []
        for choice in trimmed {
            var rest = UInt64(max(choice, 0))
            repeat {
                let low = UInt8(rest & 0x7F)
                rest >>= 7
                bytes.append(rest == 0 ? low : low | 0x80)
            } while rest != 0
        }
        var text = String(version)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var bits = 0
            for byte in chunk { bits = bits << 8 | Int(byte) }
            bits <<= 8 * (3 - chunk.count)
            for position in 0...chunk.count { text.append(alphabet[(bits >> (18 - 6 * position)) & 0x3F]) }
            index += 3
        }
        return text
    }

    /// Why a token could not be read.
    public struct DecodingError: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the token.
        public var description: String
    }

    /// The choices a token encodes.
    public static func decode(_ token: String) throws(DecodingError) -> [Int] {
        guard token.first == version else {
            throw DecodingError(description: "replay token '\(token)' does not start with '1'; copy the whole token from the report")
        }
        var sextets: [Int] = []
        for character in token.dropFirst() {
            guard let value = alphabet.firstIndex(of: character) else {
                throw DecodingError(description: "replay token has an invalid character '\(character)'; copy it exactly from the report")
            }
            sextets.append(value)
        }
        guard sextets.count % 4 != 1 else {
            throw DecodingError(description: "replay token is truncated; copy the whole token from the report")
        }
        var bytes: [UInt8] = []
        var index = 0
        while index < sextets.count {
            let group = sextets[index..<min(index + 4, sextets.count)]
            var bits = 0
            for value in group { bits = bits << 6 | value }
            bits <<= 6 * (4 - group.count)
            for position in 0..<(group.count - 1) { bytes.append(UInt8((bits >> (16 - 8 * position)) & 0xFF)) }
            index += 4
        }
        var choices: [Int] = []
        var current: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            guard shift < 63 else { throw DecodingError(description: "replay token holds a number too large; copy it exactly from the report") }
            current |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                choices.append(Int(current))
                current = 0
                shift = 0
            } else {
                shift += 7
            }
        }
        guard shift == 0 else { throw DecodingError(description: "replay token is truncated; copy the whole token from the report") }
        return choices
    }
}
