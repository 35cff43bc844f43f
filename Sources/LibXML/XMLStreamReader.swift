#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2

/// Reads a document as a stream and hands out one child of the root at a time: memory holds one
/// such subtree, however large the document. Parsing is as strict and safe as `XMLDocument.parse`.
/// It checks well-formedness only: `XMLSchema.validate(streaming:)` validates a file without a tree.
///
/// Not `Sendable`: one reader belongs to one thread.
package final class XMLStreamReader {
    private let reader: xmlTextReaderPtr
    /// What libxml2 reads from: a copy of the input in memory, or a file read in pieces.
    private let input: Input
    private let collector: DiagnosticCollector
    /// The subtree handed out by `expandedView`, until the reader moves on.
    private var expanded: ExpandedSubtree?
    package let path: String
    /// The input's bytes, or the first of them when reading a file: for columns.
    package let source: SourceText

    private enum Input {
        /// libxml2 reads this copy of the input in place, so it lives as long as the reader.
        case memory(UnsafeMutableBufferPointer<CChar>)
        case file(FileCursor)
    }

    /// How much of a file is looked at before libxml2 reads it: its prolog must end within it.
    package static let prologLimit = 64 * 1024

    package convenience init(bytes: [UInt8], path: String) throws(XMLError) {
        LibXMLSetup.ensure()
        let source = SourceText(bytes)
        try Self.checkBeforeParsing(bytes, path: path, wholeInput: true, source: source)
        let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: bytes.count)
        bytes.withUnsafeBytes { raw in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
        }
        guard let reader = xmlReaderForMemory(buffer.baseAddress, Int32(clamping: bytes.count), nil, nil, Int32(XMLDocument.strictOptions)) else {
            buffer.deallocate()
            throw .malformed([XMLDiagnostic(file: path, message: "libxml2 could not start a reader")])
        }
        self.init(reader: reader, input: .memory(buffer), path: path, source: source)
    }

    /// Streams `file` from disk: memory stays a few buffers whatever its size. Findings in the
    /// file past its first 64 KiB carry no column.
    package convenience init(file: OpenInputFile) throws(XMLError) {
        LibXMLSetup.ensure()
        let head = try file.head(Self.prologLimit)
        if let format = InputFile.compressionFormat(of: head) { throw .compressed(path: file.path, format: format) }
        let source = SourceText(head)
        try Self.checkBeforeParsing(head, path: file.path, wholeInput: false, source: source)
        let cursor = FileCursor(file)
        guard let reader = xmlReaderForIO(
            readFromCursor, nil, Unmanaged.passUnretained(cursor).toOpaque(), nil, nil, Int32(XMLDocument.strictOptions))
        else {
            throw .malformed([XMLDiagnostic(file: file.path, message: "libxml2 could not start a reader")])
        }
        self.init(reader: reader, input: .file(cursor), path: file.path, source: source)
    }

    private init(reader: xmlTextReaderPtr, input: Input, path: String, source: SourceText) {
        self.reader = reader
        self.input = input
        self.collector = DiagnosticCollector(file: path, source: source)
        self.path = path
        self.source = source
        fc_reader_set_errors(reader, collectorCallback, collector.opaque)
    }

    deinit {
        expanded?.nodesAreValid = false
        xmlFreeTextReader(reader)
        if case .memory(let buffer) = input { buffer.deallocate() }
    }

    /// What is refused before libxml2 sees the input: another encoding, no content, a DOCTYPE
    /// (libxml2's streaming validator reports one on the terminal), or a prolog too long to check.
    static func checkBeforeParsing(_ head: [UInt8], path: String, wholeInput: Bool, source: SourceText) throws(XMLError) {
        if let problem = EncodingCheck.problem(in: head) {
            throw .malformed([XMLDiagnostic(file: path, line: 1, column: 1, message: problem)])
        }
        guard !head.isEmpty else {
            throw .malformed([XMLDiagnostic(file: path, line: 1, column: 1, message: "file is empty")])
        }
        switch prolog(of: head) {
        case .doctype(let line):
            throw .malformed([
                XMLDiagnostic(file: path, line: line, column: 1, message: "document has a DOCTYPE; DTDs and entity declarations are refused")
            ])
        case .unfinished where !wholeInput && head.count >= prologLimit:
            throw .malformed([
                XMLDiagnostic(file: path, line: 1, column: 1, message: "the prolog (before the root element) is longer than 64 KiB")
            ])
        case .ends, .unfinished:
            break
        }
        // A streamed file's chunks are scanned as they are read (FileCursor).
        if wholeInput { try MarkupScanner.check(head, syntax: .xml, path: path) }
    }

    /// What the prolog (before the root element) holds, as far as `bytes` show it.
    enum Prolog: Equatable {
        case doctype(line: Int)
        /// Something other than the XML declaration, white space, comments and processing
        /// instructions starts: the root element, or an error libxml2 reports.
        case ends
        /// The bytes end inside the prolog.
        case unfinished
    }

    static func prolog(of bytes: [UInt8]) -> Prolog {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if byte == UInt8(ascii: " ") || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<") else { return .ends }
            let rest = bytes[index...]
            if rest.starts(with: Array("<!DOCTYPE".utf8)) { return .doctype(line: line) }
            // Skip the XML declaration, processing instructions and comments; stop at anything else.
            let closing: [UInt8]
            if rest.starts(with: Array("<?".utf8)) {
                closing = Array("?>".utf8)
            } else if rest.starts(with: Array("<!--".utf8)) {
                closing = Array("-->".utf8)
            } else if rest.count < 9 && Array("<!DOCTYPE".utf8).starts(with: rest) {
                return .unfinished
            } else {
                return .ends
            }
            guard let end = rest.firstRange(of: closing) else { return .unfinished }
            line += bytes[index..<end.upperBound].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            index = end.upperBound
        }
        return .unfinished
    }

    /// Moves to the next element whose depth is `depth` (0 is the root) and returns its local
    /// name and namespace, or nil at the end of the document.
    package func nextElement(atDepth depth: Int) throws(XMLError) -> (name: String, namespace: String?)? {
        while true {
            let result = read()
            try check(result)
            if result == 0 { return nil }
            let type = xmlTextReaderNodeType(reader)
            if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                collector.add(
                    line: Int(xmlTextReaderGetParserLineNumber(reader)), column: 1,
                    message: "document has a DOCTYPE; DTDs and entity declarations are refused")
                throw .malformed(collector.allDiagnostics)
            }
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) && Int(xmlTextReaderDepth(reader)) == depth {
                let name = TreeConversion.string(xmlTextReaderConstLocalName(reader)) ?? ""
                return (name, TreeConversion.string(xmlTextReaderConstNamespaceUri(reader)))
            }
        }
    }

    /// The attribute `name` (not namespaced) of the element the reader is on.
    package func attribute(_ name: String) -> String? {
        // Read in place (moving to the attribute and back): nothing to free.
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return TreeConversion.string(xmlTextReaderConstValue(reader))
    }

    /// The current element with its subtree, read in place: valid until the reader moves on.
    package func expandedView() throws(XMLError) -> XMLNodeView {
        guard let node = xmlTextReaderExpand(reader) else {
            try check(-1)
            throw .malformed(collector.allDiagnostics)
        }
        try check(0)
        let subtree = ExpandedSubtree()
        expanded = subtree
        return XMLNodeView(node, in: subtree)
    }

    /// The current element with its subtree, as a value.
    package func expand() throws(XMLError) -> XMLElement {
        guard let node = xmlTextReaderExpand(reader) else {
            try check(-1)
            throw .malformed(collector.allDiagnostics)
        }
        try check(0)
        return TreeConversion.element(node)
    }

    /// Reads to the end, so every well-formedness error in the rest of the document is found.
    package func finish() throws(XMLError) {
        while true {
            let result = read()
            try check(result)
            if result == 0 { break }
        }
        try check(0)
    }

    /// The next node; views of the subtree expanded before become invalid, as libxml2 may free it.
    private func read() -> Int32 {
        expanded?.nodesAreValid = false
        expanded = nil
        return xmlTextReaderRead(reader)
    }

    private func check(_ result: Int32) throws(XMLError) {
        if case .file(let cursor) = input, let failure = cursor.failure {
            // A refused start tag stopped the input: what libxml2 said of the cut-off input is no news.
            if let location = cursor.failureLocation {
                throw .malformed([XMLDiagnostic(file: path, line: location.line, column: location.column, message: failure)])
            }
            if collector.diagnostics.isEmpty {
                collector.add(line: Int(xmlTextReaderGetParserLineNumber(reader)), column: 0, message: failure)
            }
        }
        if result < 0 || collector.hasErrors {
            if collector.diagnostics.isEmpty {
                collector.add(line: Int(xmlTextReaderGetParserLineNumber(reader)), column: 0, message: "the document could not be read")
            }
            throw .malformed(collector.allDiagnostics)
        }
    }
}

