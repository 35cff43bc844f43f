import LibXML
import Testing

@Suite struct HTMLParsing {
    @Test func metaCharsetCannotSwitchTheEncoding() throws {
        let html = "<html><head><meta charset=\"windows-1251\"><title>Привет</title></head><body><p>café</p></body></html>"
        let document = try HTMLPage.parse(Array(html.utf8), path: "page.html")
        #expect(document.root.text.contains("Привет"))
        #expect(document.root.text.contains("café"))
    }

    @Test func invalidBytesBecomeReplacementCharacters() throws {
        let bytes = Array("<p>a".utf8) + [0xC3, 0x28] + Array("b</p>".utf8)
        let document = try HTMLPage.parse(bytes, path: "bad.html")
        #expect(document.root.text.contains("a\u{FFFD}(b"))
    }

    @Test func deepNestingIsRefusedNotTruncated() throws {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "deep"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        #expect {
            _ = try HTMLPage.parse(Array(html.utf8), path: "deep.html")
        } throws: { error in
            (error as? XMLError)?.diagnostics.first?.message.contains("depth") ?? false
        }
    }

    @Test func nestingWithinTheLimitKeepsItsText() throws {
        let html = String(repeating: "<div>", count: 200) + "deep" + String(repeating: "</div>", count: 200)
        let document = try HTMLPage.parse(Array(html.utf8), path: "nested.html")
        #expect(document.root.text == "deep")
    }

    @Test func entitiesAreDecoded() throws {
        let document = try HTMLPage.parse(Array("<p>Tom &amp; Jerry &eacute;t&eacute; &#8212;</p>".utf8), path: "e.html")
        #expect(document.root.text.contains("Tom & Jerry été —"))
    }

    @Test func theCompactTreeKeepsNamesAttributesAndText() throws {
        let long = String(repeating: "word ", count: 100_000)
        let html = "<HTML lang=en><body><P class=\"lead\" hidden>One <b>two</b> three</P><script>if (a < b) {}</script><p>\(long)</p></body></html>"
        let root = try HTMLPage.parse(Array(html.utf8), path: "page.html").root
        #expect(root.name == "html")
        #expect(root[attribute: "lang"] == "en")
        let body = try #require(root.elements.first { $0.name == "body" })
        let paragraphs = body.elements(named: "p")
        #expect(paragraphs.count == 2)
        #expect(paragraphs[0][attribute: "class"] == "lead")
        #expect(paragraphs[0][attribute: "hidden"] == "")
        #expect(paragraphs[0][attribute: "id"] == nil)
        #expect(paragraphs[0].text == "One two three")
        #expect(paragraphs[0].children.map { if case .text(let text) = $0 { text } else { "<>" } } == ["One ", "<>", " three"])
        // Text libxml2 hands over in pieces is one run.
        #expect(paragraphs[1].children.map { _ in 1 }.count == 1)
        #expect(paragraphs[1].text == long)
        #expect(body.elements(named: "script").first?.text == "if (a < b) {}")
    }

    @Test func nestingAtTheLimitIsKeptOneDeeperIsRefused() throws {
        // html and body count: 254 divs more make 256.
        let inside = "<html><body>" + String(repeating: "<div>", count: 254) + "deep"
        #expect(try HTMLPage.parse(Array(inside.utf8), path: "ok.html").root.text == "deep")
        let over = "<html><body>" + String(repeating: "<div>", count: 255) + "deep"
        #expect {
            _ = try HTMLPage.parse(Array(over.utf8), path: "over.html")
        } throws: { error in
            (error as? XMLError)?.diagnostics.map(\.message) == ["excessive depth: elements nested more than 256 deep (the limit)"]
        }
    }
}
