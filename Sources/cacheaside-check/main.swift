import Foundation

/// Standard output and standard error as text streams.
struct StandardStream: TextOutputStream {
    let handle: FileHandle
    mutating func write(_ string: String) { handle.write(Data(string.utf8)) }
}

var output = StandardStream(handle: .standardOutput)
var errors = StandardStream(handle: .standardError)
exit(CommandLineInterface.run(Array(CommandLine.arguments.dropFirst()), output: &output, errors: &errors))
