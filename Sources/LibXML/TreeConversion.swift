import CLibXML2

/// Copies libxml2 nodes into `XMLElement` values, so no node pointer leaves this layer.
enum TreeConversion {
    /// Below this depth, content is kept as text only (libxml2 already refuses XML nested deeper).
    static let maxDepth = 256

    /// The line of an element's start tag (where it ends, as libxml2 counts).
    ///
    /// libxml2 keeps lines below 65,535 in the node. Past that (XML_PARSE_BIG_LINES) only text
    /// nodes know their line, and it is where the parser stood once it had read the text; what
    /// xmlGetLineNo makes of it can be lines late. White space between tags is read in one piece,
    /// so the line is taken from the white space just inside the start tag, less its line
    /// breaks, or else from the white space just before it (or after an empty element).
    static func line(of node: xmlNodePtr) -> Int {
        guard node.pointee.type == XML_ELEMENT_NODE, node.pointee.line == UInt16.max else {
            return Int(xmlGetLineNo(node))
        }
        if let inside = layout(node.pointee.children) { return inside.lineAfter - inside.breaks }
        if let before = layout(node.pointee.prev) { return before.lineAfter }
        // An empty element ends where its start tag does: the white space after it tells.
        if node.pointee.children == nil, let after = layout(node.pointee.next) { return after.lineAfter - after.breaks }
        return Int(xmlGetLineNo(node))
    }

    /// A text node of white space only, past the line limit: the line after it, and its line breaks.
    private static func layout(_ node: xmlNodePtr?) -> (lineAfter: Int, breaks: Int)? {
        guard let node, node.pointee.type == XML_TEXT_NODE, node.pointee.line == UInt16.max,
              let line = node.pointee.psvi, var byte = node.pointee.content
        else { return nil }
        var breaks = 0
        while byte.pointee != 0 {
            switch byte.pointee {
            case 0x0A: breaks += 1
            case 0x20, 0x09, 0x0D: break
            default: return nil
            }
            byte += 1
        }
        return (Int(bitPattern: line), breaks)
    }

    static func element(_ node: xmlNodePtr, depth: Int = 0) -> XMLElement {
        var element = XMLElement(
            string(node.pointee.name) ?? "",
            namespace: node.pointee.ns.flatMap { string($0.pointee.href) },
            attributes: attributes(of: node),
            line: line(of: node)
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
