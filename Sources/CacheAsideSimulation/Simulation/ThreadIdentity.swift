#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The identity of an OS thread, to tell the simulation's own thread from any other.
///
/// A step called from another thread means a strategy escaped the simulation (for example through
/// `Task {}` or `Task.detached`, which run on the global executor); such a step must not touch the world.
struct ThreadIdentity: @unchecked Sendable {
    private let thread: pthread_t

    /// The calling thread.
    static var current: ThreadIdentity { ThreadIdentity(thread: pthread_self()) }

    /// Whether the calling thread is this one.
    var isCurrent: Bool { pthread_equal(thread, pthread_self()) != 0 }
}
