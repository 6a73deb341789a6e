import CacheAsideModels

/// `cacheaside-check models`: the catalogue, one line per model.
enum ModelsCommand {
    static let command = CommandDescription<Void>(
        command: "\(CommandLineInterface.program) models",
        abstract: "Lists the strategy catalogue: each model's name and the properties it keeps and breaks.",
        defaults: {})

    /// Prints the catalogue, one line per model.
    static func run(output: inout some TextOutputStream) -> Int32 {
        let width = ModelCatalogue.names.map(\.count).max() ?? 0
        for entry in ModelCatalogue.entries {
            output.write(entry.name + String(repeating: " ", count: width - entry.name.count) + "  " + entry.summary + "\n")
        }
        return 0
    }
}
