import CacheAsideCheck
@testable import CacheAsideSimulation
import XCTest

/// The hash and the checksum are the published algorithms, bit for bit: their values are part of the
/// token format, so they are checked against the reference vectors rather than against themselves.
final class StableHashTests: XCTestCase {
    private func fnv1a(_ text: String) -> UInt64 {
        var hash = StableHash()
        for byte in text.utf8 { hash.add(byte) }
        return hash.value
    }

    func testFNV1aMatchesTheReferenceVectorsBeforeTheFinaliser() {
        // The FNV-1a state is private: compare through the finaliser, a bijection.
        XCTAssertEqual(fnv1a(""), StableHash.fmix64(0xcbf2_9ce4_8422_2325))
        XCTAssertEqual(fnv1a("a"), StableHash.fmix64(0xaf63_dc4c_8601_ec8c))
        XCTAssertEqual(fnv1a("foobar"), StableHash.fmix64(0x8594_4171_f739_67e8))
    }

    func testFmix64MatchesMurmurHash3() {
        XCTAssertEqual(StableHash.fmix64(0), 0)
        XCTAssertEqual(StableHash.fmix64(1), 0xb456_bcfc_34c2_cb2c)
    }

    func testLengthPrefixesKeepTextBoundaries() {
        var ab = StableHash()
        ab.add(lengthPrefixed: "ab")
        ab.add(lengthPrefixed: "")
        var a_b = StableHash()
        a_b.add(lengthPrefixed: "a")
        a_b.add(lengthPrefixed: "b")
        XCTAssertNotEqual(ab.value, a_b.value)
    }

    func testCRC32MatchesTheIEEECheckValue() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
    }
}
