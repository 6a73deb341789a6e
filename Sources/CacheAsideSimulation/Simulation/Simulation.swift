/// Executes one run: starts a task per client on a `SimulationExecutor`, and at every scheduling point
/// resumes exactly one parked client, chosen through the `ChoiceSource`.
///
/// A client parks before each step on the cache, the database, the clock or a lock; when resumed it
/// performs that step atomically and runs its own code until it parks again or finishes. The driver is
/// an ordinary synchronous function: it drains the executor on the calling thread, so runs on different
/// threads (`--jobs`) never share anything.
package enum Simulation {
    /// Runs `strategy` on a workload drawn from `choices`, and returns what happened. Every run of a
    /// check — seeded, PCT, exhaustive, replayed or shrunk — comes through here.
    /// - Parameters:
    ///   - strategy: the strategy under test.
    ///   - workload: the shape the run's operations are drawn from.
    ///   - choices: where every decision comes from: a seed, or a recorded sequence to replay.
    ///   - options: faults, latencies, clock jumps, step budget and world invariants.
    ///   - policy: how seeded scheduling picks are drawn (random or PCT); replays do not depend on it.
    ///   - tracesSchedule: record every scheduling point in `RunRecord.schedule` (exhaustive
    ///     search needs them to tell which pending steps commute; other runs skip the allocation).
    package static func run(
        _ strategy: any CachingStrategy, workload: Workload, choices: ChoiceSource,
        options: SimulationOptions = SimulationOptions(), policy: any SchedulingPolicy = RandomScheduling(),
        tracesSchedule: Bool = false
    ) -> RunRecord {
        var choices = choices
        let plan = WorkloadPlan(drawing: workload, from: &choices)
        let planChoiceCount = choices.recorded.count
        var record = run(
            strategy, plan: plan, keys: workload.allKeys, choices: choices, options: options, policy: policy,
            tracesSchedule: tracesSchedule)
        record.planChoiceCount = planChoiceCount
        return record
    }

    /// Replays `outline` (see `RunOutline`), traced so that the result has an outline of its own.
    package static func run(
        _ strategy: any CachingStrategy, workload: Workload, following outline: RunOutline,
        options: SimulationOptions = SimulationOptions()
    ) -> RunRecord {
        let guide = ChoiceGuide(outline)
        return run(
            strategy, workload: workload, choices: ChoiceSource(.guided(guide)), options: options,
            policy: GuidedScheduling(guide), tracesSchedule: true)
    }

    /// Runs `strategy` on an explicit plan; the scheduling and faults come from `choices`.
    package static func run(
        _ strategy: any CachingStrategy, plan: WorkloadPlan, keys: [Key], choices: ChoiceSource,
        options: SimulationOptions = SimulationOptions(), policy: any SchedulingPolicy = RandomScheduling(),
        tracesSchedule: Bool = false
    ) -> RunRecord {
        let run = SimulationRun(
            strategy: strategy, plan: plan, keys: keys, choices: choices, options: options, policy: policy)
        if tracesSchedule { run.schedulingTrace = [] }
        var record = run.execute()
        run.finishTracedTransition()
        record.schedule = run.schedulingTrace
        return record
    }
}

/// Thrown into a client that must stop (its run was abandoned); never seen by users.
struct ClientStopped: Error {}

/// The state of one run. Every member is touched only on the thread that created it: client tasks run
/// on the run's own executor, which that thread drains. `step` checks this before touching anything.
/// That single-threaded discipline is also why the hot members skip dynamic exclusivity checks
/// (`@exclusivity(unchecked)`): they cost over a tenth of a scheduling point and can never fire here.
final class SimulationRun: @unchecked Sendable {
    enum ClientState: Equatable {
        case notStarted, running, ready, done
        case sleeping(until: Ticks)
        /// Waiting for a call's answer or thinking (`SimulationRun+Time`): like sleeping, but the clock
        /// moving on to wake it is not worth a line in the history.
        case busy(until: Ticks)
        /// Waiting for the lock on the key to be released, or until its holder's lease ends.
        case waitingForLock(Key, until: Ticks?)
        /// Waiting for an entry after `position` in a log (a worker's long poll); a worker waiting here
        /// with nothing new is idle.
        case waitingForLog(LogKind, after: Int)
    }

