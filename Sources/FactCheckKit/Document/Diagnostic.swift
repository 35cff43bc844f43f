import LibXML

/// One finding about an input: where it is and what is wrong, as `path:line:col: severity: message`.
///
/// FactCheckKit's own type: its API never hands out the XML layer's.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable {
        case warning
        case error
    }

    /// The file the finding is about, as the user named it.
    public var file: String
    /// 1-based line, or 0 when the finding is about the file as a whole.
    public var line: Int
    /// 1-based column, or 0 when unknown.
    public var column: Int
    public var severity: Severity
    /// A lower-case sentence; any excerpt of the input in it is short and sanitized.
    public var message: String

    public init(file: String, line: Int = 0, column: Int = 0, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// The xmllint-style form: `file:line:col: error: message`, leaving out what is unknown.
    public var description: String {
        var location = file
        if line > 0 {
            location += ":\(line)"
            if column > 0 { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }

    /// A finding of the XML layer's.
    init(_ diagnostic: XMLDiagnostic) {
        self.init(
            file: diagnostic.file, line: diagnostic.line, column: diagnostic.column,
            severity: diagnostic.severity == .error ? .error : .warning, message: diagnostic.message)
    }
}

extension XMLDiagnostic {
    /// A finding of FactCheckKit's, handed back to the XML layer (a stream's semantic findings).
    init(_ diagnostic: Diagnostic) {
        self.init(
            file: diagnostic.file, line: diagnostic.line, column: diagnostic.column,
            severity: diagnostic.severity == .error ? .error : .warning, message: diagnostic.message)
    }
}

extension XMLError {
    /// Every finding this error stands for, as FactCheckKit's diagnostics.
    var findings: [Diagnostic] { diagnostics.map(Diagnostic.init) }
}

extension XMLSchema {
    /// `validate`, as FactCheckKit's diagnostics.
    func findings(_ document: XMLDocument) -> [Diagnostic] {
        validate(document).map(Diagnostic.init)
    }
}
