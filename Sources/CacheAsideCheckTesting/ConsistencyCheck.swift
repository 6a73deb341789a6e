import CacheAsideCheck

/// What both assertion styles do before they fail: run the checker (or replay one run) and turn the
/// outcome into a report and, when it did not hold, the text to fail with. Keeping this apart from XCTest
/// and Swift Testing is what lets a test check the failure text without failing itself.
enum ConsistencyCheck {
    /// The report of every run `checker` explores, and the failure text if it does not hold.
    static func explore(_ checker: Checker) -> (report: Report, failure: String?) {
        let report = checker.check()
        return (report, report.failureMessage)
    }

    /// The report of the single run `token` describes, and the failure text if it does not hold or the
    /// token cannot be read (then there is no report).
    static func replay(_ checker: Checker, token: String) -> (report: Report?, failure: String?) {
        do {
            let report = try checker.report(replaying: token)
            return (report, report.failureMessage)
        } catch {
            return (nil, "cannot replay: \(error.description)")
        }
    }

    /// The whole failure text: which assertion failed and the user's own message, first, where they are
    /// seen even when the lanes are long, then the report's account.
    static func failureText(assertion: String, userMessage: String, failure: String) -> String {
        assertion + (userMessage.isEmpty ? "" : " (\(userMessage))") + ": " + failure
    }
}
