/// Tells a property's identifier from its display label: `staleness` is what `--property` and the JSON
/// `id` say, `staleness ≤ 60` what a person reads.
///
/// The labels of the built-in properties are their identifier followed by their parameter, so the
/// identifier is the label's first word when that word is a built-in name; any other label (a user
/// invariant's name) is its own identifier. Keeping one function for this keeps the name spelled once.
package enum PropertyIdentity {
    /// The identifiers of the built-in properties.
    package static let builtIn = ["linearizability", "convergence", "staleness", "stampede"]

    /// The identifier behind a display label.
    package static func identifier(ofLabel label: String) -> String {
        let firstWord = String(label.prefix { $0 != " " })
        return builtIn.contains(firstWord) ? firstWord : label
    }
}
