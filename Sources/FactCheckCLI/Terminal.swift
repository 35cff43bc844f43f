import Foundation
import LibXML

/// Writes to the terminal: results on stdout, diagnostics on stderr, colour only on a TTY without `NO_COLOR`.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes many lines to stdout in large chunks, never holding all of them.
    static func outLines(_ produce: ((String) -> Void) -> Void) {
        var chunk = ""
        produce { line in
            chunk += line
            chunk += "\n"
            if chunk.utf8.count >= 1 << 16 {
                FileHandle.standardOutput.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        if !chunk.isEmpty { FileHandle.standardOutput.write(Data(chunk.utf8)) }
    }

    /// Prints diagnostics xmllint-style, one a line, on stderr.
    static func report(_ diagnostics: [XMLDiagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let color = useColor(fileDescriptor: 2)
        let lines = diagnostics.map { diagnostic -> String in
            guard color else { return diagnostic.description }
            let plain = diagnostic.description
            let marker = "\(diagnostic.severity.rawValue):"
            let code = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            return plain.replacingOccurrences(of: marker, with: "\(code)\(marker)\u{1B}[0m", options: [], range: plain.range(of: marker))
        }
        error(lines.joined(separator: "\n"))
    }

    /// Colour only when writing to a terminal and `NO_COLOR` is not set.
    static func useColor(fileDescriptor: Int32) -> Bool {
        isatty(fileDescriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
