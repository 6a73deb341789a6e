/// CRC-32 (IEEE 802.3: the checksum of zip, gzip and PNG), a replay token's guard against copying
/// damage. It catches every change confined to 32 consecutive bits — so every changed character of a
/// token, whose six bits sit inside one such run — and any other damage (two characters changed far
/// apart, a character dropped or added) but for one case in 2³².
///
/// Bitwise rather than table-driven: a token is a few dozen bytes, checked once.
enum CRC32 {
    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
