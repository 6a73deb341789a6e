#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole input — a path, or standard input when the path is `-` — within a byte limit: what
/// `check-history` and `merge` read their files with.
///
/// Reads stream to the end of input rather than trusting a size from `stat`, so pipes, FIFOs and
/// process substitution (`<(…)`, a `/dev/fd/N` path) work like regular files; the limit is what stops
/// an endless input (`/dev/zero`, `yes |`) from filling memory. A directory or an unreadable path is
/// reported by name, with what to do.
package enum InputFile {
    /// The default limit: 1 GiB, far above any history or report this tool can check in reasonable time.
    package static let defaultMaxBytes = 1 << 30

    /// The whole input, at most `maxBytes` of it. A text input has no NUL byte, so when a chunk read
    /// holds one, `refuseNUL` is given the bytes so far and throws: an input of zeros ends at once.
    package static func contents(
        of path: String, maxBytes: Int, refuseNUL: ([UInt8]) throws(RecordedHistoryError) -> Void
    ) throws(RecordedHistoryError) -> [UInt8] {
        let name = path == "-" ? "standard input" : path
        let descriptor: Int32
        if path == "-" {
            descriptor = 0
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 { throw openError(path, errno: errno) }
        }
        defer { if descriptor != 0 { close(descriptor) } }
        func overLimit() -> RecordedHistoryError {
            RecordedHistoryError(line: nil, problem: "\(name) is over the limit of \(maxBytes) bytes",
                                 fix: "Raise it with --max-bytes BYTES if the input really is this large")
        }
        var status = stat()
        var sizeHint = 0
        if fstat(descriptor, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFDIR {
                throw RecordedHistoryError(line: nil, problem: "\(name) is a directory",
                                           fix: "Name a file, not a directory")
            }
            if status.st_mode & S_IFMT == S_IFREG {
                sizeHint = Int(status.st_size)
                if sizeHint > maxBytes { throw overLimit() }
            }
        }
        // One read buffer, sized for the file when its size is known, never zeroed: a 4-line file
        // costs one small read, a large one a few big ones, a pipe 64 KiB at a time.
        let chunkSize = min(max(sizeHint + 1, 4096), sizeHint > 0 ? 1 << 24 : 1 << 16)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint + 1)
        while true {
            // One byte past the limit at most, to know the input is over it without reading the rest.
            let wanted = min(chunkSize, maxBytes - bytes.count + 1)
            let count = read(descriptor, chunk.baseAddress, wanted)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = errno == EISDIR ? "is a directory" : "could not be read (\(describe(errno)))"
                throw RecordedHistoryError(line: nil, problem: "\(name) \(reason)",
                                           fix: errno == EISDIR ? "Name a file, not a directory" : "Check the file")
            }
            let sawNUL = memchr(chunk.baseAddress!, 0, count) != nil
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            if sawNUL { try refuseNUL(bytes) }
            if bytes.count > maxBytes { throw overLimit() }
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
