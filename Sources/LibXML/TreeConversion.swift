import CLibXML2

/// Copies libxml2 nodes into `XMLElement` values, so no node pointer leaves this layer.
enum TreeConversion {
    /// Below this depth, content is kept as text only; HTML (which libxml2 does not limit) can nest without end.
    static let maxDepth = 256

    static func element(_ node: xmlNodePtr, depth: Int = 0) -> XMLElement {
        var element = XMLElement(
            string(node.pointee.name) ?? "",
            namespace: node.pointee.ns.flatMap { string($0.pointee.href) },
            attributes: attributes(of: node),
            line: Int(xmlGetLineNo(node))
        )
        if depth >= maxDepth {
            let text = content(of: node)
            if !text.isEmpty { element.children = [.text(text)] }
            return element
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(.element(self.element(current, depth: depth + 1)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = string(current.pointee.content) ?? ""
                if case .text(let previous)? = element.children.last {
                    element.children[element.children.count - 1] = .text(previous + text)
                } else {
                    element.children.append(.text(text))
                }
            default:
                break  // comments, processing instructions
            }
            child = current.pointee.next
        }
        return element
    }

    static func attributes(of node: xmlNodePtr) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            if current.pointee.ns == nil, let name = string(current.pointee.name) {
                let raw = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1)
                result.append((name, string(raw) ?? ""))
                fc_xml_free(raw)
            }
            attribute = current.pointee.next
        }
        return result
    }

    /// The concatenated text of a node and its descendants.
    static func content(of node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { fc_xml_free(raw) }
        return String(cString: raw)
    }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
