import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Records a history of operations on a real cache or database, from any number of threads or tasks,
/// in the JSON Lines format `check-history` reads — so an integration test can check the real system
/// for linearizability and stale reads.
///
/// Wrap each call: the recorder writes the invoke event before the call starts and the return event
/// after it ends. An event's line and timestamp are taken under one lock, so the file's line order is
/// a real-time order (what the linearizability check relies on) and times never go backwards.
///
/// ```swift
/// let recorder = HistoryRecorder()
/// let value = try await recorder.read(process: 1, key: "user:7") { try await cache.get("user:7") }
/// try await recorder.write(process: 2, key: "user:7", value: 3) { try await store.save("user:7", 3) }
/// try recorder.jsonLines.write(toFile: "history.jsonl", atomically: true, encoding: .utf8)
/// ```
///
/// A call that throws is recorded as `info`: it may or may not have taken effect. Use `fail(...)` with
/// the low-level API when you know it did not.
public final class HistoryRecorder: Sendable {
    /// Where timestamps come from; either way they are integers in nanoseconds.
    public enum TimeSource: Sendable {
        /// Nanoseconds since the recorder was created, from the monotonic clock: never jumps.
        case monotonic
        /// Nanoseconds since the Unix epoch, from the system's real-time clock: comparable across
        /// processes, but it may jump when the clock is set.
        case wallClock
    }

    /// A key or value as the history spells it: an integer, a string, or null (every key's initial
    /// value, and what a read of an absent key returns).
    public enum Scalar: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral {
        /// An integer, written as a JSON number (the full signed 64-bit range).
        case integer(Int)
        /// A string, written as a JSON string.
        case string(String)
        /// JSON `null`: every key's value before any write, and a read that found nothing.
        case null

        /// `3` is `.integer(3)`.
        public init(integerLiteral value: Int) { self = .integer(value) }
        /// `"user:7"` is `.string("user:7")`.
        public init(stringLiteral value: String) { self = .string(value) }
        /// `nil` is `.null`.
        public init(nilLiteral: ()) { self = .null }

        var json: String {
            switch self {
            case .integer(let value): return String(value)
            case .string(let value): return JSONScalar.quoted(value)
            case .null: return "null"
            }
        }
    }

    /// A register operation, with what it carries at its invoke.
    public enum Operation: Sendable, Hashable {
        /// A read; what it returned is recorded with its `ok` event.
        case read
        /// A write of the value.
        case write(Scalar)
        /// A compare-and-set from `expected` to `new`; whether it set is recorded with its `ok` event.
        case compareAndSet(expected: Scalar, new: Scalar)

        var function: String {
            switch self { case .read: "read"; case .write: "write"; case .compareAndSet: "cas" }
        }

        var invokeValue: String {
            switch self {
            case .read: return "null"
            case .write(let value): return value.json
            case .compareAndSet(let expected, let new): return "[\(expected.json), \(new.json)]"
            }
        }
    }

    private let timeSource: TimeSource
    private let origin = ContinuousClock.now
    private let lines = Mutex<[String]>([])

    /// Creates an empty recorder.
    public init(timeSource: TimeSource = .monotonic) {
        self.timeSource = timeSource
    }

    // MARK: Events

    /// Records that `process` starts `operation` on `key`.
    public func invoke(process: Int, key: Scalar, _ operation: Operation) {
        precondition(key != .null, "a key is an integer or a string")
        append(process, "invoke", operation.function, key, operation.invokeValue, extra: "")
    }

    /// Records that a read returned `value`.
    public func okRead(process: Int, key: Scalar, value: Scalar) {
        append(process, "ok", "read", key, value.json, extra: "")
    }

