#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes straight to a file descriptor and reports failure, so a full disk or a closed pipe
/// (`check-history h.jsonl >/dev/full`) becomes exit 2 with one line on standard error, rather than a
/// buffered `print` that fails silently at exit after the command reported success.
enum StandardOutputWriter {
    /// Writes all of `text` to `descriptor` (1 = standard output); returns the error text on failure.
    static func emit(_ text: String, to descriptor: Int32 = 1) -> String? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> String? in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return strerror(errno).map { String(cString: $0) } ?? "error \(errno)"
                }
                offset += written
            }
            return nil
        }
    }

    /// Writes one line to standard error, ignoring failure (there is nowhere left to report it).
    static func emitError(_ line: String) {
        _ = emit(line.hasSuffix("\n") ? line : line + "\n", to: 2)
    }
}
