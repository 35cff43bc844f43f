import CLibXML2

/// An HTML page read by libxml2's HTML parser in SAX mode into a compact tree of its own: libxml2
/// builds no tree at all.
///
/// libxml2's tree of a page takes about 250 bytes an element (two nodes of 120 bytes, an element
/// and its text), and a Swift tree of values as much again, so an 8 MiB page of 2.4 million tags
/// reached 579 MiB. Here an element or a run of text is one 20-byte record, and every name, value
/// and text lives in one byte buffer.
package final class HTMLPage: Sendable {
    /// One element or run of text.
    struct Node: Sendable {
        /// The element's name in `names`, or -1 for text.
        var name: Int32
        /// The next sibling, or -1.
        var next: Int32 = -1
        /// The first child, or -1 (always for text).
        var firstChild: Int32 = -1
        /// Text: where its bytes start in `bytes` and how many; element: its attributes' first index
        /// in `attributes` and how many.
        var start: Int32
        var count: Int32
    }

    /// An attribute: its name's and value's bytes in `bytes`.
    struct Attribute: Sendable {
        var nameStart: Int32
        var nameCount: Int32
        var valueStart: Int32
        var valueCount: Int32
    }

    let nodes: [Node]
    let attributes: [Attribute]
    let bytes: [UInt8]
    let names: [String]
    /// The first top-level element (libxml2 implies `<html>` around everything).
    let rootIndex: Int32

    fileprivate init(_ builder: Builder, root: Int32) {
        nodes = builder.nodes
        attributes = builder.attributes
        bytes = builder.bytes
        names = builder.names
        rootIndex = root
    }

    /// The page's outermost element.
    package var root: HTMLElement { HTMLElement(page: self, index: rootIndex) }

    /// Parses HTML leniently, as browsers do, but safely: the bytes are decoded as UTF-8 (invalid
    /// sequences become U+FFFD) and a `<meta charset>` cannot switch the decoding; nothing is
    /// fetched; a start tag with too many attributes is refused before libxml2 sees it, and nesting
    /// deeper than libxml2's limit (256) refuses the page rather than losing the rest of it.
    package static func parse(_ bytes: [UInt8], path: String) throws(XMLError) -> HTMLPage {
        LibXMLSetup.ensure()
        // Offsets are 32-bit; imports are capped far below this.
        guard bytes.count < Int(Int32.max) / 4 else {
            throw .tooLarge(path: path, size: bytes.count, limit: Int(Int32.max) / 4)
        }
        // Decoding up front replaces invalid bytes, so libxml2 never guesses another encoding.
        let clean = Array(String(decoding: bytes, as: UTF8.self).utf8)
        try MarkupScanner.check(clean, syntax: .html, path: path)
        let builder = Builder(collector: DiagnosticCollector(file: path, source: SourceText(clean)))
        let started: Bool = withExtendedLifetime(builder) {
            clean.withUnsafeBufferPointer { buffer -> Bool in
                guard let base = buffer.baseAddress else { return false }
                let pointer = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                guard let context = htmlCreateMemoryParserCtxt(pointer, Int32(clamping: buffer.count)) else {
                    return false
                }
                defer { htmlFreeParserCtxt(context) }
                // Nothing but these events: no tree, no comments, no DOCTYPE node.
                fc_parser_report_nothing(context)
                fc_parser_set_errors(context, htmlPageErrorCallback, builder.opaque)
                let sax = context.pointee.sax!
                sax.pointee.startElement = htmlStartElement
                sax.pointee.endElement = htmlEndElement
                sax.pointee.characters = htmlCharacters
                sax.pointee.cdataBlock = htmlCharacters
                sax.pointee.ignorableWhitespace = htmlCharacters
                xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
                htmlCtxtUseOptions(context, Int32(htmlOptions))
                htmlParseDocument(context)
                if let document = context.pointee.myDoc {
                    xmlFreeDoc(document)
                    context.pointee.myDoc = nil
                }
                return true
            }
        }
        let collector = builder.collector
        if collector.hasErrors { throw .malformed(collector.allDiagnostics) }
        guard started else {
            throw .malformed([XMLDiagnostic(file: path, line: 1, column: 1, message: "no HTML content could be read")])
        }
        guard let root = builder.firstTopLevel else {
            throw .malformed([XMLDiagnostic(file: path, line: 1, column: 1, message: "HTML document is empty")])
        }
        return HTMLPage(builder, root: root)
    }

    private static let htmlOptions: UInt32 =
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue
}

