/// The texts generated from a form's description: its usage line, its `--help`, and a usage error as
/// swift-argument-parser prints one — the error, the usage line, and where to read more.
extension CommandDescription {
    /// `Usage: cacheaside-check check-history [<options>] <file>...`
    var usage: String {
        var words = ["Usage:", command]
        if options.contains(where: { !$0.isHidden }) { words.append("[<options>]") }
        if let positional { words.append("<\(positional.valueName)>...") }
        return words.joined(separator: " ")
    }

    /// The three lines a usage error prints on standard error.
    func errorText(_ error: UsageError) -> String {
        "Error: \(error.message)\n\(usage)\nSee '\(command) --help' for more information.\n"
    }

    /// The whole `--help` text: abstract, usage, discussion, arguments, options, epilogue.
    var help: String {
        var sections = [abstract, usage]
        if !discussion.isEmpty { sections.append(discussion) }
        if let positional {
            sections.append("Arguments:\n" + HelpLayout.entry("<\(positional.valueName)>...", positional.help))
        }
        let entries = options.filter { !$0.isHidden }.map { HelpLayout.entry($0.label, $0.help) }
            + [HelpLayout.entry("-h, --help", "show this help")]
        sections.append("Options:\n" + entries.joined(separator: "\n"))
        if !epilogue.isEmpty { sections.append(epilogue) }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The form as the main help and the cross-form hints see it.
    var summary: FormSummary {
        FormSummary(command: command, abstract: abstract, optionNames: options.map(\.name))
    }
}

/// What other forms need to know about a form: the main help lists the forms, and an unknown option
/// names the form that has it.
struct FormSummary {
    var command: String
    var abstract: String
    var optionNames: [String]

    /// The form's own word, e.g. `check-history`.
    var name: String { String(command.split(separator: " ").last ?? "") }
}

/// How help entries are laid out: the label indented two columns, the text from column 24, wrapped
/// at 110 columns with a hanging indent, as the hand-written help used to be.
enum HelpLayout {
    static let width = 110
    static let textColumn = 24

    /// One entry: `  --seeds N             run seeds …`, the text on the next line when the label is long.
    static func entry(_ label: String, _ text: String) -> String {
        let indent = String(repeating: " ", count: textColumn)
        let lines = wrap(text, width: width - textColumn)
        let head = "  " + label
        guard head.count + 2 <= textColumn else {
            return ([head] + lines.map { indent + $0 }).joined(separator: "\n")
        }
        let first = head + String(repeating: " ", count: textColumn - head.count) + (lines.first ?? "")
        return ([first] + lines.dropFirst().map { indent + $0 }).joined(separator: "\n")
    }

    /// `text` as lines of at most `width` columns, broken between words.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