    struct ClientSlot {
        var state = ClientState.notStarted
        var isWaitingForLog: Bool {
            if case .waitingForLog = state { return true }
            return false
        }
        /// Crashed by a fault: it must never run again, even if it swallows the error and calls on.
        var stopped = false
        var continuation: UnsafeContinuation<Void, any Error>?
        var operation: ClientOperation?
        var invokeRecorded = true
        /// The step the client will take when resumed (`nil` for a sleeper or a lock waiter), so that
        /// exhaustive search can tell which pending steps commute.
        var pendingAction: StepAction?
        /// A worker's acknowledged log position: the `after:` of its latest log read, where it restarts
        /// after a crash.
        var acknowledged = 0
        /// Calls refused while the finished run unwinds this task (`releaseSuspendedTasks`).
        var callsWhileUnwinding = 0
        /// The client's open database transaction, between its begin and its commit or rollback.
        var transaction: OpenTransaction?
    }

    let strategy: any CachingStrategy
    let plan: WorkloadPlan
    /// Clients are numbered 1, 2, … among the slots that have operations, so a shrunk run with two
    /// clients shows clients 1 and 2 whichever slots they came from; scheduling choices still count in
    /// slots, which keeps their meaning stable when the shrinker empties a slot.
    let clientIDs: [ClientID]
    /// The slot of each client number (index `number - 1`).
    let slotOfClient: [Int]
    /// How many slots belong to clients (the plan's); the strategy's workers take the slots after them,
    /// so adding workers leaves the meaning of every client slot, and of the choices naming it, as it was.
    let clientSlotCount: Int
    /// The strategy's background workers; worker `i` runs in slot `clientSlotCount + i`.
    let workers: [any BackgroundWorker]
    /// The workers' identities (named uniquely), for slots from `clientSlotCount` on.
    let workerIDs: [WorkerID]
    /// Client slots not yet done; once it reaches 0 only workers run, for at most
    /// `options.workerStepsAfterClients` scheduling points.
    @exclusivity(unchecked) var clientsRemaining = 0
    @exclusivity(unchecked) var stepsAfterClients = 0
    let options: SimulationOptions
    /// `options.faults` as flags indexed by `Fault.index`: checked at every step, so no hashing (and, as
    /// bits, no array to allocate per run).
    let enabledFaults: FaultFlags
    let stepBudget: Int
    /// `options.latencies`, or `nil` when every call takes one tick of serial time (then no latency choice
    /// is drawn).
    let latencies: SimulationOptions.Latencies?
    /// How far the clock moves for a step itself: 1 in serial time, 0 in concurrent time.
    let ticksPerStep: Ticks
    @exclusivity(unchecked) var world: World
    @exclusivity(unchecked) var choices: ChoiceSource
    @exclusivity(unchecked) var policy: any SchedulingPolicy
    @exclusivity(unchecked) var history = History()
    @exclusivity(unchecked) var clients: [ClientSlot]
    let executor = SimulationExecutor()
    let thread = ThreadIdentity.current
    /// Where this thread publishes which client runs, for `SimulationWatchdog`.
    let activity = RunActivity.forCurrentThread
    @exclusivity(unchecked) var running: Int?
    @exclusivity(unchecked) var lastRun: Int?
    @exclusivity(unchecked) var failure: SimulationFailure? { didSet { hasFailed = failure != nil } }
    /// `failure != nil`, kept as a flag: the hot path asks at every scheduling point, and a failure that
    /// can name a worker (whose name is a `String`) is not a type whose `nil` test is free.
    @exclusivity(unchecked) private(set) var hasFailed = false
    @exclusivity(unchecked) var schedulingPoints = 0
    @exclusivity(unchecked) var nextWriteVersion = 1
    /// Set when `execute` returns: calls from clients left behind are refused from then on.
    @exclusivity(unchecked) var isFinished = false
    /// Set while the finished run resumes its parked tasks so that they end (`releaseSuspendedTasks`).
    var isUnwinding = false
    /// Tasks parked for good (crashed, or calling on after the run failed), with their slots: only the
    /// end of the run resumes them, to let them unwind.
    var abandonedTasks: [(slot: Int, continuation: UnsafeContinuation<Void, any Error>)] = []
    var lockHolders: [Key: LockHold] = [:]
    var invariantBreaks: [String: Int] = [:]
    /// Faults injected so far, against `options.faultLimit`.
    var faultsInjected = 0
    /// Every scheduling point, when exhaustive search asks for them (`nil` otherwise: nothing is recorded).
    var schedulingTrace: [SchedulingPoint]?
    /// Whether a cache restart or a clock jump happened since the last traced scheduling point: either
    /// changes what every later step sees, so exhaustive search wakes every sleeping client there.
    var worldChangedSinceLastPoint = false
    /// What the transition running since the last traced point did (`TransitionEffects`); only kept up
    /// when `schedulingTrace` is.
    @exclusivity(unchecked) var transitionEffects: TransitionEffects = []
    @exclusivity(unchecked) private var runnableBuffer: [ClientID] = []
    /// Whether database calls can slow down or time out (`SimulationOptions.databaseCapacity`,
    /// `.databaseTimeout`); off, a call's latency is its drawn one, as it always was.
    let overloadable: Bool
    /// When each database call in flight ends, with a capacity (`DatabaseCapacity.swift`).
    var databaseBusyUntil: [Ticks] = []
    /// `options.cacheFlushAt` until the flush has happened.
    var pendingCacheFlush: Ticks?

