/// The one parser every form uses: it reads the arguments against the form's description, then applies
/// them in order (options marked `isAppliedFirst` before the rest), so a repeated option's last value
/// wins, and finally checks what single options cannot.
extension CommandDescription {
    /// Whether the arguments ask for the form's help; help wins over any other mistake in them.
    static func asksForHelp(_ arguments: [String]) -> Bool {
        arguments.contains("--help") || arguments.contains("-h")
    }

    /// The options these arguments give, or the first problem with them.
    func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var given: [(option: OptionDescription<Options>, value: String)] = []
        var positionals: [String] = []
        var seen: Set<String> = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            // `-` alone is an argument (standard input), not an option.
            guard argument.hasPrefix("-"), argument != "-" else {
                positionals.append(argument)
                continue
            }
            guard let option = option(named: argument) else { throw unknownOption(argument) }
            if !option.isRepeatable, !seen.insert(argument).inserted {
                throw UsageError("\(argument) given twice; give it once")
            }
            var value = ""
            if let valueName = option.valueName {
                // A following option is a forgotten value, but a negative number is a value to refuse by range.
                guard let next = remaining.first, !next.hasPrefix("--") || Int(next) != nil else {
                    throw UsageError("\(argument) needs a value; write \(argument) \(valueName)")
                }
                value = next
                remaining.removeFirst()
            }
            given.append((option, value))
        }
        var options = defaults()
        for (option, value) in given where option.isAppliedFirst { try option.apply(&options, value) }
        for (option, value) in given where !option.isAppliedFirst { try option.apply(&options, value) }
        if let positional {
            guard !positionals.isEmpty else { throw UsageError(positional.missing) }
            for argument in positionals { try positional.apply(&options, argument) }
        } else if let extra = positionals.first {
            throw UsageError(unexpectedArgument?(extra) ?? "\(name) takes \(self.options.isEmpty ? "no arguments" : "options only"), not '\(extra)'")
        }
        try validate(&options)
        return options
    }

    /// An option this form does not have, with the fix: the form that has it, or a near spelling.
    private func unknownOption(_ flag: String) -> UsageError {
        let problem = command == CommandLineInterface.program ? "unknown option '\(flag)'" : "unknown option '\(flag)' for \(name)"
        let owners = CommandLineInterface.forms.filter { $0.optionNames.contains(flag) }.map(\.command)
        if !owners.isEmpty {
            return UsageError("\(problem); it is an option of \(owners.joined(separator: " and "))")
        }
        let visible = options.filter { !$0.isHidden }.map(\.name)
        if let near = visible.min(by: { editDistance(flag, $0) < editDistance(flag, $1) }), editDistance(flag, near) <= 2 {
            return UsageError("\(problem); did you mean \(near)?")
        }
        return UsageError(problem)
    }
}

/// Levenshtein distance, for suggesting the option a typo meant.
private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() {
            current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
