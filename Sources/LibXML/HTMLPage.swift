import CLibXML2
import Glibc

/// An HTML page read by libxml2's HTML parser in SAX mode into a compact tree of its own: libxml2
/// builds no tree at all.
///
/// libxml2's tree of a page takes about 250 bytes an element (two nodes of 120 bytes, an element
/// and its text), and a Swift tree of values as much again, so an 8 MiB page of 2.4 million tags
/// reached 579 MiB. Here an element or a run of text is one 16-byte record, and every name, value
/// and text lives in one byte buffer. Records are kept in page order (an element before its
/// children), and each knows where its subtree ends, so a walk over a page of millions of
/// elements is a loop over one array, not a recursion through views.
package final class HTMLPage: Sendable {
    /// One element or run of text.
    struct Node: Sendable {
        /// The element's name in `names`, or -1 for text.
        var name: Int32
        /// The index after the last node inside this one: its next sibling's, if it has one. (Its
        /// first child, if it has one, is the next node.)
        var end: Int32 = 0
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

    fileprivate init(_ tree: Tree, root: Int32) {
        nodes = tree.nodes
        attributes = tree.attributes
        bytes = tree.bytes
        names = tree.names
        rootIndex = root
    }

    /// The names among `wanted` that this page uses, for testing elements without comparing strings.
    package func names(_ wanted: some Sequence<String>) -> HTMLNames {
        var members = [Bool](repeating: false, count: names.count)
        let wanted = Set(wanted)
        for (id, name) in names.enumerated() where wanted.contains(name) { members[id] = true }
        return HTMLNames(members: members)
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
        builder.tree.finish()
        guard let root = builder.tree.firstTopLevel else {
            throw .malformed([XMLDiagnostic(file: path, line: 1, column: 1, message: "HTML document is empty")])
        }
        return HTMLPage(builder.tree, root: root)
    }

    private static let htmlOptions: UInt32 =
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue
}

/// A set of element names, as one page numbers them.
package struct HTMLNames: Sendable {
    fileprivate let members: [Bool]

    package func contains(_ element: HTMLElement) -> Bool { contains(id: element.page.nodes[Int(element.index)].name) }

    fileprivate func contains(id: Int32) -> Bool { id >= 0 && Int(id) < members.count && members[Int(id)] }

    package static func + (left: HTMLNames, right: HTMLNames) -> HTMLNames {
        HTMLNames(members: zip(left.members, right.members).map { $0 || $1 })
    }
}

/// An element of an `HTMLPage`: a view that keeps the page alive.
package struct HTMLElement: Sendable {
    package let page: HTMLPage
    let index: Int32

    private var node: HTMLPage.Node { page.nodes[Int(index)] }

    /// The name, lower case as libxml2's HTML parser gives it.
    package var name: String { page.names[Int(node.name)] }

    /// Whether the element's name is one of `names`.
    package func isNamed(_ names: HTMLNames) -> Bool { names.contains(id: node.name) }

    /// The value of the attribute `name` (an attribute without a value has ""), if present.
    package subscript(attribute name: String) -> String? {
        let node = node
        guard node.count > 0 else { return nil }
        for attribute in page.attributes[Int(node.start)..<Int(node.start + node.count)]
        where page.bytes[Int(attribute.nameStart)..<Int(attribute.nameStart + attribute.nameCount)].elementsEqual(name.utf8) {
            return string(attribute.valueStart, attribute.valueCount)
        }
        return nil
    }

    /// The children in page order: elements and runs of text.
    package var children: HTMLChildren { HTMLChildren(page: page, first: index + 1, end: node.end) }

    /// The child elements, in page order (text is skipped without being decoded).
    package var elements: HTMLChildElements { HTMLChildElements(page: page, first: index + 1, end: node.end) }

    /// The child elements called `name`.
    package func elements(named name: String) -> [HTMLElement] {
        elements.filter { $0.name == name }
    }

    /// This element and every element inside it named one of `names`, in page order.
    package func descendants(named names: HTMLNames) -> [HTMLElement] {
        var found: [HTMLElement] = []
        let nodes = page.nodes
        for index in Int(index)..<Int(node.end) where names.contains(id: nodes[index].name) {
            found.append(HTMLElement(page: page, index: Int32(index)))
        }
        return found
    }

    /// Walks this element and the elements inside it in page order (depth first); `body` returns
    /// whether to go into an element's children.
    package func walk(_ body: (HTMLElement) -> Bool) {
        let nodes = page.nodes
        var current = Int(index)
        let end = Int(node.end)
        while current < end {
            let node = nodes[current]
            if node.name < 0 {
                current += 1
            } else {
                current = body(HTMLElement(page: page, index: Int32(current))) ? current + 1 : Int(node.end)
            }
        }
    }

    /// All text inside this element, in page order.
    package var text: String { text(leavingOut: HTMLNames(members: []), spaceFor: HTMLNames(members: [])) }

    /// The text inside this element in page order, without what is inside elements named one of
    /// `skipped`, and a space for each element named one of `breaks` (which counts before `skipped`).
    package func text(leavingOut skipped: HTMLNames, spaceFor breaks: HTMLNames) -> String {
        var result: [UInt8] = []
        let nodes = page.nodes
        var current = Int(index) + 1
        let end = Int(node.end)
        while current < end {
            let node = nodes[current]
            if node.name < 0 {
                result += page.bytes[Int(node.start)..<Int(node.start + node.count)]
                current += 1
            } else if breaks.contains(id: node.name) {
                result.append(0x20)
                current = Int(node.end)
            } else if skipped.contains(id: node.name) {
                current = Int(node.end)
            } else {
                current += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// For this element and each element inside it named one of `measured`, in page order, how many
    /// characters of its text are not white space, leaving out what is inside elements named one
    /// of `skipped` below it. Every count is made once from its children's: linear in the page,
    /// however deep such elements nest in each other.
    package func visibleLengths(of measured: HTMLNames, leavingOut skipped: HTMLNames) -> [(element: HTMLElement, length: Int)] {
        var found: [(order: Int32, length: Int)] = []
        let nodes = page.nodes
        let bytes = page.bytes
        func measure(_ index: Int32) -> Int {
            var length = 0
            var child = index + 1
            let end = nodes[Int(index)].end
            while child < end {
                let node = nodes[Int(child)]
                if node.name < 0 {
                    length += bytes.withUnsafeBufferPointer {
                        visibleCharacters(UnsafeBufferPointer(rebasing: $0[Int(node.start)..<Int(node.start + node.count)]))
                    }
                } else {
                    // A measured element inside a skipped one still counts for itself.
                    let inside = measure(child)
                    if !skipped.contains(id: node.name) { length += inside }
                }
                child = node.end
            }
            if measured.contains(id: nodes[Int(index)].name) { found.append((index, length)) }
            return length
        }
        _ = measure(index)
        return found.sorted { $0.order < $1.order }.map { (HTMLElement(page: page, index: $0.order), $0.length) }
    }

    private func string(_ start: Int32, _ count: Int32) -> String {
        String(decoding: page.bytes[Int(start)..<Int(start + count)], as: UTF8.self)
    }
}

/// How many Unicode scalars of UTF-8 `bytes` are not white space (Unicode's White_Space property).
func visibleCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte < 0x80 {
            if byte != 0x20 && !(0x09...0x0D).contains(byte) { count += 1 }
            index += 1
            continue
        }
        // A lead byte: decode the scalar (the page's bytes are valid UTF-8).
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : length == 2 ? 0x1F : 0x7F)
        var next = index + 1
        while next < index + length && next < bytes.count {
            value = value << 6 | UInt32(bytes[next] & 0x3F)
            next += 1
        }
        if !(Unicode.Scalar(value)?.properties.isWhitespace ?? false) { count += 1 }
        index = next
    }
    return count
}

/// An element's child elements, walked from sibling to sibling.
package struct HTMLChildElements: Sequence, Sendable {
    let page: HTMLPage
    let first: Int32
    let end: Int32

    package struct Iterator: IteratorProtocol {
        let page: HTMLPage
        var current: Int32
        let end: Int32

        package mutating func next() -> HTMLElement? {
            while current < end {
                let index = current
                let node = page.nodes[Int(index)]
                current = node.end
                if node.name >= 0 { return HTMLElement(page: page, index: index) }
            }
            return nil
        }
    }

    package func makeIterator() -> Iterator { Iterator(page: page, current: first, end: end) }
}

/// A child of an element in an `HTMLPage`.
package enum HTMLChild: Sendable {
    case element(HTMLElement)
    case text(String)
}

/// An element's children, walked from sibling to sibling.
package struct HTMLChildren: Sequence, Sendable {
    let page: HTMLPage
    let first: Int32
    let end: Int32

    package struct Iterator: IteratorProtocol {
        let page: HTMLPage
        var current: Int32
        let end: Int32

        package mutating func next() -> HTMLChild? {
            guard current < end else { return nil }
            let index = current
            let node = page.nodes[Int(index)]
            current = node.end
            if node.name < 0 {
                return .text(String(decoding: page.bytes[Int(node.start)..<Int(node.start + node.count)], as: UTF8.self))
            }
            return .element(HTMLElement(page: page, index: index))
        }
    }

    package func makeIterator() -> Iterator { Iterator(page: page, current: first, end: end) }
}

/// Builds an `HTMLPage` from libxml2's SAX events. The tree being built is one value, so each
/// event is one access to the builder's state.
private final class Builder {
    let collector: DiagnosticCollector
    var tree = Tree()

    init(collector: DiagnosticCollector) {
        self.collector = collector
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ context: UnsafeMutableRawPointer?) -> Builder? {
        guard let context, let builder = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
        return Unmanaged<Builder>.fromOpaque(builder).takeUnretainedValue()
    }

    /// libxml2 keeps its depth limit while building its own tree; without one, it is kept here.
    static let maxDepth = 256

    func start(
        _ name: UnsafePointer<xmlChar>, _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        context: UnsafeMutableRawPointer
    ) {
        guard tree.depth < Self.maxDepth else {
            if !collector.hasErrors {
                collector.add(
                    line: Int(xmlSAX2GetLineNumber(context)), column: Int(xmlSAX2GetColumnNumber(context)),
                    message: "excessive depth: elements nested more than \(Self.maxDepth) deep (the limit)")
            }
            xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self))
            return
        }
        tree.start(name, pairs)
    }
}