    init(
        strategy: any CachingStrategy, plan: WorkloadPlan, keys: [Key], choices: ChoiceSource,
        options: SimulationOptions, policy: any SchedulingPolicy
    ) {
        self.strategy = strategy
        self.plan = plan
        let activeSlots = plan.operations.indices.filter { !plan.operations[$0].isEmpty }
        var ids = plan.operations.indices.map { ClientID(plan.operations.count + $0 + 1) }
        for (rank, slot) in activeSlots.enumerated() { ids[slot] = ClientID(rank + 1) }
        clientIDs = ids
        slotOfClient = activeSlots
        clientSlotCount = plan.operations.count
        clientsRemaining = activeSlots.count
        workers = strategy.workers
        workerIDs = workers.isEmpty ? [] : Self.workerIDs(workers)
        self.options = options
        enabledFaults = FaultFlags(options.faults)
        self.choices = choices
        self.policy = policy
        stepBudget = options.effectiveStepBudget(for: plan)
        ticksPerStep = options.timing.ticksPerStep
        overloadable = options.databaseCapacity != nil || options.databaseTimeout != nil
        pendingCacheFlush = options.cacheFlushAt
        latencies = options.latencies == .instant && options.timing == .serial && !overloadable ? nil : options.latencies
        world = World(keys: keys, leaseTTL: options.leaseTTL, absent: plan.absentKeys)
        world.addHosts(plan.hosts)
        clients = Array(repeating: ClientSlot(), count: plan.operations.count + workers.count)
        runnableBuffer.reserveCapacity(clients.count)
        // An operation is an invoke, a return and a few steps: one allocation for the history, not a
        // doubling every few events.
        history.reserveCapacity(
            events: 8 + 6 * plan.operationCount, operations: plan.operationCount, clients: plan.operations.count)
        Self.liveRunCount.add(1, ordering: .relaxed)
    }

    deinit { Self.liveRunCount.subtract(1, ordering: .relaxed) }

    func execute() -> RunRecord {
        _ = TaskSpawnHook.isInstalled
        warmUp()
        activity.begin(self, timeout: options.stallTimeout)
        CurrentRun.driving(self) { executeClients() }
        isFinished = true
        let record = RunRecord(
            plan: plan, history: history, finalWorld: world, choices: choices.recorded,
            choiceBounds: choices.bounds, failure: failure, schedulingPoints: schedulingPoints,
            invariantBreaks: invariantBreaks, timing: options.timing)
        CurrentRun.driving(self) { releaseSuspendedTasks() }
        activity.end()
        return record
    }

