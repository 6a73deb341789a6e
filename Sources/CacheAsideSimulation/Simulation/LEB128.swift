/// Unsigned LEB128 varints: seven bits a byte, low bits first, the top bit set on every byte but the
/// last — so the small numbers a choice sequence is made of take one byte each.
enum LEB128 {
    /// The bytes of `value`.
    static func encode(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            bytes.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
        return bytes
    }

    /// Why bytes are not a sequence of varints.
    enum Problem: Error {
        /// A number over 56 bits, more than any choice or bit set the tokens hold.
        case tooLarge
        /// The bytes end inside a number.
        case unterminated
    }

    /// Reads one number from the front of `bytes`, removing it.
    static func decode(from bytes: inout ArraySlice<UInt8>) throws(Problem) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = bytes.popFirst() {
            guard shift < 56 else { throw .tooLarge }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw .unterminated
    }
}
