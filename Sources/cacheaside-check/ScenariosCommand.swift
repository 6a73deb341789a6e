import CacheAsideCheck

/// `cacheaside-check scenarios`: the presets `--scenario` takes, one block each — the name and what it
/// stresses, then the flags it amounts to, so a user sees exactly what a preset changes.
enum ScenariosCommand {
    static let usage = "usage: cacheaside-check scenarios [--help]"

    static func run(_ arguments: [String], output: inout some TextOutputStream) throws(UsageError) -> Int32 {
        if arguments == ["--help"] || arguments == ["-h"] {
            output.write(
                "Lists the scenario presets for --scenario NAME (check and compare); flags given with a preset adjust it.\n\(usage)\n")
            return 0
        }
        if let extra = arguments.first {
            throw UsageError("scenarios takes no arguments, not '\(extra)'; run cacheaside-check scenarios")
        }
        let width = Scenario.presets.map(\.name.count).max() ?? 0
        for scenario in Scenario.presets {
            let padding = String(repeating: " ", count: width - scenario.name.count)
            output.write(scenario.name + padding + "  " + scenario.summary + "\n")
            output.write(String(repeating: " ", count: width + 2) + flags(scenario) + "\n")
        }
        return 0
    }

    /// The preset as the flags that spell it out from the defaults, with its seed count.
    static func flags(_ scenario: Scenario) -> String {
        let (shape, time) = ScenarioFlags.arguments(for: scenario, from: .classicRace)
        let spelled = (shape + time).joined(separator: " ")
        return (spelled.isEmpty ? "(the defaults)" : spelled) + "; default --seeds \(scenario.seeds)"
    }
}
