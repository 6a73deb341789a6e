import Foundation

#if canImport(Darwin)
import Darwin
#endif

/// Whether a debugger is attached to this process.
///
/// A client stopped at a breakpoint looks exactly like a client spinning without `await`: it runs and
/// reaches no scheduling point. Ending the process under someone's debugger would make strategies
/// impossible to step through, so the watchdog stands down while one is attached.
enum DebuggerPresence {
    static var isAttached: Bool {
        #if os(Linux)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return false }
        for line in status.split(separator: "\n") where line.hasPrefix("TracerPid:") {
            return line.dropFirst("TracerPid:".count).trimmingCharacters(in: .whitespaces) != "0"
        }
        return false
        #elseif canImport(Darwin)
        var info = kinfo_proc()
        var size = MemoryLayout<kinfo_proc>.stride
        var name: [Int32] = [CTL_KERN, KERN_PROC, KERN_PROC_PID, getpid()]
        guard sysctl(&name, 4, &info, &size, nil, 0) == 0 else { return false }
        return info.kp_proc.p_flag & P_TRACED != 0
        #else
        return false
        #endif
    }
}
