import CacheAsideCheck
import XCTest

final class ReplayTokenTests: XCTestCase {
    func testRoundTripsChoiceSequences() throws {
        var rng = SplitMix64(seed: 42)
        for length in 0..<200 {
            let choices = (0..<length).map { _ in rng.below(3) == 0 ? rng.below(1 << 20) : rng.below(4) }
            var trimmed = choices
            while trimmed.last == 0 { trimmed.removeLast() }
            XCTAssertEqual(try ReplayToken.decode(ReplayToken.encode(choices)), trimmed)
        }
    }

    func testTokensArePrintableAndShort() {
        let token = ReplayToken.encode(Array(repeating: 2, count: 30))
        XCTAssertTrue(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        XCTAssertLessThan(token.count, 45)
    }

    func testRejectsMalformedTokens() {
        for bad in ["", "2AAAA", "1AA*A", "1A", "1_____"] {
            XCTAssertThrowsError(try ReplayToken.decode(bad), "token \(bad)")
        }
    }
}
