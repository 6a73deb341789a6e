/// Which limit stopped a linearizability search before it decided.
///
/// Step and memory limits are counted (search steps; bytes of memo reckoned from its contents), so
/// they stop a search at the same point on every machine and a verdict never depends on the machine's
/// speed. Only `time` is wall-clock, and a search it stops is undecided, never "holds".
public enum SearchLimit: Sendable, Hashable, CustomStringConvertible {
    /// The search took this many steps (one step: consider one entry of the history) without deciding.
    case searchSteps(Int)
    /// The memo of explored configurations outgrew this many bytes.
    case memory(bytes: Int)
    /// A wall-clock time limit passed.
    case time

    /// E.g. "search-step limit (100000000 steps)", "memory limit (512 MiB of search memo)".
    public var description: String {
        switch self {
        case .searchSteps(let steps): return "search-step limit (\(steps) steps)"
        case .memory(let bytes):
            let size = bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
            return "memory limit (\(size) of search memo)"
        case .time: return "time limit"
        }
    }
}
