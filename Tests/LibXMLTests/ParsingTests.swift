import Foundation
import LibXML
import TestSupport
import Testing

/// Parses `text` as a file on disk, the way the tool reads every input.
private func parseFile(_ text: String, in folder: TemporaryDirectory, name: String = "input.xml") throws -> XMLDocument {
    let path = try folder.write(name, text)
    return try XMLDocument.read(contentsOf: path)
}

/// The diagnostics a refused parse produced; fails the test if the parse succeeded.
private func refusal(_ text: String, in folder: TemporaryDirectory) throws -> [XMLDiagnostic] {
    let path = try folder.write("input.xml", text)
    do {
        _ = try XMLDocument.read(contentsOf: path)
    } catch {
        return error.diagnostics
    }
    Issue.record("the input was accepted")
    return []
}

@Suite struct WellFormedInput {
    @Test func elementsAttributesTextAndLines() throws {
        let folder = TemporaryDirectory()
        let document = try parseFile(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<r xmlns=\"urn:x\" a=\"1 &amp; 2\">\n  <b>caf\u{E9} &#x1F600;</b>\n  <![CDATA[<raw>]]>\n</r>\n",
            in: folder)
        let root = document.root
        #expect(root.name == "r")
        #expect(root.namespace == "urn:x")
        #expect(root[attribute: "a"] == "1 & 2")
        #expect(root.element(named: "b")?.text == "caf\u{E9} \u{1F600}")
        #expect(root.element(named: "b")?.line == 3)
        #expect(root.text.contains("<raw>"))
    }
}

/// libxml2 keeps line numbers past 65,534 apart from the node; elements there still get the line
/// their start tag is on, in trees, views and streamed subtrees.
@Suite struct LinesPastTheNodeLimit {
    /// 70,000 lines of comments, then elements with white space, text and nothing after their start tags.
    static let text = "<r>\n" + String(repeating: "<!-- filler -->\n", count: 70_000)
        + "<a>\n    <b>text\non two lines</b>\n</a>\n<c x=\"1\"/>\n</r>\n"
    static let lineOfA = 70_002

    @Test func treeAndViews() throws {
        let folder = TemporaryDirectory()
        let document = try parseFile(Self.text, in: folder)
        let a = try #require(document.root.element(named: "a"))
        #expect(a.line == Self.lineOfA)
        #expect(a.element(named: "b")?.line == Self.lineOfA + 1)
        #expect(document.root.element(named: "c")?.line == Self.lineOfA + 4)
    }

    @Test func streamedSubtrees() throws {
        let folder = TemporaryDirectory()
        let reader = try XMLStreamReader(file: try OpenInputFile(try folder.write("long.xml", Self.text)))
        var lines: [String: Int] = [:]
        _ = try reader.nextElement(atDepth: 0)
        while let (name, _) = try reader.nextElement(atDepth: 1) {
            let view = try reader.expandedView()
            lines[name] = view.line
            if let b = view.element(named: "b") { lines["b"] = b.line }
        }
        #expect(lines == ["a": Self.lineOfA, "b": Self.lineOfA + 1, "c": Self.lineOfA + 4])
    }
}

@Suite struct MalformedInput {
    @Test func mismatchedTagNamesLineAndColumn() throws {
        let folder = TemporaryDirectory()
        let diagnostics = try refusal("<a>\n  <b>\n  </c>\n</a>\n", in: folder)
        let first = try #require(diagnostics.first)
        #expect(first.file == folder.file("input.xml"))
        #expect(first.line == 3)
        #expect(first.column > 0)
        #expect(first.message.contains("mismatch"))
    }

    @Test func truncatedFile() throws {
        let folder = TemporaryDirectory()
        let diagnostics = try refusal("<a>\n  <b>text</b>\n  <c attr=\"va", in: folder)
        #expect(diagnostics.first?.line == 3)
    }

    @Test func emptyFile() throws {
        let folder = TemporaryDirectory()
        let diagnostics = try refusal("", in: folder)
        #expect(diagnostics.map(\.message) == ["file is empty"])
    }

    @Test func invalidUTF8IsLocated() throws {
        let folder = TemporaryDirectory()
        let path = try folder.write("input.xml", bytes: Array("<a>\n<b>ok</b>\n<c>".utf8) + [0xFF, 0xFE] + Array("</c></a>".utf8))
        #expect {
            _ = try XMLDocument.read(contentsOf: path)
        } throws: { error in
            let first = (error as? XMLError)?.diagnostics.first
            return first?.line == 3 && (first?.message.contains("UTF-8") ?? false)
        }
    }

    @Test func lyingEncodingDeclarationIsRefused() throws {
        let folder = TemporaryDirectory()
        let diagnostics = try refusal("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>caf\u{E9}</a>", in: folder)
        #expect(diagnostics.first?.message.contains("declares encoding 'ISO-8859-1'") == true)
        // Single quotes, space around the equals sign, a byte order mark first.
        let spaced = try refusal("\u{FEFF}<?xml version='1.0' encoding = 'Latin-1' standalone='yes'?><a/>", in: folder)
        #expect(spaced.first?.message.contains("declares encoding 'Latin-1'") == true)
        #expect(try parseFile("<?xml version='1.0' encoding='UTF8'?><a/>", in: folder).root.name == "a")
    }

    @Test func utf16IsRefused() throws {
        let folder = TemporaryDirectory()
        let path = try folder.write("input.xml", bytes: [0xFF, 0xFE] + Array("<\0a\0/\0>\0".utf8))
        #expect(throws: XMLError.self) { _ = try XMLDocument.read(contentsOf: path) }
    }

    @Test func errorMessagesEchoOnlyAShortExcerpt() throws {
        let folder = TemporaryDirectory()
        let name = String(repeating: "x", count: 100_000)
        let diagnostics = try refusal("<\(name)>\n</y>", in: folder)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.message.count <= 301 })
    }
}

