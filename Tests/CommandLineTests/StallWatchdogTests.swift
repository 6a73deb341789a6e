import Foundation
import Synchronization
import XCTest

@testable import cacheaside_check

final class StallWatchdogTests: XCTestCase {
    func testFiresOnceWhenProgressStandsStill() {
        let fired = expectation(description: "stall reported")
        let watchdog = StallWatchdog(timeout: .milliseconds(200), interval: .milliseconds(20), progress: { 7 }) {
            fired.fulfill()
        }
        wait(for: [fired], timeout: 5)
        watchdog.cancel()
    }

    func testStaysQuietWhileRunsKeepFinishing() {
        let counter = Atomic<Int>(0)
        let stalled = Atomic<Bool>(false)
        let watchdog = StallWatchdog(
            timeout: .milliseconds(200), interval: .milliseconds(20),
            progress: { counter.add(1, ordering: .relaxed).newValue }
        ) { stalled.store(true, ordering: .relaxed) }
        Thread.sleep(forTimeInterval: 0.6)
        watchdog.cancel()
        XCTAssertFalse(stalled.load(ordering: .relaxed))
    }

    func testMessageNamesTheProblemAndTheFix() {
        let text = String(format: StallWatchdog.message, 60)
        XCTAssertTrue(text.hasPrefix("Error: no simulated run finished for 60 s"))
        XCTAssertTrue(text.contains("await"))
    }
}
