import CacheAsideCheck

/// Dispatches the command line to its forms and turns usage errors into one `Error:` line and exit 2.
enum CommandLineInterface {
    static func run(_ arguments: [String], output: inout some TextOutputStream, errors: inout some TextOutputStream)
        -> Int32
    {
        StallWatchdog.installForCommandLine()  // every form that runs simulations (check, compare) words its stall
        do {
            switch arguments.first {
            case "models":
                do {
                    return try ModelsCommand.run(Array(arguments.dropFirst()), output: &output)
                } catch {
                    errors.write("Error: \(error.message)\n\(ModelsCommand.usage)\n")
                    return 2
                }
            case "scenarios":
                do {
                    return try ScenariosCommand.run(Array(arguments.dropFirst()), output: &output)
                } catch {
                    errors.write("Error: \(error.message)\n\(ScenariosCommand.usage)\n")
                    return 2
                }
            case "check-history": return CheckHistoryCommand.run(Array(arguments.dropFirst()))
            case "compare": return CompareCommand.run(Array(arguments.dropFirst()), output: &output, errors: &errors)
            case "merge": return MergeCommand.run(Array(arguments.dropFirst()), output: &output, errors: &errors)
            case "--help", "-h", "help":
                output.write(CheckOptions.help + "\n")
                return 0
            case "--version":
                output.write("cacheaside-check \(CacheAsideCheckVersion.current)\n")
                return 0
            default:
                let options = try CheckOptions.parse(arguments)
                return CheckCommand.run(options, output: &output, errors: &errors)
            }
        } catch {
            errors.write("Error: \(error.message)\n\(CheckOptions.usage)\n")
            return 2
        }
    }
}
