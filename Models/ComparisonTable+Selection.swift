import CacheAsideCheck

extension ComparisonTable {
    /// The property a verdict column judges, by the name `--property` takes: a column's label up to its
    /// first space (`staleness ≤ 30` is `staleness`).
    package static func propertyIdentifier(ofColumn label: String) -> String {
        String(label.prefix { $0 != " " })
    }

    /// The table with only the verdict columns of `identifiers` (`compare --property`), in table order;
    /// the figures beside them stay, since they are measures, not verdicts.
    package func selectingProperties(_ identifiers: [String]) -> ComparisonTable {
        let kept = properties.indices.filter { identifiers.contains(Self.propertyIdentifier(ofColumn: properties[$0])) }
        var table = self
        table.properties = kept.map { properties[$0] }
        table.rows = rows.map { row in
            var row = row
            row.verdicts = kept.map { row.verdicts[$0] }
            return row
        }
        return table
    }
}
