/// Reads a history's bytes from a path, or from standard input when the path is `-` (`InputFile`), and
/// refuses an empty one by name. A NUL byte ends the read at once with the text check's error
/// (`HistoryText`), so `check-history /dev/zero` stops at its first chunk.
enum HistoryFile {
    /// The whole input, as bytes, at most `maxBytes` of them.
    static func contents(of path: String, maxBytes: Int = InputFile.defaultMaxBytes) throws(RecordedHistoryError) -> [UInt8] {
        let bytes = try InputFile.contents(of: path, maxBytes: maxBytes) { (bytes) throws(RecordedHistoryError) in
            _ = try bytes.withUnsafeBufferPointer { (buffer) throws(RecordedHistoryError) in try HistoryText.body(of: buffer) }
        }
        if bytes.isEmpty {
            throw RecordedHistoryError(
                line: nil, problem: "\(path == "-" ? "standard input" : path) is empty",
                fix: #"Write one event per line, e.g. {"process": 0, "type": "invoke", "f": "read", "key": 1, "value": null}"#)
        }
        return bytes
    }
}
