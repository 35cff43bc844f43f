import CLibXML2

/// Reads a document as a stream, validating it against a schema (if given) as it goes, and hands out one
/// child of the root at a time as an `XMLElement` value: memory holds one such subtree, however
/// large the document. Parsing is as strict and safe as `XMLDocument.parse`.
///
/// Not `Sendable`: one reader belongs to one thread.
public final class XMLStreamReader {
    private let reader: xmlTextReaderPtr
    /// libxml2 reads this copy of the input in place, so it lives as long as the reader.
    private let buffer: UnsafeMutableBufferPointer<CChar>
    private let collector: DiagnosticCollector
    private let validating: Bool
    public let path: String
    public let source: SourceText

    public init(bytes: [UInt8], path: String, schema: XMLSchema?) throws(XMLError) {
        LibXMLSetup.ensure()
        let source = SourceText(bytes)
        let collector = DiagnosticCollector(file: path, source: source)
        if let problem = EncodingCheck.problem(in: bytes) {
            collector.add(line: 1, column: 1, message: problem)
            throw .malformed(collector.allDiagnostics)
        }
        guard !bytes.isEmpty else {
            throw .malformed([XMLDiagnostic(file: path, line: 1, column: 1, message: "file is empty")])
        }
        // Refused before libxml2 sees it: its streaming validator reports a DOCTYPE on the terminal.
        if let line = Self.doctypeLine(in: bytes) {
            throw .malformed([
                XMLDiagnostic(file: path, line: line, column: 1, message: "document has a DOCTYPE; DTDs and entity declarations are refused")
            ])
        }
        let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: bytes.count)
        bytes.withUnsafeBytes { raw in
            _ = UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
        }
        guard let reader = xmlReaderForMemory(buffer.baseAddress, Int32(clamping: bytes.count), nil, nil, Int32(XMLDocument.strictOptions)) else {
            buffer.deallocate()
            throw .malformed([XMLDiagnostic(file: path, message: "libxml2 could not start a reader")])
        }
        self.reader = reader
        self.buffer = buffer
        self.collector = collector
        self.path = path
        self.source = source
        self.validating = schema != nil
        // The handler first: setting the schema hands it on to the validation context.
        fc_reader_set_errors(reader, collectorCallback, collector.opaque)
        if let schema, !schema.attach(to: reader) {
            throw .invalidSchema([XMLDiagnostic(file: schema.name, message: "the schema could not be attached to a reader")])
        }
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    /// The line of a `<!DOCTYPE` in the prolog (before the root element), if there is one.
    static func doctypeLine(in bytes: [UInt8]) -> Int? {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if byte == UInt8(ascii: " ") || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<") else { return nil }
            let rest = bytes[index...]
            if rest.starts(with: Array("<!DOCTYPE".utf8)) { return line }
            // Skip the XML declaration, processing instructions and comments; stop at anything else.
            let closing: [UInt8]
            if rest.starts(with: Array("<?".utf8)) {
                closing = Array("?>".utf8)
            } else if rest.starts(with: Array("<!--".utf8)) {
                closing = Array("-->".utf8)
            } else {
                return nil
            }
            guard let end = rest.firstRange(of: closing) else { return nil }
            line += bytes[index..<end.upperBound].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            index = end.upperBound
        }
        return nil
    }

    /// Moves to the next element whose depth is `depth` (0 is the root) and returns its local
    /// name and namespace, or nil at the end of the document.
    public func nextElement(atDepth depth: Int) throws(XMLError) -> (name: String, namespace: String?)? {
        while true {
            let result = xmlTextReaderRead(reader)
            try check(result)
            if result == 0 { return nil }
            let type = xmlTextReaderNodeType(reader)
            if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                collector.add(
                    line: Int(xmlTextReaderGetParserLineNumber(reader)), column: 1,
                    message: "document has a DOCTYPE; DTDs and entity declarations are refused")
                throw .malformed(collector.allDiagnostics)
            }
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) && Int(xmlTextReaderDepth(reader)) == depth {
                let name = TreeConversion.string(xmlTextReaderConstLocalName(reader)) ?? ""
                return (name, TreeConversion.string(xmlTextReaderConstNamespaceUri(reader)))
            }
        }
    }

    /// The current element with its subtree, as a value.
    public func expand() throws(XMLError) -> XMLElement {
        guard let node = xmlTextReaderExpand(reader) else {
            try check(-1)
            throw .malformed(collector.allDiagnostics)
        }
        try check(0)
        return TreeConversion.element(node)
    }

    /// Reads to the end, so every error in the rest of the document, well-formedness or schema, is found.
    public func finish() throws(XMLError) {
        while true {
            let result = xmlTextReaderRead(reader)
            try check(result)
            if result == 0 { break }
        }
        if validating && xmlTextReaderIsValid(reader) != 1 && collector.diagnostics.isEmpty {
            collector.add(line: 0, column: 0, message: "the document is not valid against the schema")
        }
        try check(0)
    }

    private func check(_ result: Int32) throws(XMLError) {
        if result < 0 || collector.hasErrors {
            if collector.diagnostics.isEmpty {
                collector.add(line: Int(xmlTextReaderGetParserLineNumber(reader)), column: 0, message: "the document could not be read")
            }
            throw .malformed(collector.allDiagnostics)
        }
    }
}
