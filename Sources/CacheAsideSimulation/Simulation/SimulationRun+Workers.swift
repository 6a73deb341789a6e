/// Background workers inside a run: started after the clients, in the slots after theirs; parked on logs
/// while idle; restarted after a crash from the position they acknowledged; stopped once the clients
/// are done and nothing is left for them (see `BackgroundWorker`).
extension SimulationRun {
    /// The logs a worker can wait on.
    enum LogKind: Equatable {
        /// The database's commit log.
        case database
        /// The work queue clients append to.
        case queue
    }

    /// Who runs in `slot`: a client, or a worker in the slots after theirs.
    func actorID(_ slot: Int) -> ActorID {
        slot < clientSlotCount ? .client(clientIDs[slot]) : .worker(workerIDs[slot - clientSlotCount])
    }

    /// Worker identities in declaration order, with repeated names numbered (`flusher`, `flusher 2`).
    static func workerIDs(_ workers: [any BackgroundWorker]) -> [WorkerID] {
        var seen: [String: Int] = [:]
        return workers.enumerated().map { index, worker in
            seen[worker.name, default: 0] += 1
            let count = seen[worker.name]!
            return WorkerID(index: index, name: count == 1 ? worker.name : "\(worker.name) \(count)")
        }
    }

    /// Runs worker `slot`'s loop, and again from its acknowledged position each time it crashes; a
    /// `CacheClient.Unavailable` it lets escape restarts it the same way (a supervisor restarts a process that
    /// died of an error). Any other error fails the run, as it does for a client.
    func runWorker(_ slot: Int) async {
        let worker = workers[slot - clientSlotCount]
        let env = Environment(run: self, slot: slot)
        while true {
            do {
                try await worker.run(from: clients[slot].acknowledged, in: env)
                break
            } catch is ClientStopped {
                // A crash (the fault) restarts the worker; any other stop (an abandoned run) ends it.
                guard clients[slot].stopped, failure == nil, acceptsCalls else { return }
                clients[slot].stopped = false
            } catch let fault as CacheClient.Unavailable {
                guard failure == nil, acceptsCalls else { return }
                record(slot, .fault("\(fault.description); restarts after #\(clients[slot].acknowledged)"))
            } catch let timeout as DatabaseClient.Timeout {
                guard failure == nil, acceptsCalls else { return }
                record(slot, .fault("\(timeout.description); restarts after #\(clients[slot].acknowledged)"))
            } catch {
                if failure == nil, !isFinished { failure = .unexpectedError(actorID(slot), during: nil, error: String(describing: error)) }
                return
            }
            clients[slot].state = .running
            running = slot
        }
        guard !isFinished else { return }
        clients[slot].state = .done
        running = nil
    }

    /// Once every client is done, counts the scheduling points left to workers; false when a worker has
    /// had `workerStepsAfterClients` of them and is still not idle (it polls rather than waits): the run
    /// ends there, and the properties judge the world as it is.
    func allowsWorkerStepAfterClients() -> Bool {
        stepsAfterClients += 1
        return stepsAfterClients <= options.workerStepsAfterClients
    }

    /// After a step: makes ready every worker waiting on a log that now has an entry past its position
    /// (only workers are woken; a client that waits on a log waits for ever and is reported).
    func wakeLogReaders() {
        for slot in clientSlotCount..<clients.count {
            guard case .waitingForLog(let log, let position) = clients[slot].state, lastPosition(of: log) > position
            else { continue }
            clients[slot].state = .ready
        }
    }

    /// The position of `log`'s last entry.
    func lastPosition(of log: LogKind) -> Int {
        switch log {
        case .database: world.database.changeLog.lastPosition
        case .queue: world.queue.lastPosition
        }
    }

    /// One step reading up to `limit` entries after `position` from `log`, parked until there is at
    /// least one (a long poll). For a worker, `position` is also its acknowledgement.
    nonisolated(nonsending) func readLog(_ slot: Int, _ log: LogKind, after position: Int, limit: Int) async throws
        -> [ChangeLog.Entry]
    {
        guard acceptsCalls else { try await refuseCall(slot) }
        if slot >= clientSlotCount { clients[slot].acknowledged = max(position, 0) }
        let action: StepAction =
            log == .database ? .databaseChanges(after: position, limit: limit) : .queueEntries(after: position, limit: limit)
        // Parked as waiting only when there is nothing to read yet: `wakeLogReaders` wakes it on the next entry.
        let waits = lastPosition(of: log) <= max(position, 0)
        return try await step(slot, action, parkingAs: waits ? .waitingForLog(log, after: max(position, 0)) : .ready) { world in
            let entries = Array(
                log == .database
                    ? world.database.changeLog.entries(after: position, limit: limit)
                    : world.queue.entries(after: position, limit: limit))
            return (entries, .entries(entries))
        }
    }
}
