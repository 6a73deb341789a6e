import CacheAsideCheck

/// Dispatches the command line to its forms. Every form goes the same way: `--help` prints the help
/// generated from its description, its arguments are parsed by the one parser, and a usage error is
/// `Error: …`, the usage line and a pointer to `--help` on standard error, exit 2.
enum CommandLineInterface {
    /// The program's name, as the usage lines and replay commands spell it.
    static let program = "cacheaside-check"

    /// The forms besides the main one, as the main help lists them.
    static var subcommands: [FormSummary] {
        [
            ModelsCommand.command.summary, ScenariosCommand.command.summary, CompareCommand.command.summary,
            CheckHistoryCommand.command.summary, MergeCommand.command.summary,
        ]
    }

    /// Every form, for naming the one an unknown option belongs to.
    static var forms: [FormSummary] { [CheckOptions.command.summary] + subcommands }

    static func run(_ arguments: [String], output: inout some TextOutputStream, errors: inout some TextOutputStream)
        -> Int32
    {
        StallWatchdog.installForCommandLine()  // every form that runs simulations (check, compare) words its stall
        let start = ContinuousClock.now
        let rest = Array(arguments.dropFirst())
        switch arguments.first {
        case "models":
            return execute(ModelsCommand.command, rest, &output, &errors) { _, output, _ in ModelsCommand.run(output: &output) }
        case "scenarios":
            return execute(ScenariosCommand.command, rest, &output, &errors) { _, output, _ in ScenariosCommand.run(output: &output) }
        case "check-history":
            return execute(CheckHistoryCommand.command, rest, &output, &errors) { options, _, _ in
                CheckHistoryCommand.run(options, since: start)
            }
        case "compare":
            return execute(CompareCommand.command, rest, &output, &errors) { options, output, errors in
                CompareCommand.run(options, output: &output, errors: &errors)
            }
        case "merge":
            return execute(MergeCommand.command, rest, &output, &errors) { options, output, errors in
                MergeCommand.run(options, output: &output, errors: &errors)
            }
        case "help":
            output.write(CheckOptions.command.help)
            return 0
        case "--version":
            output.write("\(program) \(CacheAsideCheckVersion.current)\n")
            return 0
        default:
            return execute(CheckOptions.command, arguments, &output, &errors) { options, output, errors in
                CheckCommand.run(options, output: &output, errors: &errors)
            }
        }
    }

    /// Runs one form: its help, or its arguments parsed and handed to `body`, or the usage error.
    private static func execute<Options, Output: TextOutputStream, Errors: TextOutputStream>(
        _ command: CommandDescription<Options>, _ arguments: [String], _ output: inout Output, _ errors: inout Errors,
        _ body: (Options, inout Output, inout Errors) -> Int32
    ) -> Int32 {
        if CommandDescription<Options>.asksForHelp(arguments) {
            output.write(command.help)
            return 0
        }
        do {
            return body(try command.parse(arguments), &output, &errors)
        } catch {
            errors.write(command.errorText(error))
            return 2
        }
    }
}
