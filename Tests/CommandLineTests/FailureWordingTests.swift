import CacheAsideCheck
import XCTest

@testable import cacheaside_check

/// The terminal names flags where the library names `SimulationOptions` parameters.
final class FailureWordingTests: XCTestCase {
    func testStepBudgetNamesTheFlag() {
        let failure = SimulationFailure.stepBudgetExceeded(budget: 500, client: .client(ClientID(2)), during: .read(Key(1)))
        let text = failure.commandLineDescription
        XCTAssertTrue(text.contains("raise --step-budget"), text)
        XCTAssertFalse(text.contains("SimulationOptions"), text)
        XCTAssertTrue(text.contains("500 scheduling points, last client 2 during its read k1"), text)
    }

    func testOtherFailuresKeepTheLibraryWording() {
        let failure = SimulationFailure.deadlock(waiting: [.client(ClientID(1))], keys: [Key(1)])
        XCTAssertEqual(failure.commandLineDescription, failure.description)
    }
}
