import CacheAsideCheck
import CacheAsideModels
import Foundation
import Synchronization
import XCTest

/// Spins without awaiting until released: a strategy bug nothing inside the run can interrupt.
struct SpinsWithoutAwaiting: CachingStrategy {
    final class Release: Sendable {
        let released = Atomic<Bool>(false)
    }
    let release: Release
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        while !release.released.load(ordering: .acquiring) {}
        return try await env.database.read(key)
    }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await env.database.write(key, value) }
}

/// The watchdog reports one client stuck between scheduling points, naming it, its operation and the fix;
/// by default it ends the process with status 2; and it never stops a run that keeps reaching points.
final class SimulationWatchdogTests: XCTestCase {
    private let oneRead = Workload(clients: 1, operationsPerClient: 1, keys: 1, writeRatio: 0)

    /// Stalls the watchdog reported, from its thread.
    final class StallRecorder: Sendable {
        private let stalls = Mutex<[SimulationFailure]>([])
        func record(_ failure: SimulationFailure) { stalls.withLock { $0.append(failure) } }
        func withLock<Result>(_ body: ([SimulationFailure]) -> Result) -> Result { stalls.withLock { body($0) } }
    }

    /// Installs a handler recording stalls for the duration of `body`.
    private func recordingStalls(_ body: (_ recorded: StallRecorder) -> Void) {
        let recorded = StallRecorder()
        let previous = SimulationWatchdog.stallHandler
        SimulationWatchdog.stallHandler = { failure in recorded.record(failure) }
        defer { SimulationWatchdog.stallHandler = previous }
        body(recorded)
    }

    /// Runs a spinning client on a thread of its own with `stallTimeout`; `waitWhileSpinning` runs while it
    /// spins, then the client is released and the run waited for.
    private func spin(stallTimeout: Duration?, waitWhileSpinning: () -> Void) {
        let release = SpinsWithoutAwaiting.Release()
        let finished = expectation(description: "the run ends once released")
        let workload = oneRead
        Thread {
            _ = Simulation.run(
                SpinsWithoutAwaiting(release: release), workload: workload, choices: ChoiceSource(seed: 0),
                options: SimulationOptions(stallTimeout: stallTimeout))
            finished.fulfill()
        }.start()
        waitWhileSpinning()
        release.released.store(true, ordering: .releasing)
        wait(for: [finished], timeout: 30)
    }

    func testStallNamesTheClientTheOperationAndTheFix() {
        recordingStalls { recorded in
            spin(stallTimeout: .milliseconds(300)) {
                let deadline = ContinuousClock.now + .seconds(30)
                while recorded.withLock({ $0.isEmpty }), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
            }
            let stalls = recorded.withLock { $0 }
            XCTAssertEqual(stalls, [.stalled(.client(ClientID(1)), during: .read(Key(1)), after: .milliseconds(300))])
            let message = stalls.first.map(String.init(describing:)) ?? ""
            XCTAssertTrue(message.hasPrefix("client 1 ran for 300 ms without reaching a scheduling point during its read k1"), message)
            XCTAssertTrue(message.contains("make every loop await env.cache, env.database or env.clock, or bound it"), message)
            XCTAssertTrue(message.contains("SimulationOptions.stallTimeout"), message)
        }
    }

    /// A check of many runs takes far longer than the timeout, but no single client runs long between
    /// scheduling points: nothing is reported.
    func testLongCheckThatKeepsReachingSchedulingPointsIsNeverStopped() {
        recordingStalls { recorded in
            let started = ContinuousClock.now
            var exploration = Exploration(seeds: 0..<1_000_000, jobs: 2, shrink: false)
            exploration.timeLimit = .milliseconds(1_500)
            _ = Checker(
                strategy: CacheAside(), properties: [.convergence],
                simulation: SimulationOptions(stallTimeout: .milliseconds(500)), exploration: exploration
            ).check()
            XCTAssertGreaterThan(ContinuousClock.now - started, .milliseconds(1_000))
            Thread.sleep(forTimeInterval: 0.3)
            XCTAssertEqual(recorded.withLock { $0 }, [])
        }
    }

    /// Threads that ran simulations and exited leave nothing behind in the watch list.
    func testExitedThreadsAreNoLongerWatched() {
        _ = Simulation.run(CacheAside(), workload: oneRead, choices: ChoiceSource(seed: 0))
        let before = SimulationWatchdog.watchedThreads
        for _ in 0..<20 {
            let finished = expectation(description: "thread ran a simulation")
            let workload = oneRead
            Thread {
                _ = Simulation.run(CacheAside(), workload: workload, choices: ChoiceSource(seed: 0))
                finished.fulfill()
            }.start()
            wait(for: [finished], timeout: 30)
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while SimulationWatchdog.watchedThreads > before, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(SimulationWatchdog.watchedThreads, before)
    }

    func testNoTimeoutMeansNoStallIsReported() {
        recordingStalls { recorded in
            spin(stallTimeout: nil) { Thread.sleep(forTimeInterval: 0.6) }
            XCTAssertEqual(recorded.withLock { $0 }, [])
        }
    }

    /// The default handler, in a child process (this test bundle, re-run on the helper below): one line
    /// on standard error, status 2, instead of a hang.
    func testDefaultHandlerPrintsTheStallAndExitsWithStatus2() throws {
        #if os(Linux)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["CacheAsideCheckTests.SimulationWatchdogTests/testHelperSpinsUntilTheWatchdogEndsTheProcess"]
        process.environment = ProcessInfo.processInfo.environment.merging(["CACHEASIDE_SPIN_HELPER": "1"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 2, text)
        XCTAssertTrue(
            text.contains("error: client 1 ran for 300 ms without reaching a scheduling point during its read k1"), text)
        XCTAssertTrue(text.contains("make every loop await env.cache, env.database or env.clock, or bound it"), text)
        #else
        throw XCTSkip("re-running the test bundle as a child process is set up for Linux's XCTest only")
        #endif
    }

    /// Not a test on its own: run by the test above in a child process, where it never returns.
    func testHelperSpinsUntilTheWatchdogEndsTheProcess() {
        guard ProcessInfo.processInfo.environment["CACHEASIDE_SPIN_HELPER"] == "1" else { return }
        SimulationWatchdog.stallHandler = SimulationWatchdog.defaultHandler
        _ = Simulation.run(
            SpinsWithoutAwaiting(release: .init()), workload: oneRead, choices: ChoiceSource(seed: 0),
            options: SimulationOptions(stallTimeout: .milliseconds(300)))
        XCTFail("the watchdog should have ended the process")
    }
}
