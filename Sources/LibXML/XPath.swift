import CLibXML2

/// What an XPath expression evaluated to, copied out of libxml2.
package enum XPathValue: Sendable, Hashable {
    /// Matched nodes in document order: elements as values, other nodes (text, attributes) as their string value.
    case nodes([XMLElement.Child])
    case string(String)
    case number(Double)
    case boolean(Bool)
}

extension XMLDocument {
    /// Evaluates `expression` against this document; `namespaces` maps prefixes used in it to URIs.
    package func evaluate(_ expression: String, namespaces: [String: String] = [:]) throws(XMLError) -> XPathValue {
        let collector = DiagnosticCollector(file: path, source: source)
        return try withExtendedLifetime(collector) { () throws(XMLError) -> XPathValue in
            guard let context = xmlXPathNewContext(pointer) else {
                throw .xpath(expression: expression, message: "out of memory")
            }
            defer { xmlXPathFreeContext(context) }
            fc_xpath_set_errors(context, collectorCallback, collector.opaque)
            for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) {
                xmlXPathRegisterNs(context, prefix, uri)
            }
            guard let object = xmlXPathEvalExpression(expression, context) else {
                let message = collector.diagnostics.first?.message ?? "invalid expression"
                throw .xpath(expression: expression, message: message)
            }
            defer { xmlXPathFreeObject(object) }
            switch object.pointee.type {
            case XPATH_NODESET:
                var matches: [XMLElement.Child] = []
                for index in 0..<fc_xpath_nodeset_count(object) {
                    let node = fc_xpath_nodeset_item(object, index)!
                    if node.pointee.type == XML_ELEMENT_NODE {
                        matches.append(.element(TreeConversion.element(node)))
                    } else {
                        matches.append(.text(TreeConversion.content(of: node)))
                    }
                }
                return .nodes(matches)
            case XPATH_STRING:
                return .string(TreeConversion.string(object.pointee.stringval) ?? "")
            case XPATH_NUMBER:
                return .number(object.pointee.floatval)
            case XPATH_BOOLEAN:
                return .boolean(object.pointee.boolval != 0)
            default:
                throw .xpath(expression: expression, message: "unsupported result type")
            }
        }
    }
}
