/// A report as JUnit XML, the format CI systems (GitHub Actions test reporters, GitLab, Jenkins) read:
/// one `<testsuite>` per check, one `<testcase>` per property.
///
/// The mapping keeps each JUnit element to one meaning. A violated property is a `<failure>` whose text is
/// the counterexample a person would read in the terminal — the lanes and the replay line — so the CI
/// page alone is enough to reproduce it. A property that could not be judged is never a pass: a run that
/// could not complete (an escape, a loop, a throw) is an `<error>`, a defect in the strategy rather than a
/// verdict; exploration cut short by a time limit is `<skipped>`, because "held in the runs done" is not
/// "held". Counts in the attributes are computed from the cases, so they cannot disagree with them.
/// Times are `0`: reports are deterministic and never depend on the machine (DESIGN.md), and JUnit's
/// `time` is optional in spirit though readers expect the attribute.
package struct JUnitReport: Sendable {
    /// What happened to one test case.
    package enum Outcome: Sendable, Hashable {
        /// The property held in every run.
        case passed
        /// The property was violated: `message` is one line, `details` the counterexample.
        case failed(message: String, details: String)
        /// The property could not be judged because a run could not complete.
        case error(message: String, details: String)
        /// The property was not judged in full (exploration stopped early, or a search limit ran out).
        case skipped(message: String)
    }

    /// One `<testcase>`: a property of one model.
    package struct TestCase: Sendable, Hashable {
        /// The property's label, e.g. `linearizability`.
        package var name: String
        /// The model (strategy) it was checked on.
        package var className: String
        /// What happened.
        package var outcome: Outcome

        /// A test case.
        package init(name: String, className: String, outcome: Outcome) {
            self.name = name
            self.className = className
            self.outcome = outcome
        }
    }

    /// One `<testsuite>`: one check of one model.
    package struct TestSuite: Sendable {
        /// The suite's name, e.g. `cache-aside`.
        package var name: String
        /// One case per property.
        package var testCases: [TestCase]
        /// `<property name= value=>` pairs describing the check (seeds, scheduler, faults), in order.
        package var properties: [(name: String, value: String)]

        /// A suite.
        package init(name: String, testCases: [TestCase], properties: [(name: String, value: String)] = []) {
            self.name = name
            self.testCases = testCases
            self.properties = properties
        }
    }

    /// The `<testsuites>` element's name.
    package var name: String
    /// The suites, in order.
    package var suites: [TestSuite]

    /// A document of `suites`.
    package init(name: String = "cacheaside-check", suites: [TestSuite]) {
        self.name = name
        self.suites = suites
    }

    /// The XML document, ending with a newline.
    package func xml() -> String {
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        let all = suites.flatMap(\.testCases)
        lines.append(
            "<testsuites name=\"\(Self.escape(name))\"\(Self.countAttributes(all))>")
        for (index, suite) in suites.enumerated() {
            lines.append(
                "  <testsuite name=\"\(Self.escape(suite.name))\" id=\"\(index)\"\(Self.countAttributes(suite.testCases))>")
            if !suite.properties.isEmpty {
                lines.append("    <properties>")
                for property in suite.properties {
                    lines.append(
                        "      <property name=\"\(Self.escape(property.name))\" value=\"\(Self.escape(property.value))\"/>")
                }
                lines.append("    </properties>")
            }
            for testCase in suite.testCases {
                let open = "    <testcase name=\"\(Self.escape(testCase.name))\" classname=\"\(Self.escape(testCase.className))\" time=\"0\""
                switch testCase.outcome {
                case .passed:
                    lines.append(open + "/>")
                case .failed(let message, let details):
                    lines.append(open + ">")
                    lines.append(
                        "      <failure message=\"\(Self.escape(message))\" type=\"violation\">\(Self.escape(details, inAttribute: false))</failure>")
                    lines.append("    </testcase>")
                case .error(let message, let details):
                    lines.append(open + ">")
                    lines.append(
                        "      <error message=\"\(Self.escape(message))\" type=\"run-failure\">\(Self.escape(details, inAttribute: false))</error>")
                    lines.append("    </testcase>")
                case .skipped(let message):
                    lines.append(open + ">")
                    lines.append("      <skipped message=\"\(Self.escape(message))\"/>")
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func countAttributes(_ cases: [TestCase]) -> String {
        var failures = 0
        var errors = 0
        var skipped = 0
        for testCase in cases {
            switch testCase.outcome {
            case .passed: break
            case .failed: failures += 1
            case .error: errors += 1
            case .skipped: skipped += 1
            }
        }
        return " tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\""
    }

    /// `text` as an attribute value or, with `inAttribute` false, as character data: the markup
    /// characters as entities; in attributes also line breaks and tabs as character references (an XML
    /// parser would otherwise normalise them to spaces), while character data keeps its lines readable;
    /// and the other control characters, which XML 1.0 cannot carry at all, as U+FFFD.
    static func escape(_ text: String, inAttribute: Bool = true) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where inAttribute: escaped += "&quot;"
            case "'" where inAttribute: escaped += "&apos;"
            case "\n" where inAttribute: escaped += "&#10;"
            case "\r": escaped += "&#13;"
            case "\t" where inAttribute: escaped += "&#9;"
            case "\n", "\t", "\"", "'": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    escaped.unicodeScalars.append("\u{FFFD}")
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}

extension JUnitReport.TestSuite {
    /// The suite for one check: a case per property of `report`, named after the property, with `model` as
    /// its class name. Each property's verdict decides its case: `violated` is a failure with the shrunk
    /// counterexample, `undecided` is skipped with its reason, and a check that could not run (a bad
    /// configuration, a run that could not complete, a nondeterministic strategy) is an error in every
    /// case that was not already violated.
    ///
    /// - Parameters:
    ///   - report: what `Checker.check()` returned.
    ///   - model: the class name of every case (the catalogue name, or the strategy's name).
    ///   - describeFailure: how a run that could not complete is worded; the library's words by default.
    ///   - replayCommand: the command that replays a counterexample from its token, as `TextReport` takes it.
    package init(
        report: Report, model: String,
        describeFailure: @Sendable (SimulationFailure) -> String = { "\($0)" },
        replayCommand: @escaping @Sendable (String) -> String
    ) {
        let couldNotRun: (message: String, details: String)?
        if let problem = report.configurationError {
            couldNotRun = ("the check could not start", problem)
        } else if let failure = report.runFailure {
            let which = failure.seed.map { "seed \($0)" } ?? "the replayed run"
            couldNotRun = (
                "\(which): a run could not complete",
                "\(which): \(describeFailure(failure.failure))\nreplay: \(replayCommand(failure.replayToken))"
            )
        } else if report.exploration.stop == .nondeterministic {
            couldNotRun = ("the strategy is not deterministic", "replaying a schedule did not reproduce it")
        } else {
            couldNotRun = nil
        }
        let cases = report.properties.map { property -> JUnitReport.TestCase in
            let outcome: JUnitReport.Outcome
            switch property.verdict {
            case .violated:
                let seed = property.firstFailingSeed.map { ", first by seed \($0)" } ?? ""
                let message = "\(property.label) violated in \(property.failingRuns) of \(report.runs) runs\(seed)"
                var details = [String]()
                if let example = property.counterexample {
                    details = TextReport.describe(example) + ["replay: \(replayCommand(example.replayToken))"]
                }
                outcome = .failed(message: message, details: details.joined(separator: "\n"))
            case _ where couldNotRun != nil:
                outcome = .error(message: couldNotRun!.message, details: couldNotRun!.details)
            case .undecided(let reason):
                outcome = .skipped(message: reason)
            case .notExercised(let reason):
                outcome = .skipped(message: "not exercised: \(reason)")
            case .holds:
                outcome = .passed
            }
            return JUnitReport.TestCase(name: property.label, className: model, outcome: outcome)
        }
        var properties: [(name: String, value: String)] = [
            ("strategy", report.strategyName), ("scheduler", report.scheduler.description), ("runs", "\(report.runs)"),
        ]
        properties.append(("faults", report.faults.map(\.rawValue).joined(separator: ",")))
        self.init(name: model, testCases: cases, properties: properties)
    }
}
