/// One option of a command-line form, as its description declares it: the name the user types, the
/// placeholder of its value (none for a flag), the help line, and what it does to the form's options.
/// Parsing, `--help` and the usage errors are all generated from these, so a flag cannot be parsed one
/// way and documented another.
struct OptionDescription<Options>: Sendable {
    /// The flag as typed, e.g. `--seeds`.
    var name: String
    /// The value's placeholder in help and errors (`N`, `FILE`), or `nil` for a flag without a value.
    var valueName: String?
    /// What the option does, in one or more sentences; `--help` wraps it.
    var help: String
    /// Applied before every other option whatever its position, so the others adjust what it sets
    /// (`--scenario` picks a preset that `--clients` then changes).
    var isAppliedFirst = false
    /// Whether giving it twice is allowed (the last one wins) or a usage error.
    var isRepeatable = true
    /// Parsed but left out of `--help`: a retired flag kept only to say what replaced it.
    var isHidden = false
    /// Sets the option in `options` from its value (`""` for a flag), or refuses the value.
    var apply: @Sendable (inout Options, String) throws(UsageError) -> Void

    /// An option that takes a value.
    init(
        _ name: String, _ valueName: String, help: String, isAppliedFirst: Bool = false, isRepeatable: Bool = true,
        apply: @escaping @Sendable (inout Options, String) throws(UsageError) -> Void
    ) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.isAppliedFirst = isAppliedFirst
        self.isRepeatable = isRepeatable
        self.apply = apply
    }

    /// A flag without a value.
    init(_ name: String, help: String, isHidden: Bool = false, set: @escaping @Sendable (inout Options) throws(UsageError) -> Void) {
        self.name = name
        self.valueName = nil
        self.help = help
        self.isHidden = isHidden
        self.apply = { (options: inout Options, _: String) throws(UsageError) in try set(&options) }
    }

    /// The same option acting on the part of `Outer` at `keyPath`, so forms can share option groups
    /// (the scenario flags of the check and of `compare`).
    func pulledBack<Outer>(_ keyPath: WritableKeyPath<Outer, Options> & Sendable) -> OptionDescription<Outer> {
        let apply = self.apply
        return OptionDescription<Outer>(
            name: name, valueName: valueName, help: help, isAppliedFirst: isAppliedFirst, isRepeatable: isRepeatable,
            isHidden: isHidden
        ) { (options: inout Outer, value: String) throws(UsageError) in
            try apply(&options[keyPath: keyPath], value)
        }
    }

    private init(
        name: String, valueName: String?, help: String, isAppliedFirst: Bool, isRepeatable: Bool, isHidden: Bool,
        apply: @escaping @Sendable (inout Options, String) throws(UsageError) -> Void
    ) {
        (self.name, self.valueName, self.help) = (name, valueName, help)
        (self.isAppliedFirst, self.isRepeatable, self.isHidden) = (isAppliedFirst, isRepeatable, isHidden)
        self.apply = apply
    }

    /// The option as `--help` and the error messages spell it: `--seeds N`, `--json`.
    var label: String { valueName.map { "\(name) \($0)" } ?? name }
}
