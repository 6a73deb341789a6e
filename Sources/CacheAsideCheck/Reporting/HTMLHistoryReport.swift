/// The HTML form of `check-history FILE --html`: per key, its verdict and its history as a timeline —
/// a row per process, operations as bars over the lines of the file — with, for a key that is not
/// linearizable, the longest linearisable prefix numbered and the operation that could not be placed
/// after it marked.
package struct HTMLHistoryReport: Sendable {
    /// The history that was checked.
    package var history: RecordedHistory
    /// One verdict per key.
    package var verdicts: [KeyLinearizabilityVerdict]
    /// The file's name as the user gave it.
    package var path: String

    /// A renderer.
    package init(history: RecordedHistory, verdicts: [KeyLinearizabilityVerdict], path: String) {
        self.history = history
        self.verdicts = verdicts
        self.path = path
    }

    /// The page.
    package func render() -> String {
        let broken = verdicts.filter { $0.verdict.violation != nil }.count
        var page = HTMLPage(
            title: "check-history: \(path)",
            subtitle: "\(history.operations.count) operations on \(verdicts.count) key\(verdicts.count == 1 ? "" : "s"); "
                + (broken == 0 ? "every key linearizable or undecided" : "\(broken) not linearizable"))
        page.sections.append("""
            <div class="legend"><span><i style="background:#d8f3dc;border:1px solid #2b8a3e"></i>longest linearisable \
            prefix, numbered in linearisation order</span><span><i style="background:#fff;border:2px solid #d62828"></i>\
            could not be linearised next</span><span><i style="background:#eceef1;border:1px solid #98a2b3"></i>not \
            placed</span><span><i style="background:#dce9fb;border:1px solid #3b7dd8"></i>read (linearizable key)\
            </span><span><i style="background:#fde8cf;border:1px solid #e08a1e"></i>write or cas</span></div>
            """)
        for result in verdicts {
            let key = "key \(history.keyName(result.key))"
            let operations = history.operations.filter { $0.key == result.key }
            let verdictText: String
            var note = ""
            switch result.verdict {
            case .linearizable: verdictText = "linearizable"
            case .unknown(let reason): verdictText = "unknown (\(reason))"
            case .violation(let violation):
                verdictText = "not linearizable"
                note = violation.explanation(valueName: history.valueName, keyName: { "key \(history.keyName($0))" })
            }
            page.sections.append(
                HTMLPage.timeline(
                    Timeline(operations: operations, violation: result.verdict.violation, valueName: history.valueName),
                    heading: "\(key): \(verdictText) — \(result.operationCount) operation\(result.operationCount == 1 ? "" : "s")", note: note, replay: nil))
        }
        return page.render()
    }
}