    private func executeClients() {
        for slot in 0..<clientSlotCount {
            guard !plan.operations[slot].isEmpty else {
                clients[slot].state = .done
                continue
            }
            if !start(slot) { break }
        }
        // Workers start after every client, in their own slots.
        for slot in clientSlotCount..<clients.count where !hasFailed {
            if !start(slot) { break }
        }
        running = nil
        while !hasFailed, scheduleNext() {
            if let slot = lastRun { activity.clientRunning(slot, at: schedulingPoints) }
            executor.drain()
            activity.clientYielded()
            _ = checkForEscape()
        }
        if !hasFailed { drainInvalidations() }
    }

    /// Starts `slot`'s task (a client's or a worker's) and runs it to its first scheduling point; false if
    /// that made the run fail.
    private func start(_ slot: Int) -> Bool {
        clients[slot].state = .running
        running = slot
        if slot < clientSlotCount {
            Task(executorPreference: executor) { await self.runClient(slot) }
        } else {
            Task(executorPreference: executor) { await self.runWorker(slot) }
        }
        activity.clientRunning(slot, at: schedulingPoints)
        executor.drain()
        activity.clientYielded()
        return !checkForEscape()
    }

    // MARK: Scheduling

    /// Picks and resumes one client; returns false when nothing is left to run.
    private func scheduleNext() -> Bool {
        if pendingCacheFlush != nil { flushCacheIfDue() }
        runnableBuffer.removeAll(keepingCapacity: true)
        for slot in clients.indices where isRunnable(slot) { runnableBuffer.append(ClientID(slot + 1)) }
        if runnableBuffer.isEmpty { return advanceClockOrFinish() }
        if clientsRemaining == 0, !workers.isEmpty, !allowsWorkerStepAfterClients() { return false }
        if world.invalidations.isActive { deliverInvalidationsIfChosen() }
        // A jump wakes the sleepers whose deadline it passed: they are candidates of this pick too, so
        // the pick (and a traced point's candidates) is among the clients that can run when it is made.
        if jumpClockIfChosen() {
            runnableBuffer.removeAll(keepingCapacity: true)
            for slot in clients.indices where isRunnable(slot) { runnableBuffer.append(ClientID(slot + 1)) }
        }
        let slot = runnableBuffer.count == 1 ? runnableBuffer[0].number - 1 : chooseClient()
        if schedulingTrace != nil { traceSchedulingPoint(chosen: slot, among: runnableBuffer) }
        restartCacheIfChosen(beforeTheStepOf: slot)
        schedulingPoints += 1
        if schedulingPoints > stepBudget {
            failure = .stepBudgetExceeded(budget: stepBudget, client: actorID(slot), during: clients[slot].operation)
            return false
        }
        resume(slot)
        return true
    }

    /// A choice in `0..<slots`: the distance, in slots, from the one that ran last; the first runnable
    /// client at or after that distance runs, or, when no client can, the first runnable worker. `0`
    /// keeps the same client (no preemption) and lets workers wait while a client can run, and a recorded
    /// value keeps its meaning when other choices are deleted (DESIGN.md). The policy sees each slot as
    /// `ClientID(slot + 1)`, which orders clients exactly as their numbers do.
    private func chooseClient() -> Int {
        let count = clients.count
        let base = lastRun ?? 0
        let offset = choices.choose(below: count) { rng in
            let picked = policy.pick(among: runnableBuffer, lastRun: lastRun.map { ClientID($0 + 1) }, rng: &rng)
            return (picked.number - 1 - base + count) % count
        }
        let slot = (base + offset) % count
        return isRunnable(slot) ? slot : firstRunnable(from: slot)
    }

    /// The first runnable client slot at or after `start` (cyclically), else the first runnable worker.
    private func firstRunnable(from start: Int) -> Int {
        let count = clients.count
        var slot = start
        for _ in 0..<count {
            if slot < clientSlotCount, isRunnable(slot) { return slot }
            slot = (slot + 1) % count
        }
        while !isRunnable(slot) { slot = (slot + 1) % count }
        return slot
    }

