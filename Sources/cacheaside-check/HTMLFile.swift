import Foundation

/// Writes an `--html FILE` page, turning a failure into one `Error:` line.
enum HTMLFile {
    /// Writes `page` to `path`; on failure says why on `errors` and returns false (exit 2).
    static func write(_ page: String, to path: String, errors: inout some TextOutputStream) -> Bool {
        do {
            try Data(page.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return true
        } catch {
            errors.write("Error: cannot write the HTML report to \(path): \(error.localizedDescription)\n")
            return false
        }
    }
}
