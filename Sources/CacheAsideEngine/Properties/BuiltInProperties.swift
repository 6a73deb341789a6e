/// The built-in properties, in one table: what `--property` accepts, in the order it lists them, and how
/// each is made from the check's parameters. A property's `id` is its row's name, so nothing has to parse
/// an id back out of a label.
package enum BuiltInProperties {
    /// The parameters a built-in property can take.
    package struct Parameters: Sendable {
        /// The bound of both stalenesses, against completed writes and against the database (`nil`: every
        /// window must close).
        package var stalenessBound: Ticks?
        /// The most loads one expiry refill may cost.
        package var stampedeLimit: Int
        /// How long the system may take to recover from a cache restart (`Property.recovery`).
        package var recoveryBound: Ticks

        package init(stalenessBound: Ticks?, stampedeLimit: Int, recoveryBound: Ticks = Parameters.defaultRecoveryBound) {
            self.stalenessBound = stalenessBound
            self.stampedeLimit = stampedeLimit
            self.recoveryBound = recoveryBound
        }

        /// The recovery bound when none is given: a few database round trips under load, short against
        /// the runs of the overload scenario.
        package static let defaultRecoveryBound: Ticks = 40
    }

    /// One row: an identifier and how to make its property.
    package struct Entry: Sendable {
        package var id: String
        package var make: @Sendable (Parameters) -> Property
    }

    /// Every built-in property.
    package static let entries: [Entry] = [
        Entry(id: "linearizability") { _ in .linearizability },
        Entry(id: "convergence") { _ in .convergence },
        Entry(id: "staleness") { .staleness(bound: $0.stalenessBound) },
        Entry(id: DatabaseStaleness.propertyID) { .stalenessAgainstDatabase(bound: $0.stalenessBound) },
        Entry(id: "stampede") { .stampede(limit: $0.stampedeLimit) },
        Entry(id: "recovery") { .recovery(within: $0.recoveryBound) },
    ]

    /// The identifiers, in table order.
    package static var ids: [String] { entries.map(\.id) }

    /// The built-in property `id` with `parameters`, or `nil` if there is none by that name.
    package static func property(_ id: String, _ parameters: Parameters) -> Property? {
        entries.first { $0.id == id }?.make(parameters)
    }
}
