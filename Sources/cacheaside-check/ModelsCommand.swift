import CacheAsideModels

/// `cacheaside-check models`: the catalogue, one line per model.
enum ModelsCommand {
    static let usage = "usage: cacheaside-check models [--help]"

    static func run(_ arguments: [String], output: inout some TextOutputStream) throws(UsageError) -> Int32 {
        if arguments == ["--help"] {
            output.write("Lists the strategy catalogue: each model's name and the properties it keeps and breaks.\n\(usage)\n")
            return 0
        }
        if let extra = arguments.first { throw UsageError("models takes no arguments, not '\(extra)'; run cacheaside-check models") }
        let width = ModelCatalogue.names.map(\.count).max() ?? 0
        for entry in ModelCatalogue.entries {
            output.write(entry.name + String(repeating: " ", count: width - entry.name.count) + "  " + entry.summary + "\n")
        }
        return 0
    }
}
