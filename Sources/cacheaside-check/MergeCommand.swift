import CacheAsideCheck
import Foundation

/// `cacheaside-check merge A.json B.json …`: combines the `--json` reports of `--shard K/N` runs into
/// the report the unsharded run gives, so a CI matrix or a batch scheduler can split a check over
/// machines with no service in between. Exit status as for a check: 0 every property held, 1 a property
/// was violated, 2 bad usage or input (a malformed file, shards of different checks, a missing shard) or
/// a run that could not complete, 3 undecided.
enum MergeCommand {
    static let usage = "usage: cacheaside-check merge SHARD.json SHARD.json … [--max-bytes BYTES]"
    static let help = """
        Combines the --json reports of one check run in shards (--shard K/N for every K from 0 to N − 1)
        into the JSON report the unsharded check prints, byte for byte.
        \(usage)
        Every file must come from the same command and version apart from --shard and --jobs (shrinking and
        --check-determinism included), each shard exactly once, and each shard must have run all its seeds
        (no --time-limit cut). A file longer than --max-bytes BYTES (default 1073741824, 1 GiB) is refused.
        exit status: 0 every property held, 1 a property was violated, 2 bad usage or input, or a run that
        could not complete, 3 undecided (a property's counted search budget ran out on some run).
        """

    /// Runs the command on the arguments after `merge`. A usage mistake prints an error and the usage
    /// line; a bad input file prints one error line.
    static func run(
        _ arguments: [String], output: inout some TextOutputStream, errors: inout some TextOutputStream
    ) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            output.write(help + "\n")
            return 0
        }
        var paths: [String] = []
        var maxBytes = InputFile.defaultMaxBytes
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--max-bytes" {
                guard let value = remaining.popFirst(), let bytes = Int(value), bytes > 0 else {
                    errors.write("Error: --max-bytes needs a whole number of bytes above 0, e.g. --max-bytes 4294967296\n\(usage)\n")
                    return 2
                }
                maxBytes = bytes
            } else if argument.hasPrefix("-") {
                errors.write("Error: merge takes file names and --max-bytes only, not '\(argument)'; see cacheaside-check merge --help\n\(usage)\n")
                return 2
            } else {
                paths.append(argument)
            }
        }
        guard !paths.isEmpty else {
            errors.write("Error: merge needs the shards' JSON reports, e.g. merge a.json b.json\n\(usage)\n")
            return 2
        }
        do {
            let merged = try merge(paths, maxBytes: maxBytes)
            output.write(merged.encoded())
            // The check's exit statuses, from the merged outcome: undecided is 3, not a violation.
            switch merged.outcome {
            case "holds": return 0
            case "violated": return 1
            case "undecided": return 3
            default: return 2
            }
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
