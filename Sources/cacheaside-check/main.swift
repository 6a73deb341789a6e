#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output or standard error as a text stream that remembers its first failed write (a full
/// disk, `>/dev/full`, a closed descriptor or pipe), so the command can end with exit 2 and one line
/// saying so instead of trapping or reporting success having written nothing.
struct StandardStream: TextOutputStream {
    let descriptor: Int32
    private(set) var failure: String?

    init(descriptor: Int32) { self.descriptor = descriptor }

    mutating func write(_ string: String) {
        guard failure == nil, !string.isEmpty else { return }
        failure = StandardOutputWriter.emit(string, to: descriptor)
    }
}

// A closed pipe should be an error we report, not a signal that kills the process mid-report.
signal(SIGPIPE, SIG_IGN)
// With standard output closed, the next file the process opens would take descriptor 1 and receive the
// report; refuse before anything is opened.
if fcntl(1, F_GETFD) == -1 {
    StandardOutputWriter.emitError("Error: standard output is closed; give the command somewhere to write (a file, a pipe or /dev/null)")
    exit(2)
}
var output = StandardStream(descriptor: 1)
var errors = StandardStream(descriptor: 2)
let status = CommandLineInterface.run(Array(CommandLine.arguments.dropFirst()), output: &output, errors: &errors)
if let failure = output.failure {
    StandardOutputWriter.emitError("Error: cannot write the report to standard output (\(failure)); check the disk or the pipe it goes to")
    exit(2)
}
exit(status)