/// The page's records while libxml2 reads it.
private struct Tree {
    var nodes: [HTMLPage.Node] = []
    var attributes: [HTMLPage.Attribute] = []
    var bytes: [UInt8] = []
    var names: [String] = []
    /// Names by libxml2's interned pointer: the parser hands the same pointer for the same name.
    var nameIndex: [UnsafeRawPointer: Int32] = [:]
    /// The open elements, each with its last child so far (-1 for none).
    var open: [(index: Int32, lastChild: Int32)] = []
    /// The top level's first element.
    var firstTopLevel: Int32?

    var depth: Int { open.count }

    /// Appends `node` as the last child of the innermost open element (or at the top level).
    private mutating func append(_ node: HTMLPage.Node) -> Int32 {
        let index = Int32(nodes.count)
        nodes.append(node)
        if !open.isEmpty { open[open.count - 1].lastChild = index }
        return index
    }

    private mutating func store(_ text: UnsafePointer<xmlChar>) -> (start: Int32, count: Int32) {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self))))
        return (start, Int32(bytes.count) - start)
    }

    mutating func start(_ name: UnsafePointer<xmlChar>, _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
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
                let value: (start: Int32, count: Int32) = pair.advanced(by: 1).pointee.map { store($0) } ?? (Int32(bytes.count), 0)
                attributes.append(.init(nameStart: stored.start, nameCount: stored.count, valueStart: value.start, valueCount: value.count))
                pair += 2
            }
        }
        let index = append(HTMLPage.Node(name: nameID, start: first, count: Int32(attributes.count) - first))
        if open.isEmpty && firstTopLevel == nil { firstTopLevel = index }
        open.append((index, -1))
    }

    mutating func end() {
        guard let closed = open.popLast() else { return }
        nodes[Int(closed.index)].end = Int32(nodes.count)
    }

    /// Closes what the page left open.
    mutating func finish() {
        while !open.isEmpty { end() }
    }

    mutating func characters(_ text: UnsafePointer<xmlChar>, count: Int) {
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
        let index = append(HTMLPage.Node(name: -1, start: start, count: Int32(count)))
        nodes[Int(index)].end = index + 1
    }
}

private let htmlStartElement: startElementSAXFunc = { context, name, pairs in
    guard let name, let context else { return }
    Builder.from(context)?.start(name, pairs, context: context)
}

private let htmlEndElement: endElementSAXFunc = { context, _ in
    Builder.from(context)?.tree.end()
}

private let htmlCharacters: charactersSAXFunc = { context, text, count in
    guard let text else { return }
    Builder.from(context)?.tree.characters(text, count: Int(count))
}

/// HTML is parsed with recovery, so ordinary tag soup is no error; only fatal errors (excessive
/// depth, for one, after which libxml2 drops the rest of the page) are kept, and refuse the input.
private let htmlPageErrorCallback: fc_structured_error_fn = { context, error in
    guard let error, error.pointee.level == XML_ERR_FATAL, let builder = Builder.from(context) else { return }
    builder.collector.record(error)
}
