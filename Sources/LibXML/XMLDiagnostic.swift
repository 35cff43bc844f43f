/// One finding about an input: where it is and what is wrong, as `path:line:col: severity: message`.
package struct XMLDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is.
    package enum Severity: String, Sendable, Hashable {
        case warning
        case error
    }

    /// The file the finding is about, as the user named it.
    package var file: String
    /// 1-based line, or 0 when the finding is about the file as a whole.
    package var line: Int
    /// 1-based column, or 0 when unknown.
    package var column: Int
    package var severity: Severity
    /// A lower-case sentence; any excerpt of the input in it is short and sanitized.
    package var message: String

    package init(file: String, line: Int = 0, column: Int = 0, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// The xmllint-style form: `file:line:col: error: message`, leaving out what is unknown.
    package var description: String {
        var location = file
        if line > 0 {
            location += ":\(line)"
            if column > 0 { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}
