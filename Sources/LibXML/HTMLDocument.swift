import CLibXML2

extension XMLDocument {
    /// Parses HTML leniently, as browsers do, but safely: the bytes are decoded as UTF-8 (invalid
    /// sequences become U+FFFD) and a `<meta charset>` cannot switch the decoding; nothing is fetched.
    package static func parseHTML(_ bytes: [UInt8], path: String) throws(XMLError) -> XMLDocument {
        LibXMLSetup.ensure()
        // Decoding up front replaces invalid bytes, so libxml2 never guesses another encoding.
        let clean = Array(String(decoding: bytes, as: UTF8.self).utf8)
        let collector = DiagnosticCollector(file: path, source: SourceText(clean))
        if let violation = MarkupScanner.violation(in: clean, syntax: .html) {
            let location = TextLocation(of: violation.offset, in: clean)
            throw .malformed([XMLDiagnostic(file: path, line: location.line, column: location.column, message: violation.message)])
        }
        let parsed: xmlDocPtr? = withExtendedLifetime(collector) {
            clean.withUnsafeBufferPointer { buffer -> xmlDocPtr? in
                guard let base = buffer.baseAddress else { return nil }
                let pointer = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                guard let context = htmlCreateMemoryParserCtxt(pointer, Int32(clamping: buffer.count)) else {
                    return nil
                }
                defer { htmlFreeParserCtxt(context) }
                fc_parser_set_errors(context, htmlErrorCallback, collector.opaque)
                xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
                htmlCtxtUseOptions(context, Int32(htmlOptions))
                htmlParseDocument(context)
                let document = context.pointee.myDoc
                context.pointee.myDoc = nil
                return document
            }
        }
        if collector.hasErrors {
            if let parsed { xmlFreeDoc(parsed) }
            throw .malformed(collector.allDiagnostics)
        }
        guard let document = parsed else {
            throw .malformed([XMLDiagnostic(file: path, line: 1, column: 1, message: "no HTML content could be read")])
        }
        guard xmlDocGetRootElement(document) != nil else {
            xmlFreeDoc(document)
            throw .malformed([XMLDiagnostic(file: path, line: 1, column: 1, message: "HTML document is empty")])
        }
        return XMLDocument(pointer: document, path: path, source: SourceText(clean))
    }

    private static let htmlOptions: UInt32 =
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue
}

/// HTML is parsed with recovery, so ordinary tag soup is no error; only fatal errors (excessive
/// depth, for one, after which libxml2 drops the rest of the page) are kept, and refuse the input.
private let htmlErrorCallback: fc_structured_error_fn = { user, error in
    guard let error, error.pointee.level == XML_ERR_FATAL,
          let collector = DiagnosticCollector.from(fc_parser_collector(user))
    else { return }
    collector.record(error)
}