    private func isRunnable(_ slot: Int) -> Bool {
        switch clients[slot].state {
        case .ready: true
        case .sleeping(let until), .busy(let until), .waitingForLock(_, let until?): until <= world.now
        // A worker waiting on a log is made ready when an entry lands (`wakeLogReaders`), so the scan over
        // every slot at each point costs no more than it did before workers.
        default: false
        }
    }

    private func resume(_ slot: Int) {
        let continuation = clients[slot].continuation!
        clients[slot].continuation = nil
        clients[slot].state = .running
        running = slot
        lastRun = slot
        continuation.resume()
    }

    /// With nobody runnable: jump the clock to the earliest sleeper, or end (done, or deadlocked).
    private func advanceClockOrFinish() -> Bool {
        var earliest: Ticks?
        var wakesASleeper = false
        for slot in clients.indices {
            switch clients[slot].state {
            // No `earliest ?? .max` sentinel: a sleep to the end of time wakes at `Ticks.max` too.
            case .sleeping(let until), .waitingForLock(_, let until?):
                if earliest.map({ until < $0 }) ?? true { (earliest, wakesASleeper) = (until, true) }
                else if until == earliest { wakesASleeper = true }
            case .busy(let until):
                if earliest.map({ until < $0 }) ?? true { (earliest, wakesASleeper) = (until, false) }
            default: break
            }
        }
        if let earliest {
            world.now = earliest
            if wakesASleeper {
                history.append(HistoryEvent(tick: earliest, client: nil, kind: .clockAdvanced(to: earliest)))
            }
            checkInvariants()  // entries may have expired
            return true
        }
        // A worker waiting for a log entry is idle, not stuck; a client waiting for a lock nobody will
        // release, or for a log entry (no entry would wake it), never finishes its operation. Locks are
        // named first: releasing them may be what lets the rest run.
        let lockWaits = clients.indices.compactMap { slot -> (ActorID, Key)? in
            guard case .waitingForLock(let key, nil) = clients[slot].state else { return nil }
            return (actorID(slot), key)
        }
        if !lockWaits.isEmpty {
            failure = .deadlock(waiting: lockWaits.map(\.0), keys: Array(Set(lockWaits.map(\.1))).sorted())
        } else if let slot = (0..<clientSlotCount).first(where: { clients[$0].isWaitingForLog }),
            case .waitingForLog(let log, let position) = clients[slot].state
        {
            failure = .waitsForLogEntry(
                actorID(slot), during: clients[slot].operation, log: log == .database ? .changeLog : .workQueue,
                after: position)
        }
        return false
    }

    // MARK: Clients

    private func runClient(_ slot: Int) async {
        let env = Environment(run: self, slot: slot)
        for (index, planned) in plan.operations[slot].enumerated() {
            // A client that swallowed the stop of a finished run must not start another operation.
            guard !isFinished else { return }
            if plan.thinkTime(slot: slot, before: index) > 0 {
                do { try await think(slot, before: index) } catch { return }
            }
            let operation: ClientOperation
            switch planned {
            case .read(let key): operation = .read(key)
            case .write(let key):
                operation = .write(key, Value(version: nextWriteVersion))
                nextWriteVersion += 1
                transitionEffects.insert(.allocatedValue)
            }
            clients[slot].operation = operation
            clients[slot].invokeRecorded = false
            do {
                let result: Value?
                switch operation {
                case .read(let key): result = try await strategy.read(key, in: env)
                case .write(let key, let value):
                    try await strategy.write(key, value, in: env)
                    result = nil
                }
                guard !isFinished else { return }
                recordInvokeIfNeeded(slot)
                record(slot, .returned(operation, result))
                transitionEffects.insert(.endedOperation)
            } catch is ClientStopped {
                // Stopped by this run (a crash, a failure, its end), or by another: an `Environment` kept
                // from an earlier run refuses every call, and must not end this client silently.
                if !clients[slot].stopped, failure == nil, !isFinished { failure = .escaped(actorID(slot), during: operation) }
                return
            } catch where isFinished {
                return
            } catch let fault as CacheClient.Unavailable {
                recordInvokeIfNeeded(slot)
                record(slot, .failed(operation, reason: fault.description))
                transitionEffects.insert(.endedOperation)
            } catch let timeout as DatabaseClient.Timeout {
                recordInvokeIfNeeded(slot)
                record(slot, .failed(operation, reason: timeout.description))
                transitionEffects.insert(.endedOperation)
            } catch {
                if failure == nil {
                    failure = .unexpectedError(actorID(slot), during: operation, error: String(describing: error))
                }
                return
            }
        }
        clients[slot].operation = nil
        clients[slot].state = .done
        clientsRemaining -= 1
        running = nil
    }

