#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `check-history DIR`: the histories in a directory are its visible regular files, in name order, so
/// the output's order is the same on every machine.
enum HistoryDirectory {
    /// The directory's history files as paths, or `nil` when `path` is not a directory.
    static func entries(_ path: String) -> [String]? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, let directory = opendir(path) else {
            return nil
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            guard !name.hasPrefix(".") else { continue }
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            var entryStatus = stat()
            guard stat(full, &entryStatus) == 0, entryStatus.st_mode & S_IFMT == S_IFREG else { continue }
            names.append(full)
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
