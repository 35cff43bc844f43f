import CLibXML2

/// A parsed XML (or HTML) document. Owns its libxml2 tree and frees it when released.
///
/// Not `Sendable`: one document belongs to one thread at a time.
package final class XMLDocument {
    let pointer: xmlDocPtr
    /// The path used in diagnostics about this document.
    package let path: String
    /// The bytes the document was parsed from, for column look-ups.
    package let source: SourceText

    init(pointer: xmlDocPtr, path: String, source: SourceText) {
        self.pointer = pointer
        self.path = path
        self.source = source
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// Parses an XML document strictly and safely from memory.
    ///
    /// No recovery, no entity substitution, no DTD loading or default attributes, no network,
    /// no XInclude, a deny-all entity loader; a DOCTYPE, a non-UTF-8 encoding or any error is refused.
    package static func parse(_ bytes: [UInt8], path: String) throws(XMLError) -> XMLDocument {
        LibXMLSetup.ensure()
        let source = SourceText(bytes)
        let collector = DiagnosticCollector(file: path, source: source)
        if let problem = EncodingCheck.problem(in: bytes) {
            collector.add(line: 1, column: 1, message: problem)
            throw .malformed(collector.allDiagnostics)
        }
        try MarkupScanner.check(bytes, syntax: .xml, path: path)
        let document: xmlDocPtr? = withExtendedLifetime(collector) {
            bytes.withUnsafeBufferPointer { buffer -> xmlDocPtr? in
                let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                    .assumingMemoryBound(to: CChar.self)
                guard let context = xmlCreateMemoryParserCtxt(base, Int32(clamping: buffer.count)) else {
                    return nil
                }
                defer { xmlFreeParserCtxt(context) }
                fc_parser_set_errors(context, parserErrorCallback, collector.opaque)
                fc_parser_set_doctype_handler(context, refuseDoctype)
                xmlCtxtUseOptions(context, Int32(strictOptions))
                xmlParseDocument(context)
                let document = context.pointee.myDoc
                context.pointee.myDoc = nil
                if context.pointee.wellFormed == 0 || collector.hasErrors {
                    if let document { xmlFreeDoc(document) }
                    return nil
                }
                return document
            }
        }
        guard let document, xmlDocGetRootElement(document) != nil else {
            if collector.diagnostics.isEmpty {
                collector.add(line: 1, column: 1, message: bytes.isEmpty ? "file is empty" : "document has no root element")
            }
            throw .malformed(collector.allDiagnostics)
        }
        return XMLDocument(pointer: document, path: path, source: source)
    }

    /// Reads the file at `path` with `InputFile`'s rules and parses it with `parse(_:path:)`.
    package static func read(contentsOf path: String, limit: Int = InputFile.defaultLimit) throws(XMLError) -> XMLDocument {
        try parse(InputFile.read(path, limit: limit), path: path)
    }

    static let strictOptions: UInt32 =
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        | XML_PARSE_NOCDATA.rawValue | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_BIG_LINES.rawValue
        | XML_PARSE_COMPACT.rawValue  // short text stored in the node: fewer allocations; the tree is never modified

    /// The root element and everything below it, as Swift values.
    package var root: XMLElement {
        TreeConversion.element(xmlDocGetRootElement(pointer)!)
    }
}

/// Receives every parser error and hands it to the collector the context carries.
private let parserErrorCallback: fc_structured_error_fn = { user, error in
    guard let error, let collector = DiagnosticCollector.from(fc_parser_collector(user)) else { return }
    collector.record(error)
}

/// Called by libxml2 at `<!DOCTYPE`, before any internal subset is read: stop right there.
let refuseDoctype: fc_internal_subset_fn = { user, _, _, _ in
    guard let user else { return }
    let context = user.assumingMemoryBound(to: xmlParserCtxt.self)
    if let collector = DiagnosticCollector.from(context.pointee._private) {
        collector.add(
            line: Int(fc_parser_line(context)), column: 1,
            message: "document has a DOCTYPE; DTDs and entity declarations are refused")
    }
    xmlStopParser(context)
}
