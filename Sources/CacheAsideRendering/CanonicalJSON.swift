import Foundation

/// JSON with sorted keys and no escaped slashes: equal values give equal bytes, which is what lets the
/// reports promise byte-identical output.
package enum CanonicalJSON {
    /// `value` as one line.
    package static func compact(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain Codable values cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }
}
