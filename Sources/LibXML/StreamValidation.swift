import CLibXML2

extension XMLSchema {
    /// Validates the document in `file` against this schema while libxml2's SAX parser reads it.
    ///
    /// No tree is built, not even one node at a time as a text reader does, so memory stays a few
    /// buffers and the check takes about two thirds of a validating `XMLStreamReader`'s time.
    /// Parsing is as strict and safe as `XMLDocument.parse` (the same options, the same checks
    /// before libxml2 sees the file, a DOCTYPE refused on sight). Findings are located at the line
    /// the parser had reached when the validator noticed them, without a column.
    ///
    /// Throws `.malformed` with every finding, well-formedness or schema, unless the document is valid.
    package func validate(streaming file: OpenInputFile) throws(XMLError) {
        LibXMLSetup.ensure()
        let head = try file.head(XMLStreamReader.prologLimit)
        if let format = InputFile.compressionFormat(of: head) { throw .compressed(path: file.path, format: format) }
        let source = SourceText(head)
        try XMLStreamReader.checkBeforeParsing(head, path: file.path, wholeInput: false, source: source)

        let collector = DiagnosticCollector(file: file.path)
        let cursor = FileCursor(file)
        let outcome: (valid: Bool, line: Int)? = withExtendedLifetime((collector, cursor)) {
            guard let parser = xmlCreateIOParserCtxt(
                nil, nil, readFromCursor, nil, Unmanaged.passUnretained(cursor).toOpaque(), XML_CHAR_ENCODING_NONE)
            else { return nil }
            defer { xmlFreeParserCtxt(parser) }
            guard let validation = xmlSchemaNewValidCtxt(pointer) else { return nil }
            defer { xmlSchemaFreeValidCtxt(validation) }

            fc_parser_report_nothing(parser)
            fc_parser_set_errors(parser, pluggedParserErrorCallback, collector.opaque)
            fc_parser_set_doctype_handler(parser, refuseDoctype)
            xmlCtxtUseOptions(parser, Int32(XMLDocument.strictOptions))
            fc_schema_valid_set_errors(validation, collectorCallback, collector.opaque)
            guard let plug = fc_schema_plug(validation, parser, pluggedParserErrorCallback) else { return nil }
            xmlParseDocument(parser)
            // Unplugged before the contexts are freed: it gives the parser its own handler table back.
            xmlSchemaSAXUnplug(plug)
            return (parser.pointee.wellFormed != 0 && xmlSchemaIsValid(validation) == 1, Int(fc_parser_line(parser)))
        }

        guard let outcome else {
            throw .malformed([XMLDiagnostic(file: file.path, message: "libxml2 could not start a validating parser")])
        }
        if let failure = cursor.failure, let location = cursor.failureLocation {
            // A refused start tag stopped the input: what libxml2 said of the cut-off input is no news.
            throw .malformed([XMLDiagnostic(file: file.path, line: location.line, column: location.column, message: failure)])
        }
        if let failure = cursor.failure, collector.diagnostics.isEmpty {
            collector.add(line: outcome.line, column: 0, message: failure)
        }
        if !outcome.valid && collector.diagnostics.isEmpty {
            collector.add(line: outcome.line, column: 0, message: "the document is not valid against the schema")
        }
        if collector.hasErrors { throw .malformed(collector.allDiagnostics) }
    }
}

/// The parser's errors. Once a validator is plugged in, libxml2 passes the plug as the user
/// pointer, so the collector is found through the parser context the error names.
private let pluggedParserErrorCallback: fc_structured_error_fn = { _, error in
    guard let error, let collector = DiagnosticCollector.from(fc_error_parser_collector(error)) else { return }
    collector.record(error)
}
