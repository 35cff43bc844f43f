import CLibXML2

/// Gathers libxml2's structured errors for one parse or validation, never through global state.
///
/// Handed to libxml2 as an unretained pointer; the owner keeps it alive for the call.
final class DiagnosticCollector {
    /// More findings than this for one input are summarized, keeping memory bounded on hostile input.
    static let limit = 50

    let file: String
    private(set) var diagnostics: [XMLDiagnostic] = []
    private var dropped = 0
    /// Finds columns for errors libxml2 reports with a line only.
    var source: SourceText?

    init(file: String, source: SourceText? = nil) {
        self.file = file
        self.source = source
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> DiagnosticCollector? {
        pointer.map { Unmanaged<DiagnosticCollector>.fromOpaque($0).takeUnretainedValue() }
    }

    func add(_ diagnostic: XMLDiagnostic) {
        guard diagnostics.count < Self.limit else {
            dropped += 1
            return
        }
        diagnostics.append(diagnostic)
    }

    func add(line: Int, column: Int, message: String) {
        add(XMLDiagnostic(file: file, line: line, column: column, message: message))
    }

    /// Records one libxml2 error, cleaning its message and filling in a column where it can.
    func record(_ error: UnsafePointer<xmlError>) {
        let raw = error.pointee
        let severity: XMLDiagnostic.Severity = raw.level.rawValue >= XML_ERR_ERROR.rawValue ? .error : .warning
        var message = raw.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        // libxml2 2.9 follows a failed facet check with this internal note about the same value.
        if message.contains("No precomputed value available") { return }
        message = LibXMLMessage.clean(message)
        let line = Int(raw.line)
        var column = Int(raw.int2)
        if column == 0, line > 0, let node = raw.node?.assumingMemoryBound(to: xmlNode.self),
           node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name {
            column = source?.column(ofTag: String(cString: name), line: line) ?? 0
        }
        add(XMLDiagnostic(file: file, line: line, column: column, severity: severity, message: message))
    }

    /// All findings, with a last line saying how many more were not kept.
    var allDiagnostics: [XMLDiagnostic] {
        guard dropped > 0 else { return diagnostics }
        return diagnostics + [XMLDiagnostic(file: file, message: "\(dropped) more errors not shown")]
    }
}

/// Turns libxml2's messages into the tool's style: one line, no trailing period, excerpts kept short.
enum LibXMLMessage {
    /// libxml2's limits (those it keeps without XML_PARSE_HUGE, which the tool never sets), in our words.
    static let limits: [(prefix: String, message: String)] = [
        ("Excessive depth in document", "excessive depth: elements nested more than 256 deep (the limit)"),
        ("xmlSAX2Characters: huge text node", "a text node is longer than 10,000,000 bytes (the limit)"),
        ("xmlSAX2TextNode: huge text node", "a text node is longer than 10,000,000 bytes (the limit)"),
        ("Name too long", "a name is longer than 50,000 bytes (the limit)"),
    ]

    static func clean(_ message: String) -> String {
        if let limit = limits.first(where: { message.hasPrefix($0.prefix) }) { return limit.message }
        var text = message.trimmingSuffix { $0 == "\n" || $0 == " " || $0 == "." }
        // Other limits suggest an option the tool never sets.
        let option = " use XML_PARSE_HUGE option"
        if text.hasSuffix(option) { text.removeLast(option.count) }
        // Schema messages name elements as '{namespace}name'; the namespace is noise to a reader.
        text = text.replacingBraced()
        if let first = text.first, first.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) {
            text = first.lowercased() + text.dropFirst()
        }
        return Excerpt.sanitized(text, limit: 300)
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var result = self
        while let last = result.last, predicate(last) { result.removeLast() }
        return result
    }

    /// Removes `{uri}` prefixes from qualified names in libxml2 schema messages; other braces
    /// (enumeration sets, regex counts) stay.
    fileprivate func replacingBraced() -> String {
        var result = ""
        var rest = Substring(self)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let inside = rest[rest.index(after: open)..<close]
            if !inside.contains(":") || inside.contains(" ") || inside.contains("'") {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
