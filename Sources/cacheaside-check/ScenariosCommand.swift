import CacheAsideCheck

/// `cacheaside-check scenarios`: the presets `--scenario` takes, one block each — the name and what it
/// stresses, then the flags it amounts to, so a user sees exactly what a preset changes.
enum ScenariosCommand {
    static let command = CommandDescription<Void>(
        command: "\(CommandLineInterface.program) scenarios",
        abstract: "Lists the scenario presets for --scenario NAME (check and compare); flags given with a preset adjust it.",
        defaults: {})

    /// Prints the presets, one block each.
    static func run(output: inout some TextOutputStream) -> Int32 {
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
