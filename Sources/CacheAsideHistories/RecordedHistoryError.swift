/// Why a recorded history could not be read: where, what is wrong, and how to fix it.
public struct RecordedHistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line the problem is on, or `nil` when it concerns the whole file.
    public var line: Int?
    /// What is wrong, e.g. `unknown "type" "done"`.
    public var problem: String
    /// What to do about it, e.g. `Use "invoke", "ok", "fail" or "info"`.
    public var fix: String

    /// Creates an error.
    public init(line: Int?, problem: String, fix: String) {
        self.line = line
        self.problem = problem
        self.fix = fix
    }

    /// One line: "line 3: unknown "type" "done". Use "invoke", "ok", "fail" or "info".".
    /// Control characters from the input (a newline inside a quoted value) are shown escaped.
    public var description: String {
        let text = (line.map { "line \($0): " } ?? "") + problem + ". " + fix + "."
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 { escaped += scalar.escaped(asASCII: true) } else { escaped.unicodeScalars.append(scalar) }
        }
        return escaped
    }
}
