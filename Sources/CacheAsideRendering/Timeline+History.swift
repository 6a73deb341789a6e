import CacheAsideHistories

extension Timeline {
    /// The timeline of one key of a recorded history, in the Porcupine manner: a row per process, each
    /// operation a bar from its invoke line to its return line (to the end when it never returned); with
    /// a violation, the longest linearisable prefix numbered in linearisation order and the operation that
    /// could not be linearised next marked. Operations outside the prefix are drawn grey: the search could
    /// not place them after it. A violation found without its prefix (`prefixFound == false`) marks the
    /// culprit alone. Recorded operations carry no labels: pass them through `RecordedHistory.labelled(_:)`
    /// for the rows to be named after the file's processes.
    package init(
        operations: [RegisterOperation], violation: LinearizabilityViolation?, valueName: (Int) -> String,
        keyName: (Int) -> String = { "k\($0)" }
    ) {
        self.init()
        axisName = "lines of the history file"
        let processes = Array(Set(operations.map(\.process))).sorted()
        var rowOf: [Int: Int] = [:]
        for process in processes {
            rowOf[process] = rows.count
            let sample = operations.first { $0.process == process }
            let name = sample?.label.flatMap { $0.components(separatedBy: "'s ").first } ?? "process \(process)"
            rows.append(Row(label: name, kind: "process", folded: false))
        }
        let lastLine = operations.map { $0.returnedAt ?? $0.invokedAt }.max() ?? 0
        extent = lastLine + 2
        var order: [RegisterOperation: Int] = [:]
        for (position, operation) in (violation?.longestLinearizablePrefix ?? []).enumerated() {
            order[operation] = position + 1
        }
        let culprit = violation?.operation
        for operation in operations {
            let isCulprit = operation == culprit
            let status: String
            if isCulprit {
                status = " culprit"
            } else if violation?.prefixFound != true {
                // No violation, or one refuted without a prefix: nothing to say about the others' order.
                status = ""
            } else {
                status = order[operation] == nil ? " outside" : " prefix"
            }
            var details = operation.summary(valueName: valueName)
            details += "\nline \(operation.invokedAt)" + (operation.returnedAt.map { "–\($0)" } ?? ", never returned")
            if let place = order[operation] { details += "\nlinearised #\(place) of the longest linearisable prefix" }
            if isCulprit, let violation {
                details += "\ncould not be linearised next: \(violation.explanation(valueName: valueName, keyName: keyName))"
            }
            bars.append(
                Bar(
                    row: rowOf[operation.process] ?? 0, from: operation.invokedAt, to: operation.returnedAt,
                    label: Self.shortLabel(operation.summary(valueName: valueName)),
                    style: "op-bar \(operation.kind == .read ? "read" : "write")\(status)", marked: isCulprit,
                    details: details, order: order[operation]))
        }
        marked = culprit.map { $0.returnedAt ?? $0.invokedAt }
        for line in stride(from: 0, through: lastLine, by: 1) { axis.append(Tick(at: line, label: "\(line)")) }
    }

    /// An operation's summary without its owner, who has the row: "process 2's read → 3" → "read → 3".
    static func shortLabel(_ summary: String) -> String {
        guard let owner = summary.range(of: "'s ") else { return summary }
        return String(summary[owner.upperBound...])
    }
}
