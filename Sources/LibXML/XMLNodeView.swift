import CLibXML2

/// What decoding needs of an element: its name, line, attributes, child elements and text. Both
/// `XMLElement` values and `XMLNodeView`s over a parsed document provide it.
package protocol XMLElementReading {
    /// The local name, without prefix.
    var name: String { get }
    /// The namespace URI, or nil for none.
    var namespace: String? { get }
    /// The 1-based source line of the start tag, or 0 for an element built in code.
    var line: Int { get }
    /// The value of the attribute `name` (not namespaced), if present.
    subscript(attribute name: String) -> String? { get }
    /// The first child element called `name`.
    func element(named name: String) -> Self?
    /// The child elements called `name`, in document order.
    func elements(named name: String) -> [Self]
    /// All character data inside the element, in document order.
    var text: String { get }
}

extension XMLElement: XMLElementReading {}

/// What holds the nodes a view reads: a parsed document, or the subtree a stream reader has
/// expanded, which it frees when it reads on.
protocol NodeOwner: AnyObject {
    var nodesAreValid: Bool { get }
}

extension XMLDocument: NodeOwner {
    var nodesAreValid: Bool { true }
}

/// An element of a parsed document, read in place: no copy of the tree is made, and strings are
/// made only for what is asked. It keeps a document alive; a view into a stream reader's current
/// subtree stops the program if it is used after the reader moved on, rather than read freed memory.
///
/// For decoding a document once, where copying every node into `XMLElement` values first costs
/// as much as the decoding.
package struct XMLNodeView: XMLElementReading {
    private let pointer: xmlNodePtr
    private let owner: any NodeOwner

    init(_ node: xmlNodePtr, in owner: any NodeOwner) {
        self.pointer = node
        self.owner = owner
    }

    /// The node, while its owner still holds it.
    private var node: xmlNodePtr {
        precondition(owner.nodesAreValid, "an XMLNodeView was used after its stream reader moved on")
        return pointer
    }

    package var name: String { String(cString: node.pointee.name) }

    package var namespace: String? { node.pointee.ns.map { String(cString: $0.pointee.href) } }

    package var line: Int { TreeConversion.line(of: node) }

    package subscript(attribute name: String) -> String? {
        let node = self.node
        var attribute = node.pointee.properties
        while let current = attribute {
            if current.pointee.ns == nil, Self.hasName(current.pointee.name, name) {
                // Almost always one text node: read it in place.
                if let only = current.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE {
                    return only.pointee.content.map { String(cString: $0) } ?? ""
                }
                let raw = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1)
                defer { fc_xml_free(raw) }
                return raw.map { String(cString: $0) } ?? ""
            }
            attribute = current.pointee.next
        }
        return nil
    }

    package func element(named name: String) -> XMLNodeView? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, Self.hasName(current.pointee.name, name) {
                return XMLNodeView(current, in: owner)
            }
            child = current.pointee.next
        }
        return nil
    }

    package func elements(named name: String) -> [XMLNodeView] {
        var result: [XMLNodeView] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, Self.hasName(current.pointee.name, name) {
                result.append(XMLNodeView(current, in: owner))
            }
            child = current.pointee.next
        }
        return result
    }

    package var text: String {
        let node = self.node
        guard let first = node.pointee.children else { return "" }
        // Almost always one text node: read it in place.
        if first.pointee.next == nil, first.pointee.type == XML_TEXT_NODE || first.pointee.type == XML_CDATA_SECTION_NODE {
            return first.pointee.content.map { String(cString: $0) } ?? ""
        }
        return TreeConversion.content(of: node)
    }

    /// Whether the libxml2 name `pointer` is `name`, compared without making a string.
    private static func hasName(_ pointer: UnsafePointer<xmlChar>?, _ name: String) -> Bool {
        guard let pointer else { return false }
        var name = name
        return name.withUTF8 { utf8 in
            for (index, byte) in utf8.enumerated() where pointer[index] != byte { return false }
            return pointer[utf8.count] == 0
        }
    }
}

extension XMLDocument {
    /// The root element, read in place.
    package var rootView: XMLNodeView {
        XMLNodeView(xmlDocGetRootElement(pointer)!, in: self)
    }
}
