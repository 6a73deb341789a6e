import CacheAsideCheck

/// A catalogue model with the parameter values the user gave it: what `--model NAME:beta=2,delta=4`
/// says. `compare` takes a list of them, and a sweep of one parameter (`beta=0.5|1|2`) as one choice per
/// value.
///
/// The grammar, one place for every form: models are separated by commas; `NAME:param=value` gives the
/// first parameter, and every further comma-separated `param=value` (an item with `=` and no `:`)
/// belongs to the model before it — names never contain `=`, so `a:x=1,y=2,b` is two models.
package struct ModelChoice: Sendable, Equatable, CustomStringConvertible {
    /// The catalogue name.
    package var name: String
    /// The values given, canonical, in the order the entry lists its parameters.
    package var values: [(name: String, value: String)]

    /// The entry this choice configures (the name was checked when it was parsed).
    package var entry: CatalogueEntry { ModelCatalogue.entry(named: name)! }

    /// The model with no parameter given: its defaults.
    package init(_ name: String) {
        self.name = name
        values = []
    }

    package static func == (lhs: ModelChoice, rhs: ModelChoice) -> Bool {
        lhs.name == rhs.name && lhs.values.elementsEqual(rhs.values) { $0 == $1 }
    }

    /// `name:param=value,…` with the values given, or the bare name: what reproduces this choice.
    package var description: String {
        values.isEmpty ? name : name + ":" + values.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    }

    /// Every parameter with the value it takes for `ttl`, defaults included: what the report header and
    /// the JSON print, so a reader sees what ran without knowing the defaults.
    package func effectiveDescription(ttl: Ticks?) -> String {
        let parameters = entry.parameters
        guard !parameters.isEmpty else { return name }
        let strategy = make(ttl)
        return name + ":" + parameters.map { "\($0.name)=\($0.value(strategy))" }.joined(separator: ",")
    }

    /// The strategy, filling with `ttl`, with the given values set.
    package func make(_ ttl: Ticks?) -> any CachingStrategy {
        let entry = self.entry
        var strategy = entry.make(ttl)
        for (name, value) in values {
            entry.parameters.first { $0.name == name }?.apply(&strategy, value)
        }
        return strategy
    }

    /// The choice as a catalogue entry named by its description, for `Comparison`'s rows.
    package var catalogueEntry: CatalogueEntry {
        let choice = self
        return CatalogueEntry(name: description, summary: entry.summary, parameters: entry.parameters) { choice.make($0) }
    }
}

extension ModelChoice {
    /// A problem with a `--model` value: one line naming the fix, and for a parameter, the parameters
    /// the model takes.
    package struct SyntaxError: Error, Equatable {
        package var message: String
    }

    /// The one model `text` names, refusing a list or a sweep (the check runs one configuration).
    package static func parse(_ text: String) throws(SyntaxError) -> ModelChoice {
        let choices = try parseList(text)
        guard choices.count == 1 else {
            if let swept = sweptParameter(text) {
                throw SyntaxError(message: "'\(swept)' sweeps several values, which only compare takes; give one value")
            }
            throw SyntaxError(message: "--model '\(text)' names \(choices.count) models; give one (compare takes several)")
        }
        return choices[0]
    }

    /// The models `text` lists, a sweep expanded into one choice per value in the order given.
    package static func parseList(_ text: String) throws(SyntaxError) -> [ModelChoice] {
        var models: [(name: String, parameters: [String])] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            if item.contains("="), !item.contains(":") {
                guard !models.isEmpty else { throw SyntaxError(message: "'\(item)' comes before any model; write NAME:\(item)") }
                models[models.count - 1].parameters.append(item)
            } else {
                let (name, first) = item.firstIndex(of: ":").map { (String(item[..<$0]), String(item[item.index(after: $0)...])) }
                    ?? (item, "")
                models.append((name, first.isEmpty ? [] : [first]))
            }
        }
        var choices: [ModelChoice] = []
        for (name, parameters) in models { choices += try expand(name, parameters) }
        return choices
    }

    /// One model's choices: one, or one per value of its swept parameter.
    private static func expand(_ name: String, _ given: [String]) throws(SyntaxError) -> [ModelChoice] {
        guard let entry = ModelCatalogue.entry(named: name) else {
            let shown = name.isEmpty ? "--model needs a model name" : "unknown model '\(name)'"
            throw SyntaxError(message: "\(shown); choose one of \(ModelCatalogue.names.joined(separator: ", "))")
        }
        var values: [(name: String, value: [String])] = []
        var sweeps = 0
        for parameter in given {
            guard let equals = parameter.firstIndex(of: "=") else {
                throw SyntaxError(message: "'\(parameter)' needs a value: write \(parameter)=VALUE; \(takes(entry))")
            }
            let key = String(parameter[..<equals])
            let texts = parameter[parameter.index(after: equals)...].split(separator: "|", omittingEmptySubsequences: false)
            guard let description = entry.parameters.first(where: { $0.name == key }) else {
                throw SyntaxError(message: "\(entry.name) has no parameter '\(key)'; \(takes(entry))")
            }
            guard !values.contains(where: { $0.name == key }) else {
                throw SyntaxError(message: "\(key) given twice for \(entry.name); give it once")
            }
            var canonical: [String] = []
            for text in texts {
                guard let value = description.canonical(String(text)) else {
                    throw SyntaxError(message: "\(key)=\(text) is not \(description.accepts); \(takes(entry, subject: entry.name))")
                }
                canonical.append(value)
            }
            if canonical.count > 1 { sweeps += 1 }
            values.append((key, canonical))
        }
        guard sweeps <= 1 else { throw SyntaxError(message: "\(entry.name) sweeps \(sweeps) parameters; sweep one at a time") }
        let order = entry.parameters.map(\.name)
        values.sort { order.firstIndex(of: $0.name)! < order.firstIndex(of: $1.name)! }
        let swept = values.firstIndex { $0.value.count > 1 }
        let rows = swept.map { values[$0].value } ?? [""]
        return rows.map { sweptValue in
            var choice = ModelChoice(name)
            choice.values = values.enumerated().map { index, parameter in
                (parameter.name, index == swept ? sweptValue : parameter.value[0])
            }
            return choice
        }
    }

    /// `it takes beta (a number > 0, default 1), delta (…)`, or that it takes none.
    private static func takes(_ entry: CatalogueEntry, subject: String = "it") -> String {
        guard !entry.parameters.isEmpty else { return "\(subject) takes no parameters" }
        return "\(subject) takes " + entry.parameters.map { $0.listing(entry.make) }.joined(separator: ", ")
    }

    /// The `param=a|b` item of a sweep in `text`, if there is one.
    private static func sweptParameter(_ text: String) -> String? {
        text.split(separator: ",").map { String($0.split(separator: ":").last ?? $0) }.first { $0.contains("|") }
    }
}
