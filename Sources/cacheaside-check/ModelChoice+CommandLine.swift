import CacheAsideModels

extension ModelChoice {
    /// The one model a `--model` value names, or the problem as a usage error (exit 2, one `Error:` line
    /// naming the parameters the model takes).
    static func parseForCommandLine(_ text: String) throws(UsageError) -> ModelChoice {
        do { return try parse(text) } catch { throw UsageError(error.message) }
    }

    /// The models a `compare --model` value lists, sweeps expanded, or the problem as a usage error.
    static func parseListForCommandLine(_ text: String) throws(UsageError) -> [ModelChoice] {
        do { return try parseList(text) } catch { throw UsageError(error.message) }
    }
}
