import CacheAsideCheck

extension ComparisonTable {
    /// The table with only the verdict columns of the properties `ids` (`compare --property`), in table
    /// order; the figures beside them stay, since they are measures, not verdicts.
    package func selectingProperties(_ ids: [String]) -> ComparisonTable {
        let kept = propertyIDs.indices.filter { ids.contains(propertyIDs[$0]) }
        var table = self
        table.properties = kept.map { properties[$0] }
        table.propertyIDs = kept.map { propertyIDs[$0] }
        table.rows = rows.map { row in
            var row = row
            row.verdicts = kept.map { row.verdicts[$0] }
            return row
        }
        return table
    }
}