/// An element of an `HTMLPage`: a view that keeps the page alive.
package struct HTMLElement: Sendable {
    let page: HTMLPage
    let index: Int32

    private var node: HTMLPage.Node { page.nodes[Int(index)] }

    /// The name, lower case as libxml2's HTML parser gives it.
    package var name: String { page.names[Int(node.name)] }

    /// The value of the attribute `name` (an attribute without a value has ""), if present.
    package subscript(attribute name: String) -> String? {
        let node = node
        let wanted = Array(name.utf8)
        for attribute in page.attributes[Int(node.start)..<Int(node.start + node.count)]
        where page.bytes[Int(attribute.nameStart)..<Int(attribute.nameStart + attribute.nameCount)].elementsEqual(wanted) {
            return string(attribute.valueStart, attribute.valueCount)
        }
        return nil
    }

    /// The children in page order: elements and runs of text.
    package var children: HTMLChildren { HTMLChildren(page: page, first: node.firstChild) }

    /// The child elements, in page order (text is skipped without being decoded).
    package var elements: HTMLChildElements { HTMLChildElements(page: page, first: node.firstChild) }

    /// The child elements called `name`.
    package func elements(named name: String) -> [HTMLElement] {
        children.compactMap { if case .element(let element) = $0, element.name == name { element } else { nil } }
    }

    /// All text inside this element, in page order.
    package var text: String {
        var result: [UInt8] = []
        func collect(_ element: HTMLElement) {
            for child in element.children {
                switch child {
                case .text(let text): result += text.utf8
                case .element(let inner): collect(inner)
                }
            }
        }
        collect(self)
        return String(decoding: result, as: UTF8.self)
    }

    private func string(_ start: Int32, _ count: Int32) -> String {
        String(decoding: page.bytes[Int(start)..<Int(start + count)], as: UTF8.self)
    }
}

/// An element's child elements, walked through the page's sibling links.
package struct HTMLChildElements: Sequence, Sendable {
    let page: HTMLPage
    let first: Int32

    package struct Iterator: IteratorProtocol {
        let page: HTMLPage
        var current: Int32

        package mutating func next() -> HTMLElement? {
            while current >= 0 {
                let index = current
                let node = page.nodes[Int(index)]
                current = node.next
                if node.name >= 0 { return HTMLElement(page: page, index: index) }
            }
            return nil
        }
    }

    package func makeIterator() -> Iterator { Iterator(page: page, current: first) }
}

/// A child of an element in an `HTMLPage`.
package enum HTMLChild: Sendable {
    case element(HTMLElement)
    case text(String)
}

/// An element's children, walked through the page's sibling links.
package struct HTMLChildren: Sequence, Sendable {
    let page: HTMLPage
    let first: Int32

    package struct Iterator: IteratorProtocol {
        let page: HTMLPage
        var current: Int32

        package mutating func next() -> HTMLChild? {
            guard current >= 0 else { return nil }
            let index = current
            let node = page.nodes[Int(index)]
            current = node.next
            if node.name < 0 {
                return .text(String(decoding: page.bytes[Int(node.start)..<Int(node.start + node.count)], as: UTF8.self))
            }
            return .element(HTMLElement(page: page, index: index))
        }
    }

    package func makeIterator() -> Iterator { Iterator(page: page, current: first) }
}

/// Builds an `HTMLPage` from libxml2's SAX events.
private final class Builder {
    let collector: DiagnosticCollector
    var nodes: [HTMLPage.Node] = []
    var attributes: [HTMLPage.Attribute] = []
    var bytes: [UInt8] = []
    var names: [String] = []
    /// Names by libxml2's interned pointer: the parser hands the same pointer for the same name.
    var nameIndex: [UnsafeRawPointer: Int32] = [:]
    /// The open elements, each with its last child so far (-1 for none).
    var open: [(index: Int32, lastChild: Int32)] = []
    /// The top level's last node, and its first element.
    var lastTopLevel: Int32 = -1
    var firstTopLevel: Int32?

