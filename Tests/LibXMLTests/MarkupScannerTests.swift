@testable import LibXML
import TestSupport
import Testing

/// The scan that refuses start tags with too many attributes before libxml2 sees them.
@Suite struct MarkupScannerTests {
    private func attributes(_ count: Int) -> String {
        (0..<count).map { " a\($0)=\"\($0)\"" }.joined()
    }

    private func violation(_ text: String, _ syntax: MarkupScanner.Syntax = .xml) -> MarkupScanner.Violation? {
        MarkupScanner.violation(in: Array(text.utf8), syntax: syntax)
    }

    @Test func theLimitIsInclusive() {
        #expect(violation("<root><e\(attributes(256))/></root>") == nil)
        let found = violation("<root><e\(attributes(257))/></root>")
        #expect(found == MarkupScanner.Violation(offset: 6, element: "e"))
    }

    @Test(arguments: [
        "<!-- <e\(String(repeating: " a=\"1\"", count: 300))> -->",
        "<![CDATA[ <e\(String(repeating: " a=\"1\"", count: 300))> ]]>",
        "<?pi <e\(String(repeating: " a=\"1\"", count: 300))> ?>",
        "<e title=\"\(String(repeating: "a b ", count: 300))\"/>",
        "</e\(String(repeating: " a", count: 300))>",
        "text with = and \(String(repeating: "word ", count: 300)) but no tag",
    ])
    func nothingIsCountedOutsideStartTags(text: String) {
        #expect(violation("<root>\(text)</root>") == nil)
    }

    @Test func theElementNameIsShownSanitized() {
        // Found by the annotation fuzz target: the name is raw input.
        let found = violation("<s\u{01}\0\u{7}x\(attributes(300))/>")
        #expect(found?.message == "start tag <s???x> has more than 256 attributes (the limit per element); refused before parsing")
    }

    @Test func aCommentEndingInThreeDashesEnds() {
        // `--->` still ends the comment: a tag after it is counted.
        #expect(violation("<root><!-- a ---><e\(attributes(300))/></root>")?.element == "e")
        #expect(violation("<root><![CDATA[ ]]]><e\(attributes(300))/></root>")?.element == "e")
    }

    @Test func htmlAttributesWithoutValuesCountAndScriptsDoNot() {
        let bare = String(repeating: " hidden", count: 300)
        #expect(violation("<body><P\(bare)>x</P></body>", .html)?.element == "p")
        let script = "<script>if (a<b\(bare)) {}</script><STYLE>a<b\(bare){}</STYLE>"
        #expect(violation("<body>\(script)<p>x</p></body>", .html) == nil)
        // In XML, a script is just an element.
        #expect(violation("<r><script>a<b\(attributes(300))/></script></r>", .xml)?.element == "b")
    }

    @Test func spacingAroundEqualsIsOneAttribute() {
        let spaced = (0..<256).map { " a\($0) = \"\($0)\"" }.joined()
        #expect(violation("<e\(spaced)/>") == nil)
    }

    @Test func chunksGiveTheSameAnswerAsTheWhole() {
        let text = "<root><!-- ---><x a='>'/> --><![CDATA[<y>]]><e\(attributes(257))/></root>"
        let bytes = Array(text.utf8)
        let whole = MarkupScanner.violation(in: bytes, syntax: .xml)
        #expect(whole?.element == "e")
        for size in [1, 2, 3, 5, 7, 64] {
            var scanner = MarkupScanner(.xml)
            var found: MarkupScanner.Violation?
            var start = 0
            while start < bytes.count, found == nil {
                let end = min(start + size, bytes.count)
                found = bytes[start..<end].withUnsafeBytes { scanner.scan($0) }
                start = end
            }
            #expect(found == whole, "chunks of \(size)")
        }
    }

    @Test func aStreamedDocumentIsStoppedAtTheTag() throws {
        let folder = TemporaryDirectory()
        let padding = "<!--" + String(repeating: "x", count: 200_000) + "-->"
        let path = try folder.write("big.xml", "<?xml version=\"1.0\"?>\n<root>\(padding)\n  <e\(attributes(1000))/></root>\n")
        let file = try OpenInputFile(path)
        let reader = try XMLStreamReader(file: file)
        #expect {
            while try reader.nextElement(atDepth: 1) != nil {}
        } throws: { error in
            let diagnostics = (error as? XMLError)?.diagnostics ?? []
            return diagnostics.count == 1 && diagnostics[0].line == 3 && diagnostics[0].column == 3
                && diagnostics[0].message.contains("more than 256 attributes")
        }
    }
}
