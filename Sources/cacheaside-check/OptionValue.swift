/// The readings of an option's value that the forms share, each with the error it gives: a whole number
/// in a range, a seed, a ratio, a list of known names, a range of ticks.
enum OptionValue {
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

    /// `text` as a non-negative 64-bit seed.
    static func seed(_ text: String, for flag: String) throws(UsageError) -> UInt64 {
        // The largest value is left out: the seeds are a half-open range, which cannot hold it.
        guard let number = UInt64(text), number < UInt64.max else {
            throw UsageError("\(flag) takes a seed from 0 to \(UInt64.max - 1), not '\(text)'")
        }
        return number
    }

    /// `text` as a number in `0...1`.
    static func ratio(_ text: String, for flag: String) throws(UsageError) -> Double {
        guard let number = Double(text), number.isFinite, (0...1).contains(number) else {
            throw UsageError("\(flag) takes a number from 0 to 1, not '\(text)'")
        }
        return number
    }

    /// `text` as a comma-separated list, each item one of `allowed`.
    static func list(_ text: String, for flag: String, allowed: [String]) throws(UsageError) -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for item in items where !allowed.contains(item) {
            throw UsageError("unknown value '\(item)' for \(flag); choose from \(allowed.joined(separator: ", "))")
        }
        return items
    }

    /// `A-B` or `A` ticks, each at least `lowest`, at most a million.
    static func ticksRange(_ text: String, for flag: String, lowest: Int) throws(UsageError) -> ClosedRange<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else { throw UsageError("\(flag) takes A-B or A ticks, not '\(text)'") }
        let low = try integer(parts[0], for: flag, in: lowest...1_000_000)
        let high = parts.count == 2 ? try integer(parts[1], for: flag, in: lowest...1_000_000) : low
        guard low <= high else { throw UsageError("\(flag) \(text): the first bound must not exceed the second") }
        return low...high
    }

    /// A number of ticks, or `none` for no limit.
    static func ticksOrNone(_ text: String, for flag: String) throws(UsageError) -> Int? {
        if text == "none" { return nil }
        return try integer(text, for: flag, in: 1...1_000_000_000)
    }
}
