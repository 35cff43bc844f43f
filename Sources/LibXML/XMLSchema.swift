import CLibXML2

/// A compiled XSD schema. Compile once, validate from any thread: libxml2 never changes a compiled
/// schema, and each validation gets its own context.
package final class XMLSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr
    /// A name for diagnostics about the schema itself.
    package let name: String

    /// Compiles the schema text `source`. Imports and includes are refused with everything else external.
    package init(source: String, name: String) throws(XMLError) {
        LibXMLSetup.ensure()
        let collector = DiagnosticCollector(file: name)
        let bytes = Array(source.utf8)
        let compiled: xmlSchemaPtr? = withExtendedLifetime(collector) {
            bytes.withUnsafeBufferPointer { buffer in
                let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                guard let context = xmlSchemaNewMemParserCtxt(base, Int32(buffer.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                fc_schema_parser_set_errors(context, collectorCallback, collector.opaque)
                return xmlSchemaParse(context)
            }
        }
        guard let compiled, !collector.hasErrors else {
            if let compiled { xmlSchemaFree(compiled) }
            if collector.diagnostics.isEmpty { collector.add(line: 0, column: 0, message: "schema could not be compiled") }
            throw .invalidSchema(collector.allDiagnostics)
        }
        self.pointer = compiled
        self.name = name
    }

    deinit {
        xmlSchemaFree(pointer)
    }

    /// Every way `document` breaks this schema; empty when it is valid. `xsi:schemaLocation` is ignored.
    package func validate(_ document: XMLDocument) -> [XMLDiagnostic] {
        let collector = DiagnosticCollector(file: document.path, source: document.source)
        let result: Int32 = withExtendedLifetime(collector) {
            guard let context = xmlSchemaNewValidCtxt(pointer) else { return -1 }
            defer { xmlSchemaFreeValidCtxt(context) }
            fc_schema_valid_set_errors(context, collectorCallback, collector.opaque)
            return xmlSchemaValidateDoc(context, document.pointer)
        }
        if result != 0 && collector.diagnostics.isEmpty {
            collector.add(line: 0, column: 0, message: "schema validation failed (libxml2 code \(result))")
        }
        return collector.allDiagnostics
    }
}

/// For contexts whose user pointer is the collector itself (schemas, XPath, readers).
let collectorCallback: fc_structured_error_fn = { user, error in
    guard let error, let collector = DiagnosticCollector.from(user) else { return }
    collector.record(error)
}
