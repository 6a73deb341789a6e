/// A 64-bit hash that is the same in every process, on every platform and Swift version — unlike
/// `Hasher`, which is seeded per process, so a value hashed by it in one run means nothing in the next.
///
/// FNV-1a (Fowler, Noll & Vo) over the bytes, then the fmix64 finaliser of MurmurHash3 (Appleby). FNV-1a
/// alone reaches its top bits from the last bytes only through carries, so two descriptions that differ
/// in their final character can share most of their high bits; fmix64 makes every input bit flip each
/// output bit with probability about one half, and any slice of the result (a token's 16-bit digests)
/// is as good as any other.
struct StableHash {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of no bytes yet.
    init() {}

    /// Adds one byte (an FNV-1a round).
    mutating func add(_ byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01b3
    }

    /// Adds `text` as its UTF-8 byte count, in LEB128, then its bytes: a text's end is never the start of
    /// the next, so no two sequences of texts hash the same bytes.
    mutating func add(lengthPrefixed text: String) {
        var count = UInt64(text.utf8.count)
        repeat {
            let low = UInt8(count & 0x7F)
            count >>= 7
            add(count == 0 ? low : low | 0x80)
        } while count != 0
        for byte in text.utf8 { add(byte) }
    }

    /// The hash of everything added, finalised.
    var value: UInt64 { Self.fmix64(state) }

    /// MurmurHash3's 64-bit finaliser: a bijection, so it loses nothing FNV-1a kept.
    static func fmix64(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed ^= mixed >> 33
        mixed = mixed &* 0xff51_afd7_ed55_8ccd
        mixed ^= mixed >> 33
        mixed = mixed &* 0xc4ce_b9fe_1a85_ec53
        mixed ^= mixed >> 33
        return mixed
    }
}
