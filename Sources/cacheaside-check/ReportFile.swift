#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an `--html FILE` or `--junit FILE` report the way a shell's `>` does: the path is opened for
/// writing and truncated, following a symlink to its target, so a symlink stays a symlink, `/dev/null`
/// stays a device and a FIFO is written to (once a reader has it open). An atomic replace would rename a
/// new regular file over all of those — as root, over `/dev/null` itself.
enum ReportFile {
    /// The report kinds, for messages: `flag` is the option that named the path.
    enum Kind {
        case html, junit

        var name: String { self == .html ? "HTML report" : "JUnit report" }
        var flag: String { self == .html ? "--html" : "--junit" }
    }

    /// Writes `text` to `path`; returns the one `Error:` line to print (exit 2) if it could not.
    static func write(_ text: String, to path: String, as kind: Kind) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return message(path, kind, errno: errno) }
        if let problem = StandardOutputWriter.emit(text, to: descriptor) {
            close(descriptor)
            return "Error: cannot write the \(kind.name) to \(path): \(problem); check the disk"
        }
        // A network file system may only report a full disk when the file is closed.
        if close(descriptor) != 0 { return message(path, kind, errno: errno) }
        return nil
    }

    /// Writes `text` to `path`, or prints why not on `errors` and returns false.
    static func write(_ text: String, to path: String, as kind: Kind, errors: inout some TextOutputStream) -> Bool {
        guard let problem = write(text, to: path, as: kind) else { return true }
        errors.write(problem + "\n")
        return false
    }

    private static func message(_ path: String, _ kind: Kind, errno code: Int32) -> String {
        let reason = switch code {
        case EISDIR: "it is a directory; give \(kind.flag) a file path, e.g. \(kind.flag) \(path.hasSuffix("/") ? path : path + "/")report.\(kind == .html ? "html" : "xml")"
        case ENOENT: "no such directory; check the path or create the directory first"
        case ENOTDIR: "a part of the path is not a directory; check the path"
        case EACCES, EPERM: "permission denied; choose a path you can write to"
        default: (strerror(code).map { String(cString: $0) } ?? "error \(code)") + "; check the path"
        }
        return "Error: cannot write the \(kind.name) to \(path): \(reason)"
    }
}
