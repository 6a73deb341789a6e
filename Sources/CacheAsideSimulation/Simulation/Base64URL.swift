/// Unpadded base64url (RFC 4648 §5): bytes as letters, digits, `-` and `_`, so a replay token survives a
/// shell, a URL and a Swift string literal without quoting.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
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

    /// Why a text is not base64url.
    enum Problem: Error {
        /// A character outside the alphabet.
        case invalidCharacter(Character)
        /// A length no byte sequence encodes to (one character past a whole group), or a last character
        /// with bits set past the last byte, which no encoder writes.
        case malformed
    }

    /// The bytes `text` encodes.
    static func decode(_ text: Substring.UTF8View) throws(Problem) -> [UInt8] {
        var sextets: [UInt8] = []
        for character in text {
            guard let value = alphabet.firstIndex(of: character) else {
                throw .invalidCharacter(Character(UnicodeScalar(character)))
            }
            sextets.append(UInt8(value))
        }
        guard sextets.count % 4 != 1 else { throw .malformed }
        var bytes: [UInt8] = []
        var index = 0
        while index < sextets.count {
            let group = sextets[index..<min(index + 4, sextets.count)]
            var bits = 0
            for value in group { bits = bits << 6 | Int(value) }
            // The bits of a short last group beyond its last byte must be zero: else two texts would read
            // as the same bytes, and a changed last character would go unnoticed.
            guard bits & ((1 << (6 * group.count - 8 * (group.count - 1))) - 1) == 0 else {
                throw .malformed
            }
            bits <<= 6 * (4 - group.count)
            for position in 0..<(group.count - 1) { bytes.append(UInt8((bits >> (16 - 8 * position)) & 0xFF)) }
            index += 4
        }
        return bytes
    }
}
