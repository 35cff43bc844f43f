import Glibc

/// Finds start tags with more attributes than `attributeLimit` before libxml2 parses them.
///
/// libxml2 2.9 checks each attribute of a start tag against all the ones before it, XML and HTML
/// alike, so a tag of 40,000 attributes took 2.4 s to refuse. Real documents and pages stay far
/// below the limit (the annotation schema allows at most six attributes on an element; pages rarely
/// carry thirty), so a tag above it is refused as hostile, quickly.
///
/// The scan is incremental, chunk by chunk, so a streamed file is checked as libxml2 is fed. It knows
/// just enough syntax not to count inside text, comments, CDATA sections, processing instructions,
/// end tags, quoted values and, in HTML, the raw text of `<script>` and `<style>`. In a start tag,
/// every token (a run of characters outside quotes after white space, a quote or the tag name, not
/// starting with `=` or `/`) counts as an attribute: `a = "1"` counts once, `a = 1` twice, so the
/// count is never below libxml2's.
package struct MarkupScanner {
    /// The most attributes a start tag may carry.
    package static let attributeLimit = 256

    package enum Syntax: Sendable { case xml, html }

    /// A start tag over the limit: where its `<` is (a byte offset into everything scanned) and its
    /// name as written (up to 64 bytes; shown sanitized, as it may hold any byte).
    package struct Violation: Sendable, Equatable {
        package var offset: Int
        package var element: String
        package var message: String {
            "start tag <\(Excerpt.sanitized(element, limit: 40))> has more than \(MarkupScanner.attributeLimit) attributes (the limit per element); refused before parsing"
        }
    }

    private enum State {
        /// Character data: looking for the next `<`.
        case text
        /// Just after `<`: the bytes seen so far decide what follows.
        case lead
        /// The name of a start tag.
        case tagName
        /// Inside a start tag, after its name.
        case attributes
        /// Skipping up to and including `pattern` (case-insensitively for the end of a script or style).
        case skipping(Pattern, matched: Int)
        /// Skipping to the next `>`: an end tag, a declaration, an HTML processing instruction.
        case skippingToTagEnd
    }

    /// What a skip ends at.
    private enum Pattern {
        case commentEnd, cdataEnd, instructionEnd, scriptEnd, styleEnd

        var bytes: [UInt8] {
            switch self {
            case .commentEnd: MarkupScanner.commentEnd
            case .cdataEnd: MarkupScanner.cdataEnd
            case .instructionEnd: MarkupScanner.instructionEnd
            case .scriptEnd: MarkupScanner.scriptEnd
            case .styleEnd: MarkupScanner.styleEnd
            }
        }
    }

    private static let commentEnd = Array("-->".utf8)
    private static let cdataEnd = Array("]]>".utf8)
    private static let instructionEnd = Array("?>".utf8)
    private static let scriptEnd = Array("</script".utf8)
    private static let styleEnd = Array("</style".utf8)
    private static let commentStart = Array("!--".utf8)
    private static let cdataStart = Array("![CDATA[".utf8)
    private static let script = Array("script".utf8)
    private static let style = Array("style".utf8)

    private let syntax: Syntax
    private var state = State.text
    /// How many bytes were scanned before the current chunk.
    private var scanned = 0
    /// The bytes after `<`, while they may still open a comment or a CDATA section.
    private var lead: [UInt8] = []
    private var tagOffset = 0
    private var tagName: [UInt8] = []
    private var quote: UInt8 = 0
    private var inToken = false
    private var count = 0

    package init(_ syntax: Syntax) {
        self.syntax = syntax
    }

    /// The first start tag in `bytes` over the limit, if any.
    package static func violation(in bytes: [UInt8], syntax: Syntax) -> Violation? {
        var scanner = MarkupScanner(syntax)
        return bytes.withUnsafeBufferPointer { scanner.scan(UnsafeRawBufferPointer($0)) }
    }

    /// Throws the refusal of the first start tag in `bytes` over the limit, located in `path`.
    package static func check(_ bytes: [UInt8], syntax: Syntax, path: String) throws(XMLError) {
        guard let violation = violation(in: bytes, syntax: syntax) else { return }
        let location = TextLocation(of: violation.offset, in: bytes)
        throw .malformed([XMLDiagnostic(file: path, line: location.line, column: location.column, message: violation.message)])
    }

    /// Scans the next chunk of the input; returns the first start tag over the limit. Once it has
    /// returned one, the scanner is not to be used further.
    package mutating func scan(_ chunk: UnsafeRawBufferPointer) -> Violation? {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let end = chunk.count
        var index = 0
        defer { scanned += end }
        while index < end {
            switch state {
            case .text:
                guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), end - index) else { return nil }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                tagOffset = scanned + index - 1
                lead.removeAll(keepingCapacity: true)
                state = .lead
            case .lead:
                let byte = base[index]
                if byte == UInt8(ascii: "<") {
                    // `<<`: the second may open a tag.
                    tagOffset = scanned + index
                    lead.removeAll(keepingCapacity: true)
                    index += 1
                    continue
                }
                if lead.isEmpty && Self.startsName(byte) {
                    tagName = [Self.lowercased(byte)]
                    state = .tagName
                    index += 1
                    continue
                }
                lead.append(byte)
                index += 1
                state = decideLead()
            case .tagName:
                let byte = base[index]
                if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = 0
                    inToken = false
                    count = 0
                    state = .attributes
                    continue  // the byte is looked at again as part of the attributes
                }
                if tagName.count < 64 { tagName.append(Self.lowercased(byte)) }
                index += 1
            case .attributes:
                while index < end {
                    let byte = base[index]
                    index += 1
                    if quote != 0 {
                        if byte == quote {
                            quote = 0
                            inToken = false
                        }
                    } else if byte == UInt8(ascii: ">") {
                        state = afterStartTag(selfClosing: index >= 2 && base[index - 2] == UInt8(ascii: "/"))
                        break
                    } else if Self.isSpace(byte) {
                        inToken = false
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: "=") || byte == UInt8(ascii: "/") {
                        inToken = true
                    } else if !inToken {
                        inToken = true
                        count += 1
                        if count > Self.attributeLimit {
                            return Violation(offset: tagOffset, element: String(decoding: tagName, as: UTF8.self))
                        }
                    }
                }
            case .skippingToTagEnd:
                guard let found = memchr(base + index, Int32(UInt8(ascii: ">")), end - index) else { return nil }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                state = .text
            case .skipping(let which, var matched):
                let pattern = which.bytes
                while index < end && matched < pattern.count {
                    var byte = base[index]
                    index += 1
                    if syntax == .html { byte = Self.lowercased(byte) }
                    if byte == pattern[matched] {
                        matched += 1
                    } else {
                        matched = matched == 0 ? 0 : Self.overlap(pattern, matched: matched, then: byte)
                    }
                }
                state = matched == pattern.count ? .text : .skipping(which, matched: matched)
            }
        }
        return nil
    }

    /// What the bytes after `<` open, or `.lead` while that is not yet known.
    private func decideLead() -> State {
        switch lead[0] {
        case UInt8(ascii: "!"):
            if lead == Self.commentStart { return .skipping(.commentEnd, matched: 0) }
            if syntax == .xml && lead == Self.cdataStart { return .skipping(.cdataEnd, matched: 0) }
            if Self.commentStart.starts(with: lead) || (syntax == .xml && Self.cdataStart.starts(with: lead)) { return .lead }
            return lead.last == UInt8(ascii: ">") ? .text : .skippingToTagEnd
        case UInt8(ascii: "?"):
            return syntax == .xml ? .skipping(.instructionEnd, matched: 0) : .skippingToTagEnd
        case UInt8(ascii: "/"):
            return .skippingToTagEnd
        default:
            return .text
        }
    }

    /// After a start tag: HTML's script and style hold raw text up to their end tag.
    private func afterStartTag(selfClosing: Bool) -> State {
        guard syntax == .html, !selfClosing else { return .text }
        if tagName == Self.script { return .skipping(.scriptEnd, matched: 0) }
        if tagName == Self.style { return .skipping(.styleEnd, matched: 0) }
        return .text
    }

    /// After `matched` bytes of `pattern` and then `byte`, which does not continue it: how much of
    /// `pattern` the input now ends with (`--` then `-` still ends with `--` of `-->`).
    private static func overlap(_ pattern: [UInt8], matched: Int, then byte: UInt8) -> Int {
        let seen = pattern[..<matched] + [byte]
        for length in stride(from: min(seen.count, pattern.count - 1), through: 1, by: -1)
        where seen.suffix(length).elementsEqual(pattern.prefix(length)) {
            return length
        }
        return 0
    }

    private static func startsName(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