    init(collector: DiagnosticCollector) {
        self.collector = collector
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ context: UnsafeMutableRawPointer?) -> Builder? {
        guard let context, let builder = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
        return Unmanaged<Builder>.fromOpaque(builder).takeUnretainedValue()
    }

    /// Appends `node` as the last child of the innermost open element (or at the top level).
    private func append(_ node: HTMLPage.Node) -> Int32 {
        let index = Int32(nodes.count)
        nodes.append(node)
        if let parent = open.last {
            if parent.lastChild >= 0 { nodes[Int(parent.lastChild)].next = index } else { nodes[Int(parent.index)].firstChild = index }
            open[open.count - 1].lastChild = index
        } else {
            if lastTopLevel >= 0 { nodes[Int(lastTopLevel)].next = index }
            lastTopLevel = index
        }
        return index
    }

    private func store(_ text: UnsafePointer<xmlChar>) -> (start: Int32, count: Int32) {
        let start = Int32(bytes.count)
        var byte = text
        while byte.pointee != 0 {
            bytes.append(byte.pointee)
            byte += 1
        }
        return (start, Int32(bytes.count) - start)
    }

    /// libxml2 keeps its depth limit while building its own tree; without one, it is kept here.
    static let maxDepth = 256

    func start(
        _ name: UnsafePointer<xmlChar>, _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        context: UnsafeMutableRawPointer
    ) {
        guard open.count < Self.maxDepth else {
            if !collector.hasErrors {
                collector.add(
                    line: Int(xmlSAX2GetLineNumber(context)), column: Int(xmlSAX2GetColumnNumber(context)),
                    message: "excessive depth: elements nested more than \(Self.maxDepth) deep (the limit)")
            }
            xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self))
            return
        }
        let key = UnsafeRawPointer(name)
        let nameID: Int32
        if let known = nameIndex[key] {
            nameID = known
        } else {
            nameID = Int32(names.count)
            names.append(String(cString: name))
            nameIndex[key] = nameID
        }
        let first = Int32(attributes.count)
        if var pair = pairs {
            while let attributeName = pair.pointee {
                let stored = store(attributeName)
                let value: (start: Int32, count: Int32) = pair.advanced(by: 1).pointee.map(store) ?? (Int32(bytes.count), 0)
                attributes.append(.init(nameStart: stored.start, nameCount: stored.count, valueStart: value.start, valueCount: value.count))
                pair += 2
            }
        }
        let index = append(HTMLPage.Node(name: nameID, start: first, count: Int32(attributes.count) - first))
        if open.isEmpty && firstTopLevel == nil { firstTopLevel = index }
        open.append((index, -1))
    }

    func end() {
        _ = open.popLast()
    }

    func characters(_ text: UnsafePointer<xmlChar>, count: Int) {
        guard count > 0, !open.isEmpty else { return }
        let last = open[open.count - 1].lastChild
        // Text right after text (libxml2 hands long text in pieces) extends it: its bytes are the last ones.
        if last >= 0, nodes[Int(last)].name < 0, Int(nodes[Int(last)].start + nodes[Int(last)].count) == bytes.count {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
            nodes[Int(last)].count += Int32(count)
            return
        }
        let start = Int32(bytes.count)
        bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
        _ = append(HTMLPage.Node(name: -1, start: start, count: Int32(count)))
    }
}

private let htmlStartElement: startElementSAXFunc = { context, name, pairs in
    guard let name, let context else { return }
    Builder.from(context)?.start(name, pairs, context: context)
}

private let htmlEndElement: endElementSAXFunc = { context, _ in
    Builder.from(context)?.end()
}

private let htmlCharacters: charactersSAXFunc = { context, text, count in
    guard let text else { return }
    Builder.from(context)?.characters(text, count: Int(count))
}

/// HTML is parsed with recovery, so ordinary tag soup is no error; only fatal errors (excessive
/// depth, for one, after which libxml2 drops the rest of the page) are kept, and refuse the input.
private let htmlPageErrorCallback: fc_structured_error_fn = { context, error in
    guard let error, error.pointee.level == XML_ERR_FATAL, let builder = Builder.from(context) else { return }
    builder.collector.record(error)
}