@Suite struct HostileInput {
    /// A file whose content must never show up anywhere.
    private func secret(in folder: TemporaryDirectory) throws -> (path: String, marker: String) {
        let marker = "SECRET-\(UUID().uuidString)"
        return (try folder.write("secret.txt", marker), marker)
    }

    @Test func externalEntityNamingALocalFile() throws {
        let folder = TemporaryDirectory()
        let (path, marker) = try secret(in: folder)
        let diagnostics = try refusal(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY x SYSTEM \"file://\(path)\">\n]>\n<r>&x;</r>\n", in: folder)
        #expect(diagnostics.first?.message.contains("DOCTYPE") == true)
        #expect(diagnostics.first?.line == 2)
        #expect(!diagnostics.description.contains(marker))
    }

    @Test func externalDTD() throws {
        let folder = TemporaryDirectory()
        let dtd = try folder.write("evil.dtd", "<!ENTITY leak SYSTEM \"file:///etc/passwd\">")
        let diagnostics = try refusal("<!DOCTYPE r SYSTEM \"file://\(dtd)\">\n<r>&leak;</r>", in: folder)
        #expect(diagnostics.first?.message.contains("DOCTYPE") == true)
        #expect(!diagnostics.description.contains("root:"))
    }

    @Test func billionLaughs() throws {
        let folder = TemporaryDirectory()
        var entities = "<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            entities += "<!ENTITY lol\(level) \"\(String(repeating: "&\(previous);", count: 10))\">\n"
        }
        let diagnostics = try refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n\(entities)]>\n<lolz>&lol9;</lolz>", in: folder)
        #expect(diagnostics.first?.message.contains("DOCTYPE") == true)
    }

    @Test func doctypeWithDefaultAttributes() throws {
        let folder = TemporaryDirectory()
        let diagnostics = try refusal(
            "<!DOCTYPE r [<!ATTLIST r injected CDATA \"yes\">]>\n<r/>", in: folder)
        #expect(diagnostics.first?.message.contains("DOCTYPE") == true)
    }

    @Test func xincludeIsNotProcessed() throws {
        let folder = TemporaryDirectory()
        let (path, marker) = try secret(in: folder)
        let document = try parseFile(
            "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"\(path)\" parse=\"text\"/></r>",
            in: folder)
        #expect(document.root.elements.map(\.name) == ["include"])
        #expect(!document.root.text.contains(marker))
    }

    @Test func deepNestingIsRefused() throws {
        let folder = TemporaryDirectory()
        let depth = 100_000
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let diagnostics = try refusal(text, in: folder)
        #expect(diagnostics.first?.message.lowercased().contains("depth") == true)
    }

    @Test func gzipFileIsRefused() throws {
        let folder = TemporaryDirectory()
        // `printf '<r/>' | gzip -n`: a real gzip stream, which libxml2's own reader would inflate.
        let gzip: [UInt8] = [
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xb3, 0x29, 0xd2, 0xb7, 0x03, 0x00,
            0xfd, 0x01, 0xb1, 0x1f, 0x04, 0x00, 0x00, 0x00,
        ]
        let path = try folder.write("input.xml.gz", bytes: gzip)
        #expect {
            _ = try XMLDocument.read(contentsOf: path)
        } throws: { error in
            (error as? XMLError)?.diagnostics.first?.message.contains("gzip-compressed input is refused") ?? false
        }
    }
}

@Suite struct InputFiles {
    @Test func missingFile() throws {
        let folder = TemporaryDirectory()
        #expect {
            _ = try InputFile.read(folder.file("nope.xml"))
        } throws: { error in
            guard case .unreadable(_, let reason)? = error as? XMLError else { return false }
            return reason.contains("no such file")
        }
    }

    @Test func folderIsNotARegularFile() throws {
        let folder = TemporaryDirectory()
        #expect {
            _ = try InputFile.read(folder.path)
        } throws: { error in
            if case .notRegularFile? = error as? XMLError { true } else { false }
        }
    }

    @Test func fifoIsRefusedWithoutBlocking() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("pipe")
        #expect(mkfifo(path, 0o600) == 0)
        #expect {
            _ = try InputFile.read(path)
        } throws: { error in
            if case .notRegularFile? = error as? XMLError { true } else { false }
        }
    }

    @Test func sizeCap() throws {
        let folder = TemporaryDirectory()
        let path = try folder.write("big.xml", "<r>" + String(repeating: "x", count: 100) + "</r>")
        #expect {
            _ = try InputFile.read(path, limit: 64)
        } throws: { error in
            if case .tooLarge(_, let size, 64)? = error as? XMLError { size == 107 } else { false }
        }
        #expect(try InputFile.read(path, limit: 107).count == 107)
    }
}
