/// A problem with what the user typed: printed as one `Error:` line plus the usage line, exit code 2.
struct UsageError: Error, Equatable {
    /// The problem and the fix, in one sentence.
    var message: String

    init(_ message: String) { self.message = message }
}