    /// Records that a write or compare-and-set returned. For a compare-and-set, `succeeded` says whether
    /// it set.
    ///
    /// What is not given is recorded as not known, never guessed: a compare-and-set without `succeeded`
    /// is recorded as `info`, as if the call had timed out, since a cas that set and one that did not
    /// leave different registers, and taking either for granted could make the linearizability check
    /// report a violation the system never had (or miss one). As `info` it may have set, or not, at any
    /// moment after its invoke, which the check allows for. Likewise a read's `ok` must carry the value it
    /// returned (`okRead(process:key:value:)`); given here it is recorded as `info`.
    public func ok(process: Int, key: Scalar, _ operation: Operation, succeeded: Bool? = nil) {
        switch operation {
        case .write:
            append(process, "ok", operation.function, key, operation.invokeValue, extra: "")
        case .compareAndSet:
            guard let succeeded else { return info(process: process, key: key, operation) }
            append(process, "ok", operation.function, key, operation.invokeValue, extra: ", \"succeeded\": \(succeeded)")
        case .read:
            info(process: process, key: key, operation)
        }
    }

    /// Records that the operation certainly did not take effect.
    public func fail(process: Int, key: Scalar, _ operation: Operation) {
        append(process, "fail", operation.function, key, operation == .read ? "null" : operation.invokeValue, extra: "")
    }

    /// Records that the operation's outcome is unknown: it may have taken effect, or not.
    public func info(process: Int, key: Scalar, _ operation: Operation) {
        append(process, "info", operation.function, key, operation == .read ? "null" : operation.invokeValue, extra: "")
    }

    // MARK: Wrapping calls

    /// Runs `call`, a read of `key`, between its invoke and its return; a throw is recorded as `info`.
    public func read(process: Int, key: Scalar, _ call: () async throws -> Scalar) async rethrows -> Scalar {
        invoke(process: process, key: key, .read)
        do {
            let value = try await call()
            okRead(process: process, key: key, value: value)
            return value
        } catch {
            info(process: process, key: key, .read)
            throw error
        }
    }

    /// Runs `call`, a write of `value` to `key`, between its invoke and its return.
    public func write(process: Int, key: Scalar, value: Scalar, _ call: () async throws -> Void) async rethrows {
        invoke(process: process, key: key, .write(value))
        do {
            try await call()
            ok(process: process, key: key, .write(value))
        } catch {
            info(process: process, key: key, .write(value))
            throw error
        }
    }

    /// Runs `call`, a compare-and-set of `key` from `expected` to `new` that returns whether it set.
    public func compareAndSet(
        process: Int, key: Scalar, expected: Scalar, new: Scalar, _ call: () async throws -> Bool
    ) async rethrows -> Bool {
        let operation = Operation.compareAndSet(expected: expected, new: new)
        invoke(process: process, key: key, operation)
        do {
            let succeeded = try await call()
            ok(process: process, key: key, operation, succeeded: succeeded)
            return succeeded
        } catch {
            info(process: process, key: key, operation)
            throw error
        }
    }

    // MARK: Output

    /// The history so far, one JSON event per line.
    public var jsonLines: String {
        lines.withLock { $0.isEmpty ? "" : $0.joined(separator: "\n") + "\n" }
    }

    /// How many events have been recorded.
    public var eventCount: Int { lines.withLock { $0.count } }

    private func append(_ process: Int, _ type: String, _ function: String, _ key: Scalar, _ value: String, extra: String) {
        lines.withLock { lines in
            // The timestamp is read under the lock, so it grows with the line order.
            lines.append(#"{"process": \#(process), "type": "\#(type)", "f": "\#(function)", "key": \#(key.json), "value": \#(value)\#(extra), "time": \#(now())}"#)
        }
    }

    private func now() -> Int {
        switch timeSource {
        case .monotonic:
            let elapsed = ContinuousClock.now - origin
            return Int(elapsed.components.seconds) * 1_000_000_000 + Int(elapsed.components.attoseconds / 1_000_000_000)
        case .wallClock:
            var spec = timespec()
            clock_gettime(CLOCK_REALTIME, &spec)
            return Int(spec.tv_sec) * 1_000_000_000 + Int(spec.tv_nsec)
        }
    }
}
