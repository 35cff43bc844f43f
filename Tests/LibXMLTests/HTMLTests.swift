import LibXML
import Testing

@Suite struct HTMLParsing {
    @Test func metaCharsetCannotSwitchTheEncoding() throws {
        let html = "<html><head><meta charset=\"windows-1251\"><title>Привет</title></head><body><p>café</p></body></html>"
        let document = try XMLDocument.parseHTML(Array(html.utf8), path: "page.html")
        #expect(document.root.text.contains("Привет"))
        #expect(document.root.text.contains("café"))
    }

    @Test func invalidBytesBecomeReplacementCharacters() throws {
        let bytes = Array("<p>a".utf8) + [0xC3, 0x28] + Array("b</p>".utf8)
        let document = try XMLDocument.parseHTML(bytes, path: "bad.html")
        #expect(document.root.text.contains("a\u{FFFD}(b"))
    }

    @Test func deepNestingIsRefusedNotTruncated() throws {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "deep"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        #expect {
            _ = try XMLDocument.parseHTML(Array(html.utf8), path: "deep.html")
        } throws: { error in
            (error as? XMLError)?.diagnostics.first?.message.contains("depth") ?? false
        }
    }

    @Test func nestingWithinTheLimitKeepsItsText() throws {
        let html = String(repeating: "<div>", count: 200) + "deep" + String(repeating: "</div>", count: 200)
        let document = try XMLDocument.parseHTML(Array(html.utf8), path: "nested.html")
        #expect(document.root.text == "deep")
    }

    @Test func entitiesAreDecoded() throws {
        let document = try XMLDocument.parseHTML(Array("<p>Tom &amp; Jerry &eacute;t&eacute; &#8212;</p>".utf8), path: "e.html")
        #expect(document.root.text.contains("Tom & Jerry été —"))
    }
}
