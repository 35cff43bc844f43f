import LibXML

/// Why an annotation document could not be used; each case carries located diagnostics.
public enum DocumentError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read or written (missing, not a regular file, I/O): exit code 3.
    case unreadable([Diagnostic])
    /// The file is malformed, breaks the schema or a semantic rule: exit code 1.
    case invalid([Diagnostic])
    /// Not a failure: the change is in place in the file, for every reader, but the folder could not be
    /// flushed to disk afterwards, so a system crash before the disk catches up could still undo it.
    /// The diagnostics (warnings) say so; the command is not to be repeated.
    case writtenNotFlushed([Diagnostic])

    /// The XML layer's error, as unreadable (the file could not be read) or invalid (anything else).
    init(_ error: XMLError) {
        switch error {
        case .unreadable, .notRegularFile: self = .unreadable(error.findings)
        default: self = .invalid(error.findings)
        }
    }

    public var diagnostics: [Diagnostic] {
        switch self {
        case .unreadable(let diagnostics), .invalid(let diagnostics), .writtenNotFlushed(let diagnostics): diagnostics
        }
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
