import CacheAsideCheck

extension CacheAside {
    /// `load`, retried after each `DatabaseClient.Timeout` up to `retries` times: the one loop the
    /// retrying models share, differing only in what they do between attempts. `between` gets the
    /// attempt that just timed out (from 0) and may answer the read instead (a hit found meanwhile); the
    /// last timeout escapes and fails the operation.
    func load(
        _ key: Key, in env: Environment, retries: Int, between: (_ attempt: Int) async throws -> Value?
    ) async throws -> Value? {
        var attempt = 0
        while true {
            do {
                return try await load(key, in: env)
            } catch let timeout as DatabaseClient.Timeout {
                guard attempt < retries else { throw timeout }
                if let answer = try await between(attempt) { return answer }
                attempt += 1
            }
        }
    }
}
