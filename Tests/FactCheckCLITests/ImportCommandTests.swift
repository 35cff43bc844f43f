import FactCheckKit
import Foundation
import TestSupport
import Testing

@Suite struct ImportCommand {
    private let article = FactCheckProcess.samples + "/un-panel-north-korea-icc.txt"

    @Test func importsTheSeedAndProposesClaims() throws {
        let folder = TemporaryDirectory()
        let result = try FactCheckProcess.run(["import", article, "--id", "nk-icc"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "created nk-icc.factcheck.xml: “UN Panel Backs Move To Refer North Korea's Human Rights 'Horror' To ICC”")
        #expect(lines[1] == "  China Topix, retrieved 2024-11-02")
        #expect(lines[2] == "  2050 characters in 9 paragraphs; 1 captions and 4 lines of page furniture set aside")
        #expect(lines[3] == "  10 claims proposed (threshold 0.5):")
        let document = try DocumentLoader.load(path: folder.file("nk-icc.factcheck.xml")).document
        #expect(document.claims.count == 10)
        #expect(document.claims.allSatisfy { $0.status == .pending && $0.score != nil && $0.history.first?.actor == "factcheck" })
        #expect(try FactCheckProcess.run(["validate"], in: folder.path).status == 0)
    }

    @Test func htmlImportAndDefaultID() throws {
        let folder = TemporaryDirectory()
        let result = try FactCheckProcess.run(
            ["import", FactCheckProcess.samples + "/un-panel-north-korea-icc.html", "--no-extract", "--url", "https://example.org/nk"],
            in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try DocumentLoader.load(path: folder.file("un-panel-north-korea-icc.factcheck.xml")).document
        #expect(document.claims.isEmpty)
        #expect(document.article.url == "https://example.org/nk")
        #expect(document.article.language == "en")
        #expect(document.article.text.count == 2050)
    }

    @Test func aSecondImportIsRefused() throws {
        let folder = TemporaryDirectory()
        #expect(try FactCheckProcess.run(["import", article, "--id", "nk-icc"], in: folder.path).status == 0)
        let before = try String(contentsOfFile: folder.file("nk-icc.factcheck.xml"), encoding: .utf8)
        let again = try FactCheckProcess.run(["import", article, "--id", "nk-icc"], in: folder.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("error: the workspace has this article already, with the same text: nk-icc ("))
        // Forced, the file of that id is still not overwritten.
        let forced = try FactCheckProcess.run(["import", article, "--id", "nk-icc", "--force"], in: folder.path)
        #expect(forced.status == 3)
        #expect(forced.stderr == "nk-icc.factcheck.xml: error: cannot create file: it already exists\n")
        #expect(try String(contentsOfFile: folder.file("nk-icc.factcheck.xml"), encoding: .utf8) == before)
    }

    @Test func hostileHTMLIsRefusedOrImportedAsText() throws {
        let folder = TemporaryDirectory()
        let deep = try folder.write("deep.html", "<html><body>" + String(repeating: "<div>", count: 100_000) + "x" + String(repeating: "</div>", count: 100_000))
        let refused = try FactCheckProcess.run(["import", deep], in: folder.path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("deep.html:1:"))
        #expect(refused.stderr.contains("depth"))

        let scripted = try folder.write(
            "scripted.html",
            """
            <html><head><meta charset="koi8-r"><script src="https://example.org/x.js"></script></head><body><article>
            <p onclick="steal()">The committee voted 111 to 19 on Tuesday <a href="javascript:alert(1)">in New York</a>.</p>
            <script>document.body.innerHTML = "replaced by a script that must not run";</script></article></body></html>
            """)
        let imported = try FactCheckProcess.run(["import", scripted, "--no-extract"], in: folder.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let document = try DocumentLoader.load(path: folder.file("scripted.factcheck.xml")).document
        #expect(document.article.text == "The committee voted 111 to 19 on Tuesday in New York.")
    }

    @Test func binaryAndNonUTF8TextAreRefused() throws {
        let folder = TemporaryDirectory()
        try folder.write("latin1.txt", bytes: Array("First line of the article.\nCaf".utf8) + [0xE9] + Array(" said so.\n".utf8))
        let result = try FactCheckProcess.run(["import", "latin1.txt"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr == "latin1.txt:2: error: text is not valid UTF-8 (byte 0xE9)\n")
        let gzip = try folder.write("article.txt", bytes: [0x1f, 0x8b, 0x08, 0x00])
        #expect(try FactCheckProcess.run(["import", gzip], in: folder.path).stderr.contains("gzip-compressed input is refused"))
        let missing = try FactCheckProcess.run(["import", "nope.txt"], in: folder.path)
        #expect(missing.status == 3)
    }
}

@Suite struct ExtractAndAddCommands {
    private func importedDesk() throws -> Desk {
        let desk = try Desk()
        try FileManager.default.removeItem(atPath: desk.documentPath)
        #expect(try desk.run("import", FactCheckProcess.samples + "/un-panel-north-korea-icc.txt", "--id", "nk-icc").status == 0)
        return desk
    }

    @Test func extractNeverDuplicates() throws {
        let desk = try importedDesk()
        let before = try desk.document()
        let again = try desk.run("extract", "nk-icc")
        #expect(again.status == 0)
        #expect(again.stdout == "nk-icc.factcheck.xml: added 0 claims (threshold 0.5)\n")
        #expect(try desk.document() == before)

        let lower = try desk.run("extract", "nk-icc", "--threshold", "0.3")
        #expect(lower.stdout.hasPrefix("nk-icc.factcheck.xml: added 2 claims (threshold 0.3)\n"))
        #expect(lower.stdout.contains("nk-icc:c11"))
        let explained = try desk.run("extract", "nk-icc", "--explain", "--dry-run")
        #expect(explained.stdout.hasPrefix("= c1   0.82  The United Nations (UN) panel on Tuesday voted"))
        #expect(explained.stdout.contains("statistics +0.78"))
    }

    @Test func addAnchorsByQuote() throws {
        let desk = try importedDesk()
        let added = try desk.run("add", "nk-icc", "--quote", "55 others   withdrew", "--topic", "vote-count")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "nk-icc.factcheck.xml: added nk-icc:c11 at 565-583: “55 others withdrew”\n")
        let show = try JSONSerialization.jsonObject(with: Data(try desk.run("show", "nk-icc:c11", "--json").stdout.utf8)) as? [String: Any]
        let anchor = show?["anchor"] as? [String: Any]
        #expect(anchor?["prefix"] as? String == "among the 19 countries that opposed the move while ".suffix(32).description)
        #expect(show?["topics"] as? [String] == ["vote-count"])
        #expect((show?["history"] as? [[String: Any]])?.first?["actor"] as? String == "Alex Example")

        let duplicate = try desk.run("add", "nk-icc", "--quote", "55 others withdrew")
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr == "nk-icc.factcheck.xml: error: claim c11 already anchors this quote at 565-583\n")
        let ambiguous = try desk.run("add", "nk-icc", "--quote", "China and Russia")
        #expect(ambiguous.stderr == "nk-icc.factcheck.xml: error: the quote 'China and Russia' appears 2 times; pass --occurrence 1 to 2\n")
        #expect(try desk.run("add", "nk-icc", "--quote", "China and Russia", "--occurrence", "2").status == 0)
        let missing = try desk.run("add", "nk-icc", "--quote", "55 others abstained")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("is not in the article text"))
    }
}

@Suite struct ScoreCommand {
    @Test func scoresLinesFromStandardInput() throws {
        let input = "id\tsentence\tlabel\na:1\tThank you all for coming tonight.\t0\na:2\tUnemployment fell to 4.9 percent in 2016.\t1\n"
        let result = try FactCheckProcess.run(["score"], in: "/", input: input)
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(rows.map { String($0[0]) } == ["a:1", "a:2"])
        let scores = rows.map { Double($0[1])! }
        #expect(scores.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(scores[1] > scores[0])
    }

