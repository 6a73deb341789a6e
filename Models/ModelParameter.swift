import CacheAsideCheck

/// One parameter a catalogue model takes: set on the command line as `--model NAME:name=value`, and in
/// the library as the model's initialiser argument it stands for. The one place a parameter's name, the
/// values it accepts, its default and its documentation live: `models` lists them, `--model` parses with
/// them, and an error names them.
package struct ModelParameter: Sendable {
    /// The name after the colon, e.g. `beta`, `lock-lease`.
    package var name: String
    /// What it does, in one line.
    package var help: String
    /// The values it accepts, as an error or `models` says it: `ticks ≥ 0`, `a number > 0`.
    package var accepts: String
    /// How its default is described when it is not a fixed value (`ttl/5`); `nil` = the
    /// value of a model built with the default TTL.
    package var defaultNote: String?
    /// The value as canonical text (`2.0` → `2`), or `nil` if it is not one the parameter accepts.
    package let canonical: @Sendable (String) -> String?
    /// Sets a canonical value on a strategy of the entry's type.
    package let apply: @Sendable (inout any CachingStrategy, String) -> Void
    /// The strategy's current value, as canonical text.
    package let value: @Sendable (any CachingStrategy) -> String

    /// The parameter's default for a model built by `make`, as `models` and errors print it.
    package func defaultText(_ make: (Ticks?) -> any CachingStrategy) -> String {
        defaultNote ?? value(make(ModelParameter.listingTTL))
    }

    /// The TTL defaults are shown for: the command line's default.
    static let listingTTL: Ticks = 60

    /// `beta (a number > 0, default 1)`: the parameter as an error lists it.
    package func listing(_ make: (Ticks?) -> any CachingStrategy) -> String {
        "\(name) (\(accepts), default \(defaultText(make)))"
    }
}

extension ModelParameter {
    /// A parameter whose value is read and written at `keyPath` of `Model`, parsed by `parse` and printed
    /// by `print`.
    private init<Model: CachingStrategy, Value: Sendable>(
        _ name: String, _ keyPath: WritableKeyPath<Model, Value> & Sendable, accepts: String, defaultNote: String?,
        help: String, parse: @escaping @Sendable (String) -> Value?, print: @escaping @Sendable (Value) -> String
    ) {
        self.name = name
        self.help = help
        self.accepts = accepts
        self.defaultNote = defaultNote
        canonical = { text in parse(text).map(print) }
        apply = { strategy, text in
            guard var model = strategy as? Model, let parsed = parse(text) else { return }
            model[keyPath: keyPath] = parsed
            strategy = model
        }
        value = { strategy in (strategy as? Model).map { print($0[keyPath: keyPath]) } ?? "?" }
    }

    /// A whole number of ticks (or a count) in `range`.
    static func ticks<Model: CachingStrategy>(
        _ name: String, _ keyPath: WritableKeyPath<Model, Ticks> & Sendable, in range: ClosedRange<Ticks>,
        unit: String = "ticks", defaultNote: String? = nil, help: String
    ) -> ModelParameter {
        ModelParameter(
            name, keyPath, accepts: "\(unit) \(describe(range))", defaultNote: defaultNote, help: help,
            parse: { Ticks($0).flatMap { range.contains($0) ? $0 : nil } }, print: { "\($0)" })
    }

    /// Ticks in `range`, or `none` (no expiry).
    static func optionalTicks<Model: CachingStrategy>(
        _ name: String, _ keyPath: WritableKeyPath<Model, Ticks?> & Sendable, in range: ClosedRange<Ticks>,
        defaultNote: String? = nil, help: String
    ) -> ModelParameter {
        ModelParameter(
            name, keyPath, accepts: "ticks \(describe(range)) or none", defaultNote: defaultNote, help: help,
            parse: { text -> Ticks?? in
                if text == "none" { return .some(nil) }
                return Ticks(text).flatMap { range.contains($0) ? .some($0) : nil }
            },
            print: { $0.map { "\($0)" } ?? "none" })
    }

    /// A finite number above `lowerBound` and at most `upperBound`.
    static func number<Model: CachingStrategy>(
        _ name: String, _ keyPath: WritableKeyPath<Model, Double> & Sendable, above lowerBound: Double,
        upTo upperBound: Double, help: String
    ) -> ModelParameter {
        ModelParameter(
            name, keyPath, accepts: "a number > \(canonical(lowerBound)) and ≤ \(canonical(upperBound))",
            defaultNote: nil, help: help,
            parse: { Double($0).flatMap { $0.isFinite && $0 > lowerBound && $0 <= upperBound ? $0 : nil } },
            print: canonical)
    }

    /// A finite number in `range`, both ends included.
    static func number<Model: CachingStrategy>(
        _ name: String, _ keyPath: WritableKeyPath<Model, Double> & Sendable, in range: ClosedRange<Double>, help: String
    ) -> ModelParameter {
        ModelParameter(
            name, keyPath, accepts: "a number from \(canonical(range.lowerBound)) to \(canonical(range.upperBound))",
            defaultNote: nil, help: help,
            parse: { Double($0).flatMap { $0.isFinite && range.contains($0) ? $0 : nil } },
            print: canonical)
    }

    /// `2` for 2.0, `0.5` for 0.5: a number as the user would type it.
    private static func canonical(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? "\(Int(number))" : "\(number)"
    }

    private static func describe(_ range: ClosedRange<Ticks>) -> String {
        range.upperBound == Ticks.max ? "≥ \(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }
}