    func record(_ slot: Int, _ kind: consuming HistoryEvent.Kind) {
        if slot < clientSlotCount {
            history.append(HistoryEvent(tick: world.now, client: clientIDs[slot], kind: kind))
        } else {
            history.append(HistoryEvent(tick: world.now, actor: actorID(slot), kind: kind))
        }
    }

    private func recordInvokeIfNeeded(_ slot: Int) {
        guard !clients[slot].invokeRecorded, let operation = clients[slot].operation else { return }
        clients[slot].invokeRecorded = true
        record(slot, .invoke(operation))
    }

    // MARK: Steps

    /// Parks `slot` until the scheduler picks it. A client that must never run again (crashed, or its run
    /// was abandoned) parks for good: its task is simply never resumed, whatever errors it swallows.
    nonisolated(nonsending) func park(_ slot: Int, as state: ClientState = .ready, before action: StepAction? = nil) async throws {
        guard acceptsCalls else { try await refuseCall(slot) }
        if clients[slot].stopped || hasFailed {
            // Suspend until the run ends, which resumes it only to stop it: the client never runs again.
            try await withUnsafeThrowingContinuation { abandonedTasks.append((slot, $0)) }
            throw ClientStopped()
        }
        guard clients[slot].continuation == nil else {
            if failure == nil { failure = .concurrentSteps(actorID(slot)) }
            throw ClientStopped()
        }
        try await withUnsafeThrowingContinuation { continuation in
            clients[slot].continuation = continuation
            clients[slot].state = state
            clients[slot].pendingAction = action
            if running == slot { running = nil }
        }
    }

    /// One atomic step: park (as `state`: ready, or waiting for a log entry), then (once picked) record
    /// the invocation if this is the operation's first step, advance the clock, apply `effect` to the
    /// world and record what came of it.
    nonisolated(nonsending) func step<Result>(
        _ slot: Int, _ action: StepAction, parkingAs state: ClientState = .ready,
        _ effect: (inout World) throws -> (Result, StepOutcome)
    ) async throws -> Result {
        guard acceptsCalls else {
            // A stray task (another thread) or a client left behind by a finished run: stopped without
            // touching state. Its start was already reported (see `SimulationRun+Misuse`); the count is
            // a last resort for a stray the hooks could not see.
            try await refuseCall(slot)
        }
        try await park(slot, as: state, before: action)
        if schedulingTrace != nil, stepObservesTime(action) { transitionEffects.insert(.observedTime) }
        try injectCrashIfChosen(slot)
        world.now = world.now.advanced(saturatingBy: ticksPerStep)
        recordInvokeIfNeeded(slot)
        let result: Result
        let outcome: StepOutcome
        do {
            (result, outcome) = try effect(&world)
        } catch let fault as CacheClient.Unavailable {
            record(slot, .step(Step(action: action, outcome: .fault(Fault.cacheUnavailable.rawValue))))
            throw fault
        }
        // The latency is drawn after the effect, as it always was, but before the record: a call that
        // times out is recorded as failed, since its answer never reached the client.
        let answer = latencies.map { answerDelay(action, $0) }
        let timedOut = answer?.timedOut == true
        record(slot, .step(Step(action: action, outcome: timedOut ? .fault(DatabaseClient.Timeout.faultName) : outcome)))
        if world.invalidations.isActive { sendInvalidations(after: action, outcome) }
        if !workers.isEmpty { wakeLogReaders() }
        checkInvariants()
        if let answer { try await awaitAnswer(slot, after: answer.latency) }
        if timedOut { throw DatabaseClient.Timeout(call: action.callDescription, waited: answer!.latency) }
        return result
    }

