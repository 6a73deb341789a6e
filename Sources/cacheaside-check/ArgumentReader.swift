/// Reads `--flag value` arguments one at a time, with the error messages every command shares: a
/// missing value, a malformed number, a number out of range.
struct ArgumentReader {
    private var remaining: ArraySlice<String>

    init(_ arguments: [String]) { remaining = arguments[...] }

    /// The next argument, consumed.
    mutating func next() -> String? { remaining.popFirst() }

    /// Whether every argument has been read.
    var isEmpty: Bool { remaining.isEmpty }

    /// The value following `flag`, consumed; an error if there is none.
    mutating func value(for flag: String, placeholder: String) throws(UsageError) -> String {
        guard let value = remaining.first, !value.hasPrefix("--") || Int(value) != nil else {
            throw UsageError("\(flag) needs a value; write \(flag) \(placeholder)")
        }
        remaining.removeFirst()
        return value
    }

    /// An integer value in `range` following `flag`.
    mutating func integer(for flag: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        let text = try value(for: flag, placeholder: "N")
        return try Self.integer(text, for: flag, in: range)
    }

    /// `text` as an integer in `range`, or an error naming `flag`.
    static func integer(_ text: String, for flag: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let number = Int(text) else {
            throw UsageError("\(flag) takes a whole number, not '\(text)'; write e.g. \(flag) \(range.lowerBound)")
        }
        guard range.contains(number) else {
            throw UsageError("\(flag) \(number) is out of range; use a value from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// A non-negative 64-bit seed following `flag`.
    mutating func seed(for flag: String) throws(UsageError) -> UInt64 {
        let text = try value(for: flag, placeholder: "N")
        // The largest value is left out: the seeds are a half-open range, which cannot hold it.
        guard let number = UInt64(text), number < UInt64.max else {
            throw UsageError("\(flag) takes a seed from 0 to \(UInt64.max - 1), not '\(text)'")
        }
        return number
    }

    /// A number in `0...1` following `flag`.
    mutating func ratio(for flag: String) throws(UsageError) -> Double {
        let text = try value(for: flag, placeholder: "0.5")
        guard let number = Double(text), number.isFinite, (0...1).contains(number) else {
            throw UsageError("\(flag) takes a number from 0 to 1, not '\(text)'")
        }
        return number
    }

    /// A comma-separated list following `flag`, each item one of `allowed`.
    mutating func list(for flag: String, allowed: [String]) throws(UsageError) -> [String] {
        let text = try value(for: flag, placeholder: allowed.prefix(2).joined(separator: ","))
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for item in items where !allowed.contains(item) {
            throw UsageError("unknown value '\(item)' for \(flag); choose from \(allowed.joined(separator: ", "))")
        }
        return items
    }
}
