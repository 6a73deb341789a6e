import CacheAsideModels

/// `cacheaside-check models`: the catalogue, one line per model, each parameter on an indented line
/// below its model with its default.
enum ModelsCommand {
    static let command = CommandDescription<Void>(
        command: "\(CommandLineInterface.program) models",
        abstract: "Lists the strategy catalogue: each model's name, the properties it keeps and breaks, and its parameters.",
        discussion: """
            A parameter is set as --model NAME:param=value,param=value (compare also sweeps one, param=a|b|c).
            Each is listed below its model as name=default, then the values it takes. Every model fills
            with --ttl (default 60), which is not a model parameter: compare runs every model with one TTL.
            """,
        defaults: {})

    /// Prints the catalogue.
    static func run(output: inout some TextOutputStream) -> Int32 {
        let width = ModelCatalogue.names.map(\.count).max() ?? 0
        func line(_ label: String, _ text: String) {
            output.write(label + String(repeating: " ", count: max(1, width + 2 - label.count)) + text + "\n")
        }
        for entry in ModelCatalogue.entries {
            line(entry.name, entry.summary)
            for parameter in entry.parameters {
                line("  \(parameter.name)=\(parameter.defaultText(entry.make))", "\(parameter.accepts): \(parameter.help)")
            }
        }
        return 0
    }
}
