/// A description of a value that is the same in every process: what `String(describing:)` gives for
/// plain values, but with the elements of sets and the entries of dictionaries sorted (their iteration
/// order depends on a per-process hash seed) and closures reduced to a placeholder.
package enum CanonicalDescription {
    package static func of(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .set:
            return "{" + mirror.children.map { of($0.value) }.sorted().joined(separator: ",") + "}"
        case .dictionary:
            return "[" + mirror.children.map { of($0.value) }.sorted().joined(separator: ",") + "]"
        case .collection, .tuple:
            return "(" + mirror.children.map { ($0.label.map { $0 + ":" } ?? "") + of($0.value) }.joined(separator: ",") + ")"
        case .optional:
            return mirror.children.first.map { of($0.value) } ?? "nil"
        case .struct, .enum:
            guard !mirror.children.isEmpty else { return "\(value)" }
            let fields = mirror.children.map { ($0.label ?? "_") + ":" + of($0.value) }
            let tag = mirror.displayStyle == .enum ? "\(value)".prefix { $0 != "(" } : ""
            return "\(mirror.subjectType)\(tag)(" + fields.joined(separator: ",") + ")"
        case .class:
            return "\(mirror.subjectType)"
        default:
            // Numbers, strings and closures ("(Function)") describe themselves the same everywhere.
            return "\(value)"
        }
    }

    /// The stored properties of a struct or class as `(label:value,…)`, without the type's name (which a
    /// fingerprint records apart, as the strategy); any other value as `of` describes it.
    package static func fields(of value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .struct || mirror.displayStyle == .class else { return of(value) }
        return "(" + mirror.children.map { ($0.label ?? "_") + ":" + of($0.value) }.joined(separator: ",") + ")"
    }
}
