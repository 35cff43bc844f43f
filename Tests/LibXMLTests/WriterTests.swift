import LibXML
import Testing

@Suite struct Serialization {
    private let sample = XMLElement(
        "doc", namespace: "urn:x", attributes: [("b", "2"), ("a", "say \"hi\" & <go>\nnow\ttab")],
        children: [
            .element(XMLElement("empty", namespace: "urn:x")),
            .element(XMLElement("blank", namespace: "urn:x", children: [.text("  ")])),
            .element(XMLElement("text", namespace: "urn:x", children: [.text("line one\nline <two> & three\n")])),
            .element(
                XMLElement(
                    "mixed", namespace: "urn:x",
                    children: [.text("a "), .element(XMLElement("em", namespace: "urn:x", children: [.text("b")])), .text(" c")])),
        ])

    @Test func fixedLayout() throws {
        let text = try XMLWriter.document(sample)
        #expect(
            text == """
                <?xml version="1.0" encoding="UTF-8"?>
                <doc xmlns="urn:x" b="2" a="say &quot;hi&quot; &amp; &lt;go&gt;&#10;now&#9;tab">
                  <empty/>
                  <blank>  </blank>
                  <text>line one
                line &lt;two&gt; &amp; three
                </text>
                  <mixed>a <em>b</em> c</mixed>
                </doc>

                """)
    }

    @Test func roundTripGivesTheSameBytesAndContent() throws {
        let text = try XMLWriter.document(sample)
        let parsed = try XMLDocument.parse(Array(text.utf8), path: "round.xml").root
        #expect(try XMLWriter.document(parsed) == text)
        #expect(parsed.attributes.map(\.value) == sample.attributes.map(\.value))
        #expect(parsed.elements.map(\.name) == ["empty", "blank", "text", "mixed"])
        #expect(parsed.element(named: "blank")?.text == "  ")
        #expect(parsed.element(named: "text")?.text == "line one\nline <two> & three\n")
        #expect(parsed.element(named: "mixed")?.children.count == 3)
    }

    @Test func controlCharactersAreRefused() {
        let bad = XMLElement("t", children: [.text("bell \u{07}")])
        #expect(throws: XMLError.self) { _ = try XMLWriter.document(bad) }
    }

    @Test func invalidNamesAreRefused() {
        #expect(throws: XMLError.self) { _ = try XMLWriter.document(XMLElement("1st")) }
        #expect(throws: XMLError.self) { _ = try XMLWriter.document(XMLElement("a", attributes: [("x y", "1")])) }
    }

    /// Text that needs no escaping is written as it is; anything else takes the escaping path.
    @Test func escapingOfEachKindOfCharacter() throws {
        func written(_ text: String, attribute: Bool = false) throws -> String {
            let element = attribute ? XMLElement("t", attributes: [("v", text)]) : XMLElement("t", children: [.text(text)])
            return try XMLWriter.document(element)
        }
        #expect(try written("plain café 한 😀") == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<t>plain café 한 😀</t>\n")
        #expect(try written("a\r\nb").contains("<t>a&#13;\nb</t>"))
        #expect(try written("tab\there \"quoted\"").contains("<t>tab\there \"quoted\"</t>"))
        #expect(try written("tab\there\nline \"q\"", attribute: true).contains("v=\"tab&#9;here&#10;line &quot;q&quot;\""))
        #expect(try written("x > y", attribute: true).contains("v=\"x &gt; y\""))
        #expect(try written("\u{FFFD} is fine").contains("\u{FFFD} is fine"))
        #expect(throws: XMLError.self) { _ = try written("not \u{FFFF} this") }
        #expect(throws: XMLError.self) { _ = try written("nor \u{FFFE}", attribute: true) }
        #expect(throws: XMLError.self) { _ = try written("nor \u{1B}[0m") }
    }

    @Test func namesBeyondASCIIAreChecked() throws {
        #expect(try XMLWriter.document(XMLElement("café", attributes: [("naïve", "1")])).contains("<café naïve=\"1\"/>"))
        #expect(throws: XMLError.self) { _ = try XMLWriter.document(XMLElement("-x")) }
        #expect(throws: XMLError.self) { _ = try XMLWriter.document(XMLElement("é!")) }
    }

}
