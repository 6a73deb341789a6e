#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a history's bytes from a path, or from standard input when the path is `-`.
///
/// Reads stream to the end of input rather than trusting a size from `stat`, so pipes, FIFOs and
/// process substitution (`<(…)`, a `/dev/fd/N` path) work like regular files. A directory, an empty
/// input or an unreadable path is reported by name, with what to do.
enum HistoryFile {
    /// The whole input, as bytes.
    static func contents(of path: String) throws(RecordedHistoryError) -> [UInt8] {
        let name = path == "-" ? "standard input" : path
        let descriptor: Int32
        if path == "-" {
            descriptor = 0
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 { throw openError(path, errno: errno) }
        }
        defer { if descriptor != 0 { close(descriptor) } }
        var status = stat()
        var sizeHint = 0
        if fstat(descriptor, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFDIR {
                throw RecordedHistoryError(line: nil, problem: "\(name) is a directory",
                                           fix: "Name a history file, not a directory")
            }
            if status.st_mode & S_IFMT == S_IFREG { sizeHint = Int(status.st_size) }
        }
        // One read buffer, sized for the file when its size is known, never zeroed: a 4-line file
        // costs one small read, a large one a few big ones, a pipe 64 KiB at a time.
        let chunkSize = min(max(sizeHint + 1, 4096), sizeHint > 0 ? 1 << 24 : 1 << 16)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint + 1)
        while true {
            let count = read(descriptor, chunk.baseAddress, chunkSize)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = errno == EISDIR ? "is a directory" : "could not be read (\(describe(errno)))"
                throw RecordedHistoryError(line: nil, problem: "\(name) \(reason)",
                                           fix: errno == EISDIR ? "Name a history file, not a directory" : "Check the file")
            }
            // A NUL is refused as soon as it is read, so `check-history /dev/zero` ends at once.
            let sawNUL = memchr(chunk.baseAddress!, 0, count) != nil
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            if sawNUL { _ = try bytes.withUnsafeBufferPointer { (buffer) throws(RecordedHistoryError) in try HistoryText.body(of: buffer) } }
        }
        if bytes.isEmpty {
            throw RecordedHistoryError(
                line: nil, problem: "\(name) is empty",
                fix: #"Write one event per line, e.g. {"process": 0, "type": "invoke", "f": "read", "key": 1, "value": null}"#)
        }
        return bytes
    }

    private static func openError(_ path: String, errno code: Int32) -> RecordedHistoryError {
        switch code {
        case ENOENT, ENOTDIR:
            return RecordedHistoryError(line: nil, problem: "no file at \(path)", fix: "Check the path")
        case EACCES, EPERM:
            return RecordedHistoryError(line: nil, problem: "cannot read \(path): permission denied",
                                        fix: "Check its permissions")
        default:
            return RecordedHistoryError(line: nil, problem: "cannot open \(path) (\(describe(code)))", fix: "Check the path")
        }
    }

    private static func describe(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
