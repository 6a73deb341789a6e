/// One form of the command line (`check`, `compare`, `check-history`, `merge`, `models`, `scenarios`),
/// described as data: its name, a one-line abstract, its options and its positional arguments. The one
/// parser (`CommandDescription+Parsing.swift`) and the `--help` and usage-error texts
/// (`CommandDescription+Help.swift`) are generated from it, as swift-argument-parser does from a
/// command's declaration, so every form reads its arguments and reports mistakes the same way.
struct CommandDescription<Options>: Sendable {
    /// The words that run the form, e.g. `cacheaside-check check-history`.
    var command: String
    /// What the form does, in one line: the first line of `--help` and the form's entry in the main help.
    var abstract: String
    /// Paragraphs printed between the usage line and the options, as written (already wrapped).
    var discussion: String = ""
    /// The options in the order `--help` lists them.
    var options: [OptionDescription<Options>] = []
    /// The positional arguments, if the form takes any.
    var positional: PositionalDescription<Options>?
    /// The words for an argument the form does not take, when the form has no positional arguments.
    var unexpectedArgument: (@Sendable (String) -> String)?
    /// Printed after the options, as written: the exit statuses, the other forms.
    var epilogue: String = ""
    /// Options as they are before any argument is applied.
    var defaults: @Sendable () -> Options
    /// Checks what single options cannot: those that constrain one another.
    var validate: @Sendable (inout Options) throws(UsageError) -> Void = { (_: inout Options) throws(UsageError) in }

    /// The form's name as its own word (`check-history`), or the program's for the main form.
    var name: String { String(command.split(separator: " ").last ?? "") }

    /// The option named `name`, if the form has it.
    func option(named name: String) -> OptionDescription<Options>? { options.first { $0.name == name } }
}

/// The positional arguments of a form: their placeholder, whether there may be several, what to say
/// when none is given, and where each goes.
struct PositionalDescription<Options>: Sendable {
    /// The placeholder in the usage line and help, e.g. `file`.
    var valueName: String
    /// What the arguments are, for `--help`.
    var help: String
    /// The problem and fix when the form needs at least one and none was given.
    var missing: String
    /// Adds one argument to the options.
    var apply: @Sendable (inout Options, String) throws(UsageError) -> Void
}
