/// An XML element as a plain Swift value: what the XML layer hands out instead of libxml2 nodes.
package struct XMLElement: Sendable, Hashable {
    /// A child of an element: another element or a run of character data.
    package enum Child: Sendable, Hashable {
        case element(XMLElement)
        case text(String)
    }

    /// The local name, without prefix.
    package var name: String
    /// The namespace URI, or nil for none.
    package var namespace: String?
    /// Attributes in the order they are written; names are local names (no namespaced attributes are kept).
    package var attributes: [(name: String, value: String)]
    package var children: [Child]
    /// The 1-based source line of the start tag, or 0 for an element built in code.
    package var line: Int

    package init(
        _ name: String, namespace: String? = nil, attributes: [(name: String, value: String)] = [],
        children: [Child] = [], line: Int = 0
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The value of the attribute `name`, if present.
    package subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The child elements, in document order.
    package var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The child elements called `name`.
    package func elements(named name: String) -> [XMLElement] {
        children.compactMap { if case .element(let element) = $0, element.name == name { element } else { nil } }
    }

    /// The first child element called `name`.
    package func element(named name: String) -> XMLElement? {
        for case .element(let element) in children where element.name == name { return element }
        return nil
    }

    /// All character data inside this element, in document order.
    package var text: String {
        var result = ""
        for child in children {
            switch child {
            case .text(let text): result += text
            case .element(let element): result += element.text
            }
        }
        return result
    }

    package static func == (lhs: XMLElement, rhs: XMLElement) -> Bool {
        lhs.name == rhs.name && lhs.namespace == rhs.namespace && lhs.children == rhs.children
            && lhs.attributes.elementsEqual(rhs.attributes) { $0.name == $1.name && $0.value == $1.value }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(namespace)
        hasher.combine(children)
        for attribute in attributes {
            hasher.combine(attribute.name)
            hasher.combine(attribute.value)
        }
    }
}
