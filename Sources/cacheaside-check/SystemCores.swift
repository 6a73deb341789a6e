import Foundation

/// The number of cores the process may use (the default for --jobs).
func systemCoreCount() -> Int { ProcessInfo.processInfo.activeProcessorCount }
