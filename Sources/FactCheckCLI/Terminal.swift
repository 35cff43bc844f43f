#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FactCheckKit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes to the terminal: results on stdout, diagnostics on stderr, colour only on a TTY without `NO_COLOR`.
enum Terminal {
    static func out(_ text: String) {
        send(text + "\n", to: STDOUT_FILENO)
    }

    /// Text on stdout as it is, with no line feed added.
    static func outText(_ text: String) {
        send(text, to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        send(text + "\n", to: STDERR_FILENO)
    }

    /// Writes all of `text` to a file descriptor, through short writes and interruptions; stops
    /// quietly when the reader has gone (a closed pipe).
    static func send(_ text: String, to descriptor: Int32) {
        var text = text
        // Output that cannot be written (a closed pipe) is dropped, as a shell's would be.
        _ = text.withUTF8 { bytes in
            if descriptor == STDOUT_FILENO && Pager.take(UnsafeRawBufferPointer(bytes)) { return true }
            return Descriptor.writeAll(UnsafeRawBufferPointer(bytes), to: descriptor)
        }
    }

    /// Whether standard output was a terminal when the command started (a pager may have taken
    /// its place since).
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

    /// Everything on standard input.
    static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += buffer[..<count]
            } else if count == 0 || errno != EINTR {
                return bytes
            }
        }
    }

    /// Writes many lines to stdout in large chunks, never holding all of them.
    static func outLines(_ produce: ((String) -> Void) -> Void) {
        var chunk = ""
        produce { line in
            chunk += line
            chunk += "\n"
            if chunk.utf8.count >= 1 << 16 {
                send(chunk, to: STDOUT_FILENO)
                chunk = ""
            }
        }
        if !chunk.isEmpty { send(chunk, to: STDOUT_FILENO) }
    }

    /// Prints diagnostics xmllint-style, one a line, on stderr.
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let color = useColor(fileDescriptor: 2)
        let lines = diagnostics.map { diagnostic -> String in
            guard color else { return diagnostic.description }
            let plain = diagnostic.description
            let marker = "\(diagnostic.severity.rawValue):"
            let code = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            var colored = plain
            if let range = plain.firstRange(of: marker) {
                colored.replaceSubrange(range, with: "\(code)\(marker)\u{1B}[0m")
            }
            return colored
        }
        error(lines.joined(separator: "\n"))
    }

    /// Colour only when writing to a terminal and `NO_COLOR` is not set.
    static func useColor(fileDescriptor: Int32) -> Bool {
        let terminal = fileDescriptor == STDOUT_FILENO ? stdoutIsTerminal : isatty(fileDescriptor) == 1
        return terminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}

/// The terminal standard output shows on, measured once, before a pager takes standard output.
enum Screen {
    /// Its width in columns: the terminal's when standard output is one, else `$COLUMNS`, else nil
    /// (a pipe or a file: tables keep their usual widths).
    static let columns: Int? = {
        if isatty(STDOUT_FILENO) == 1 {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return nil
    }()

    /// Its height in lines, when standard output is a terminal that says.
    static let lines: Int? = {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }()

    /// The columns a table's last column may take: what the screen leaves after the other
    /// columns (`widths`) and the two spaces after each, at least `minimum`; `fallback` when the
    /// screen's width is not known.
    static func lastColumnWidth(after widths: [Int], fallback: Int, minimum: Int = 10) -> Int {
        guard let columns else { return fallback }
        return max(minimum, columns - widths.reduce(0) { $0 + $1 + 2 })
    }
}
