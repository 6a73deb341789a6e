import CacheAsideHistories

/// The HTML form of `check-history FILE… --html`: one page, with per file and per key its verdict and its
/// history as a timeline — a row per process, operations as bars over the lines of the file — with, for
/// a key that is not linearizable, the longest linearisable prefix numbered and the operation that could
/// not be placed after it marked. With several files each file is a section of the page, in the order
/// they were checked; a file that could not be read says why.
package struct HTMLHistoryReport: Sendable {
    /// One checked file.
    package struct File: Sendable {
        /// The file's name as the user gave it.
        package var path: String
        /// The history that was checked; `nil` when the file could not be read.
        package var history: RecordedHistory?
        /// One verdict per key.
        package var verdicts: [KeyLinearizabilityVerdict]
        /// Why the file could not be read, if it could not.
        package var failure: String?

        package init(
            path: String, history: RecordedHistory?, verdicts: [KeyLinearizabilityVerdict], failure: String? = nil
        ) {
            self.path = path
            self.history = history
            self.verdicts = verdicts
            self.failure = failure
        }
    }

    /// The files, in the order they were checked.
    package var files: [File]
    /// How an undecided key's limit is worded (the command line names the flag that raises it).
    package var undecided: @Sendable (SearchLimit) -> String

    /// A renderer for several files.
    package init(files: [File], undecided: @escaping @Sendable (SearchLimit) -> String = { "the \($0) ran out" }) {
        self.files = files
        self.undecided = undecided
    }

    /// A renderer for one file.
    package init(
        history: RecordedHistory, verdicts: [KeyLinearizabilityVerdict], path: String,
        undecided: @escaping @Sendable (SearchLimit) -> String = { "the \($0) ran out" }
    ) {
        self.init(files: [File(path: path, history: history, verdicts: verdicts)], undecided: undecided)
    }

    /// The page.
    package func render() -> String {
        var page: HTMLPage
        if files.count == 1, let history = files[0].history {
            page = HTMLPage(title: "check-history: \(files[0].path)", subtitle: Self.summary(files[0], history))
        } else {
            let broken = files.filter { $0.verdicts.contains { $0.verdict.violation != nil } }.count
            let unreadable = files.filter { $0.history == nil }.count
            page = HTMLPage(
                title: "check-history: \(files.count) file\(files.count == 1 ? "" : "s")",
                subtitle: (broken == 0 ? "no file has a key that is not linearizable" : "\(broken) not linearizable")
                    + (unreadable == 0 ? "" : "; \(unreadable) unreadable"))
        }
        page.sections.append("""
            <div class="legend"><span><i style="background:#d8f3dc;border:1px solid #2b8a3e"></i>longest linearisable \
            prefix, numbered in linearisation order</span><span><i style="background:#fff;border:2px solid #d62828"></i>\
            could not be linearised next</span><span><i style="background:#eceef1;border:1px solid #98a2b3"></i>not \
            placed</span><span><i style="background:#dce9fb;border:1px solid #3b7dd8"></i>read (linearizable key)\
            </span><span><i style="background:#fde8cf;border:1px solid #e08a1e"></i>write or cas</span></div>
            """)
        let several = files.count > 1
        for file in files {
            guard let history = file.history else {
                page.sections.append(
                    "<h2>\(HTMLPage.escape(file.path))</h2>\n<p class=\"muted\">could not be read: "
                        + "\(HTMLPage.escape(file.failure ?? "unknown error"))</p>")
                continue
            }
            if several {
                page.sections.append(
                    "<h2>\(HTMLPage.escape(file.path))</h2>\n<p class=\"muted\">\(HTMLPage.escape(Self.summary(file, history)))</p>")
            }
            sections(file, history, into: &page)
        }
        return page.render()
    }

    private static func summary(_ file: File, _ history: RecordedHistory) -> String {
        let broken = file.verdicts.filter { $0.verdict.violation != nil }.count
        return "\(history.operations.count) operations on \(file.verdicts.count) key\(file.verdicts.count == 1 ? "" : "s"); "
            + (broken == 0 ? "every key linearizable or undecided" : "\(broken) not linearizable")
    }

    private func sections(_ file: File, _ history: RecordedHistory, into page: inout HTMLPage) {
        let keyOperations = Dictionary(grouping: history.operations, by: \.key)
        for result in file.verdicts {
            let key = "key \(history.keyName(result.key))"
            let keyName = { (key: Int) in "key \(history.keyName(key))" }
            // Recorded operations carry no labels; the page names each by its process, as the text does.
            let operations = (keyOperations[result.key] ?? []).map(history.labelled)
            let violation = result.verdict.violation.map(history.labelled)
            let verdictText: String
            var note = ""
            switch result.verdict {
            case .linearizable: verdictText = "linearizable"
            case .unknown(let limit): verdictText = "unknown (\(undecided(limit)))"
            case .violation:
                verdictText = "not linearizable"
                note = violation!.explanation(valueName: history.valueName, keyName: keyName)
                if !violation!.prefixFound {
                    note += " (the refutation stands without a linearisable prefix: finding one ran out of its budget)"
                }
            }
            page.sections.append(
                HTMLPage.timeline(
                    Timeline(
                        operations: operations, violation: violation, valueName: history.valueName, keyName: keyName),
                    heading: "\(key): \(verdictText) — \(result.operationCount) operation\(result.operationCount == 1 ? "" : "s")",
                    note: note, replay: nil))
        }
    }
}
