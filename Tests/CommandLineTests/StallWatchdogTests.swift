import CacheAsideCheck
import XCTest

@testable import cacheaside_check

final class StallWatchdogTests: XCTestCase {
    func testMessageNamesTheClientTheOperationAndTheFix() {
        let text = StallWatchdog.message(for: .stalled(.client(ClientID(2)), during: .read(Key(1)), after: .seconds(60)))
        XCTAssertTrue(text.hasPrefix("Error: client 2 ran for 60 s without reaching a scheduling point during its read k1"), text)
        XCTAssertTrue(text.contains("make every loop await one of them, or bound it"), text)
        XCTAssertFalse(text.contains("SimulationOptions"), "the command line has no such parameter: \(text)")
    }
}