    /// Evaluates the world invariants that have not broken yet, remembering where each first breaks.
    func checkInvariants() {
        for invariant in options.worldInvariants where invariantBreaks[invariant.name] == nil {
            if !invariant.holds(world) { invariantBreaks[invariant.name] = history.events.count - 1 }
        }
    }

    // MARK: Faults

    /// Draws whether `fault` fires at this opportunity (only when it is enabled): 0 = no.
    func faultFires(_ fault: Fault) -> Bool {
        guard enabledFaults[fault.index] else { return false }
        guard mayInjectFault else {
            _ = choices.choose(below: 1)
            return false
        }
        let rate = fault.generationRate
        let fires = choices.choose(below: 2) { $0.unitInterval() < rate ? 1 : 0 } == 1
        if fires { faultsInjected += 1 }
        return fires
    }

    /// Whether the run's fault limit (`SimulationOptions.faultLimit`) leaves room for one more fault.
    var mayInjectFault: Bool { options.faultLimit.map { faultsInjected < $0 } ?? true }

    private func injectCrashIfChosen(_ slot: Int) throws {
        guard faultFires(.clientCrash) else { return }
        if slot >= clientSlotCount {
            record(slot, .fault("crashed; restarts after #\(clients[slot].acknowledged)"))
        } else {
            if clients[slot].invokeRecorded, let operation = clients[slot].operation {
                record(slot, .crashed(operation))
            }
            transitionEffects.insert(.endedOperation)
            clientsRemaining -= 1
        }
        clients[slot].state = .done
        clients[slot].stopped = true
        clients[slot].operation = nil
        // A crashed client's connection is gone, and with it its open transaction: rolled back.
        clients[slot].transaction = nil
        running = nil
        throw ClientStopped()
    }

    /// With `cache-restart` enabled, draws whether the cache restarts just before the step about to run.
    /// Only the cache sees a restart, so it is drawn only before a cache step (or a waking client's step,
    /// which is not known yet) and only when the cache holds something: a restart anywhere else is the
    /// same run as a restart before the next cache step, and a restart of an empty cache changes nothing.
    /// Either way the choice would only multiply the runs exhaustive search explores and give shrinking
    /// something to remove.
    private func restartCacheIfChosen(beforeTheStepOf slot: Int) {
        // Checked first: at every scheduling point of a run without the fault, this is all it costs.
        guard enabledFaults[Fault.cacheRestart.index], !world.cache.isEmpty else { return }
        if let action = clients[slot].pendingAction, action.component != .cache { return }
        guard faultFires(.cacheRestart) else { return }
        worldChangedSinceLastPoint = true
        world.cache.flushAll()
        history.append(HistoryEvent(tick: world.now, client: nil, kind: .fault("cache restarted: every entry lost")))
        disconnectAllHosts()
        checkInvariants()
    }

    /// With clock jumps enabled, draws how far the clock jumps before the next step: `0` (no jump) or up
    /// to the limit. Seeded runs jump at one point in twenty, by a uniform amount.
    /// Returns whether the clock jumped.
    private func jumpClockIfChosen() -> Bool {
        // The bound of the choice is `limit + 1`, so the longest jump stops one short of `Ticks.max`.
        guard let limit = options.clockJumps.map({ min($0, Ticks.max - 1) }), limit > 0 else { return false }
        let jump = choices.choose(below: limit + 1) { rng in rng.unitInterval() < 0.05 ? 1 + rng.below(limit) : 0 }
        guard jump > 0 else { return false }
        worldChangedSinceLastPoint = true
        world.now = world.now.advanced(saturatingBy: jump)
        history.append(HistoryEvent(tick: world.now, client: nil, kind: .clockAdvanced(to: world.now)))
        checkInvariants()  // entries may have expired
        return true
    }
}
