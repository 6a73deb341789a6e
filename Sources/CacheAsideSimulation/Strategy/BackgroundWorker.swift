/// A loop that runs beside the clients for as long as the run lasts: a change-data-capture tailer, a
/// write-behind flusher, a refresh-ahead refresher. A strategy declares its workers in
/// `CachingStrategy.workers`.
///
/// A worker is ordinary async Swift against its own `Environment` (whose `worker` names it and whose
/// `client` is `nil`): each awaited call is one step and one scheduling point, chosen by the same choices
/// as the clients' steps, so a worker can lag behind by any amount the schedule allows, and shrinking
/// drives it toward its simplest form — it runs only when nothing else can, with the shortest waits.
///
/// A worker waits for work by following a log: `env.database.changes(after:limit:)` or
/// `env.queue.entries(after:limit:)` park it until an entry exists after the position it passes. A worker
/// parked there with nothing new is **idle**; the run ends once every client is done and every worker is
/// idle (or, for a worker that polls with `env.clock.sleep` and is never idle,
/// `SimulationOptions.workerStepsAfterClients` steps later), and the properties judge that quiet world.
///
/// The `client-crash` fault applies to workers too. A crashed worker is restarted at once, like a
/// supervised process: `run(from:in:)` is called again with the position it last **acknowledged** —
/// the `after:` of its latest log read, which says that everything up to there was handled (a Kafka
/// consumer committing its offset on poll). Whatever it had read past that position is delivered
/// again: at least once, never lost. A worker that catches the crash's error and calls on is parked for
/// good instead, as a crashed client is.
public protocol BackgroundWorker: Sendable {
    /// The worker's lane name, e.g. `tailer`.
    var name: String { get }

    /// The worker's loop, following its log from after `position` (0 on the first start). It normally
    /// never returns; returning ends the worker for the rest of the run.
    func run(from position: Int, in env: Environment) async throws
}
