/// A problem with what the user typed: printed as `Error: <message>`, the form's usage line and
/// `See '<form> --help' for more information.` (`CommandDescription.errorText`), exit code 2.
struct UsageError: Error, Equatable {
    /// The problem and the fix, in one sentence.
    var message: String

    init(_ message: String) { self.message = message }
}