    @Test func scoresAFileAndReportsBadLines() throws {
        let folder = TemporaryDirectory()
        let file = try folder.write("s.tsv", "x:1\tThe budget deficit doubled in four years.\nno tab here\n")
        let result = try FactCheckProcess.run(["score", file], in: "/")
        #expect(result.status == 1)
        #expect(result.stderr == "\(file):2:1: error: expected id<TAB>sentence\n")
        #expect(result.stdout == "")
    }
}

/// Pages far longer than articles: what extraction proposes and refuses.
@Suite struct LongPages {
    @Test func aPageOfThousandsOfClaimsProposesTheBestThousandThenTheRest() throws {
        let folder = TemporaryDirectory()
        // 1,200 check-worthy sentences, ten to a paragraph; every third names a percentage as well.
        let sentences = (1...1200).map { number in
            "Officials said the budget rose by \(number) million dollars in 2024\(number % 3 == 0 ? ", or 12 percent" : "")."
        }
        let paragraphs = stride(from: 0, to: sentences.count, by: 10).map { sentences[$0..<$0 + 10].joined(separator: " ") }
        _ = try folder.write("long.txt", "A long page\n\n" + paragraphs.joined(separator: "\n\n") + "\n")
        let result = try FactCheckProcess.run(["import", "long.txt", "--id", "long"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\n  1000 claims proposed (threshold 0.5):\n"))
        #expect(result.stdout.hasSuffix("\n  (at most 1000 claims are proposed at once, the best first; `factcheck extract long` proposes more)\n"))
        let first = try DocumentLoader.load(path: folder.file("long.factcheck.xml")).document
        #expect(first.claims.count == 1000)
        // The best: all 400 sentences with a percentage, which score higher, are among them; in text order.
        #expect(first.claims.filter { $0.anchor.exact.contains("percent") }.count == 400)
        #expect(first.claims.map(\.anchor.start) == first.claims.map(\.anchor.start).sorted())

        let again = try FactCheckProcess.run(["extract", "long"], in: folder.path)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("long.factcheck.xml: added 200 claims (threshold 0.5)\n"))
        let second = try DocumentLoader.load(path: folder.file("long.factcheck.xml")).document
        #expect(second.claims.count == 1200)
        #expect(Set(second.claims.map(\.anchor.start)).count == 1200)
    }

    @Test func extractionRefusesMoreSentencesThanItScores() throws {
        let folder = TemporaryDirectory()
        let text = "A book\n\n" + String(repeating: "Prices rose by 5 percent in 2024. ", count: 20_001) + "\n"
        _ = try folder.write("book.txt", text)
        let refused = try FactCheckProcess.run(["import", "book.txt", "--id", "book"], in: folder.path)
        #expect(refused.status == 1)
        #expect(refused.stderr == "book.txt: error: the article has more than the 20000 sentences claim extraction scores; add its claims by hand (import --no-extract, then add)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["book.txt"])
        let imported = try FactCheckProcess.run(["import", "book.txt", "--id", "book", "--no-extract"], in: folder.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let extract = try FactCheckProcess.run(["extract", "book"], in: folder.path)
        #expect(extract.status == 1)
        #expect(extract.stderr == "book.factcheck.xml: error: the article has more than the 20000 sentences claim extraction scores; add its claims by hand (import --no-extract, then add)\n")
    }
}