/// A subtree a reader has expanded: its nodes are valid until the reader reads on.
private final class ExpandedSubtree: NodeOwner {
    var nodesAreValid = true
}

/// Where a reader stands in the file it streams, and why reading stopped if it failed.
final class FileCursor {
    let file: OpenInputFile
    var offset = 0
    var failure: String?
    /// Where the failure is in the file, when it is about a place in it.
    var failureLocation: TextLocation?
    /// Every chunk is checked before libxml2 sees it.
    private var scanner = MarkupScanner(.xml)

    init(_ file: OpenInputFile) {
        self.file = file
    }

    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        let wanted = min(count, file.limit + 1 - offset)
        guard wanted > 0 else {
            failure = "file grew past the size limit (\(file.limit) bytes) while it was read"
            return -1
        }
        let result = file.read(at: offset, into: buffer, count: wanted)
        guard result >= 0 else {
            failure = "file could not be read: \(String(cString: strerror(errno)).lowercased())"
            return -1
        }
        if let violation = scanner.scan(UnsafeRawBufferPointer(start: buffer, count: result)) {
            failure = violation.message
            failureLocation = file.location(ofOffset: violation.offset)
            return -1
        }
        offset += result
        return Int32(result)
    }
}

/// libxml2 asks for the next piece of a streamed file.
let readFromCursor: xmlInputReadCallback = { context, buffer, length in
    guard let context, let buffer else { return -1 }
    return Unmanaged<FileCursor>.fromOpaque(context).takeUnretainedValue().read(into: buffer, count: Int(length))
}
