import CacheAsideCheck
import CacheAsideHistories
import Foundation

/// `cacheaside-check merge A.json B.json …`: combines the `--json` reports of `--shard K/N` runs into
/// the report the unsharded run gives, so a CI matrix or a batch scheduler can split a check over
/// machines with no service in between. Exit status as for a check: 0 every property held, 1 a property
/// was violated, 2 bad usage or input (a malformed file, shards of different checks, a missing shard) or
/// a run that could not complete, 3 undecided.
enum MergeCommand {
    /// The shards to merge and the size limit on each.
    struct Options {
        var paths: [String] = []
        var maxBytes = InputFile.defaultMaxBytes
    }

    static let command = CommandDescription<Options>(
        command: "\(CommandLineInterface.program) merge",
        abstract: "Combines the --json reports of a check run in shards (--shard K/N) into the unsharded report.",
        discussion: """
            The merged report is the JSON report the unsharded check prints, byte for byte. Every file must come
            from the same command and version apart from --shard and --jobs (shrinking and --check-determinism
            included), each shard (K from 0 to N − 1) exactly once, and each shard must have run all its seeds
            (no --time-limit cut).
            """,
        options: [
            .init("--max-bytes", "BYTES", help: "refuse a file longer than this (default 1073741824, 1 GiB)") { (options: inout Options, text: String) throws(UsageError) in
                guard let bytes = Int(text), bytes > 0 else {
                    throw UsageError("--max-bytes needs a whole number of bytes above 0, e.g. --max-bytes 4294967296")
                }
                options.maxBytes = bytes
            },
        ],
        positional: PositionalDescription(
            valueName: "shard.json", help: "the --json report of one shard",
            missing: "merge needs the shards' JSON reports, e.g. merge a.json b.json"
        ) { (options: inout Options, path: String) throws(UsageError) in options.paths.append(path) },
        epilogue: """
            Exit status: 0 every property held, 1 a property was violated, 2 bad usage or input, or a run that
            could not complete, 3 undecided (a property's counted search budget ran out on some run).
            """,
        defaults: { Options() })

    /// Merges the shards `options` name. A bad input file prints one error line.
    static func run(
        _ options: Options, output: inout some TextOutputStream, errors: inout some TextOutputStream
    ) -> Int32 {
        let (paths, maxBytes) = (options.paths, options.maxBytes)
        do {
            let merged = try merge(paths, maxBytes: maxBytes)
            output.write(merged.encoded())
            // The check's exit statuses, from the merged outcome (`Report.Outcome`, spelled as the JSON does).
            let outcomes: [Report.Outcome] = [.holds, .violated, .undecided, .couldNotRun]
            return (outcomes.first { "\($0)" == merged.outcome } ?? .couldNotRun).exitStatus
        } catch {
            errors.write("Error: \(error.message)\n")
            return 2
        }
    }

    /// The merged report of the files at `arguments`.
    private static func merge(_ arguments: [String], maxBytes: Int) throws(UsageError) -> JSONReport {
        var reports: [JSONReport] = []
        for path in arguments {
            let data: Data
            do {
                data = Data(try InputFile.contents(of: path, maxBytes: maxBytes) { (_) throws(RecordedHistoryError) in
                    throw RecordedHistoryError(line: nil, problem: "\(path) has a NUL byte, so it is not a JSON report",
                                               fix: "Give the --json reports of the shards")
                })
            } catch {
                // One line in merge's style: "problem; fix", the fix as a clause.
                throw UsageError("cannot read \(path): \(error.problem); \(error.fix.prefix(1).lowercased() + error.fix.dropFirst())")
            }
            do {
                // The schema first: a newer layout is refused as such, not as whatever field it lacks.
                if let probe = try? JSONDecoder().decode(SchemaProbe.self, from: data) {
                    try ReportMerge.checkSchema(probe.schemaVersion, of: path)
                }
                reports.append(try JSONDecoder().decode(JSONReport.self, from: data))
            } catch let error as ReportMerge.MergeError {
                throw UsageError(error.description)
            } catch {
                throw UsageError("\(path) is not a cacheaside-check --json report (\(describe(error)))")
            }
        }
        do {
            return try ReportMerge.merge(reports, names: arguments)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// The one field read before the rest.
    private struct SchemaProbe: Decodable { var schemaVersion: Int }

    /// A decoding error in a few words, on one line.
    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "unreadable"
        }
    }
}
