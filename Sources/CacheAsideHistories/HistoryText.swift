/// A history's bytes checked as text, once, before either reader sees them: a leading UTF-8 byte-order
/// mark (which some Windows editors write) is skipped, and a NUL byte or an invalid UTF-8 sequence is
/// refused with its line and byte offset. Both readers used to repair invalid UTF-8 in places (an EDN
/// keyword), so two different keys in the file could become one key in the check — a wrong verdict.
enum HistoryText {
    /// EF BB BF: U+FEFF encoded in UTF-8.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// How many leading bytes are a byte-order mark: 3 or 0.
    static func byteOrderMarkLength(_ bytes: some Collection<UInt8>) -> Int {
        bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
    }

    /// The bytes after a byte-order mark and how many newlines they hold (so arrays can be sized), once
    /// every byte is checked; throws at the first NUL or invalid UTF-8.
    static func body(of bytes: UnsafeBufferPointer<UInt8>) throws(RecordedHistoryError)
        -> (text: UnsafeBufferPointer<UInt8>, newlines: Int)
    {
        let start = byteOrderMarkLength(bytes)
        var index = start
        var newlines = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == UInt8(ascii: "\n") {
                    newlines += 1
                } else if byte == 0 {
                    throw RecordedHistoryError(
                        line: newlines + 1, problem: "a NUL byte at byte offset \(index); a history is text and has none",
                        fix: "Check that the file is a JSON Lines or EDN history, not binary data")
                }
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else {
                let hex = String(byte, radix: 16, uppercase: true)
                throw RecordedHistoryError(
                    line: newlines + 1, problem: "the byte 0x\(hex) at byte offset \(index) is not valid UTF-8",
                    fix: "Save the history as UTF-8")
            }
            index += length
        }
        return (UnsafeBufferPointer(rebasing: bytes[start...]), newlines)
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (RFC 3629, table 3-7 of the
    /// Unicode standard: no overlong forms, surrogates or code points above U+10FFFF), or 0.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch bytes[index] {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
