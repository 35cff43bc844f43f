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

}
