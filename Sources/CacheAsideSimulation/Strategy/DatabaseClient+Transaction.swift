extension DatabaseClient {
    /// A database transaction as the closure of `env.database.transaction { tx in … }` sees it: reads see
    /// the transaction's own writes; its writes and deletes are buffered and reach the rows, the change
    /// log, replica and versioned reads — everyone else — only when it commits (read committed). Every
    /// call is one step, in the client's lane.
    public struct Transaction: Sendable {
        let environment: Environment

        /// The row of `key` as this transaction sees it: its own latest write of `key` if it made one,
        /// otherwise the committed row now (read committed: another client's commit in between shows).
        nonisolated(nonsending) public func read(_ key: Key) async throws -> Value? {
            try await transactionStep(.transactionRead(key)) { open, world in
                let value = open.read(key, in: world.database)
                return (value, .value(value))
            }
        }

        /// Buffers a write of `value` to `key` until the commit.
        nonisolated(nonsending) public func write(_ key: Key, _ value: Value) async throws {
            try await transactionStep(.transactionWrite(key, value)) { open, _ in
                open.buffer(key, value)
                return ((), .done)
            }
        }

        /// Buffers a delete of `key`'s row until the commit.
        nonisolated(nonsending) public func delete(_ key: Key) async throws {
            try await transactionStep(.transactionDelete(key)) { open, _ in
                open.buffer(key, nil)
                return ((), .done)
            }
        }

        nonisolated(nonsending) private func transactionStep<Result>(
            _ action: StepAction, _ effect: (inout OpenTransaction, World) -> (Result, StepOutcome)
        ) async throws -> Result {
            let run = environment.run
            let slot = environment.slot
            return try await environment.step(action) { world in
                // A `Transaction` kept past its closure has nothing to act on: the strategy's mistake.
                guard var open = run.clients[slot].transaction else { throw TransactionClosed(call: action.callDescription) }
                let answer = effect(&open, world)
                run.clients[slot].transaction = open
                return answer
            }
        }
    }

    /// Runs `body` in a database transaction: a begin step, `body`'s steps, then a commit step that makes
    /// every write `body` buffered visible at once (rows, write counts, change log: one entry per key
    /// written). If `body` throws, a rollback step drops the writes and the error is rethrown; a client
    /// that crashes inside loses its transaction, as a dropped connection does. Cache calls inside `body`
    /// run at once, before the commit — which is what an ORM's `after_save` hook does.
    ///
    /// `env.database` calls inside `body` run outside the transaction (another connection). A nested
    /// `transaction` joins the open one, as Rails' nested `transaction` blocks do by default: no begin or
    /// commit of its own.
    @discardableResult
    nonisolated(nonsending) public func transaction<Result>(
        _ body: (Transaction) async throws -> Result
    ) async throws -> Result {
        let run = environment.run
        let slot = environment.slot
        let transaction = Transaction(environment: environment)
        if run.acceptsCalls, run.clients[slot].transaction != nil { return try await body(transaction) }
        do {
            try await environment.step(.databaseBegin) { _ in
                run.clients[slot].transaction = OpenTransaction()
                return ((), .done)
            }
        } catch {
            // A begin that took effect and then timed out (`DatabaseClient.Timeout`) left nothing the
            // client can use: the server gives up a transaction whose session it lost.
            if run.acceptsCalls { run.clients[slot].transaction = nil }
            throw error
        }
        let result: Result
        do {
            result = try await body(transaction)
        } catch let stopped as ClientStopped {
            throw stopped
        } catch {
            try await environment.step(.databaseRollback) { _ in
                run.clients[slot].transaction = nil
                return ((), .done)
            }
            throw error
        }
        try await environment.step(.databaseCommit) { world in
            let writes = run.clients[slot].transaction?.writes ?? []
            run.clients[slot].transaction = nil
            let written = world.database.commit(writes, at: world.now)
            return ((), written.isEmpty ? .done : .entries(written))
        }
        return result
    }
}

/// A call on a `DatabaseClient.Transaction` after its closure returned: there is no transaction to act on.
struct TransactionClosed: Error, CustomStringConvertible {
    /// The call, as the lanes show it.
    var call: String
    var description: String { "\(call) outside its transaction (a Transaction used after its closure returned)" }
}
