/// Why an input could not be turned into a usable XML document.
package enum XMLError: Error, Sendable, CustomStringConvertible {
    /// The file could not be opened or read; `reason` is the system's word for it.
    case unreadable(path: String, reason: String)
    /// The path names something other than a regular file (a folder, a device, a pipe).
    case notRegularFile(path: String)
    /// The file is larger than the configured cap.
    case tooLarge(path: String, size: Int, limit: Int)
    /// The file is compressed; inputs are refused rather than silently inflated.
    case compressed(path: String, format: String)
    /// The input is not well-formed or breaks one of the safety rules; the diagnostics say where.
    case malformed([XMLDiagnostic])
    /// A schema itself could not be compiled.
    case invalidSchema([XMLDiagnostic])
    /// An XPath expression could not be evaluated.
    case xpath(expression: String, message: String)
    /// A value cannot be written as XML 1.0 (for example it holds a control character).
    case unrepresentable(String)

    /// Every finding this error stands for, ready to print one per line.
    package var diagnostics: [XMLDiagnostic] {
        switch self {
        case .unreadable(let path, let reason):
            return [XMLDiagnostic(file: path, message: "cannot read file: \(reason)")]
        case .notRegularFile(let path):
            return [XMLDiagnostic(file: path, message: "not a regular file")]
        case .tooLarge(let path, let size, let limit):
            return [XMLDiagnostic(file: path, message: "file is \(size) bytes, over the limit of \(limit) bytes")]
        case .compressed(let path, let format):
            return [XMLDiagnostic(file: path, message: "\(format)-compressed input is refused; decompress it first")]
        case .malformed(let diagnostics), .invalidSchema(let diagnostics):
            return diagnostics
        case .xpath(let expression, let message):
            return [XMLDiagnostic(file: "xpath", message: "\(message) in '\(Excerpt.sanitized(expression))'")]
        case .unrepresentable(let message):
            return [XMLDiagnostic(file: "output", message: message)]
        }
    }

    package var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
