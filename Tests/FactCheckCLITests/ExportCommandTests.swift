import FactCheckKit
import Foundation
import LibXML
import TestSupport
import Testing

private func exportDesk() throws -> Desk {
    try Desk.publishing()
}

private let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

private func sampleText() throws -> String {
    try DocumentLoader.load(path: FactCheckProcess.samples + "/nk-icc.factcheck.xml").document.article.text
}

/// Each format's golden file: the sample's export, byte for byte.
private let goldenFiles = [
    ("annotated-xml", "nk-icc.annotated.xml"),
    ("claimreview", "nk-icc.claimreview.json"),
    ("web-annotation", "nk-icc.web-annotation.json"),
    ("html", "nk-icc.html"),
]

@Suite struct ExportGoldenFiles {
    @Test(arguments: goldenFiles)
    func sampleExportMatchesItsGoldenFile(format: String, file: String) throws {
        let desk = try exportDesk()
        let result = try desk.run("export", "nk-icc", "--format", format)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOf: golden.appendingPathComponent(file), encoding: .utf8)
        #expect(result.stdout == expected)
    }

    /// A format added to the registry without a golden file fails here.
    @Test func everyRegisteredFormatHasAGoldenFile() throws {
        #expect(ExportFormats.all.map(\.name) == goldenFiles.map(\.0))
        let files = try FileManager.default.contentsOfDirectory(atPath: golden.path)
        #expect(Set(files) == Set(goldenFiles.map(\.1)))
    }

    /// `--format` and its help take their values from the registry.
    @Test func formatValuesComeFromTheRegistry() throws {
        let desk = try exportDesk()
        let help = try desk.run("export", "--help")
        #expect(help.stdout.contains("(values: annotated-xml, claimreview,\n                          web-annotation, html)"), "\(help.stdout)")
        let unknown = try desk.run("export", "nk-icc", "--format", "pdf")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("'annotated-xml', 'claimreview', 'web-annotation' or 'html'"), "\(unknown.stderr)")
        let lines = try desk.run("export", "nk-icc", "--format", "html", "--jsonl")
        #expect(lines.status == 64)
        #expect(lines.stderr.contains("--jsonl goes with --format web-annotation"))
    }

    @Test func writesToAFile() throws {
        let desk = try exportDesk()
        let result = try desk.run("export", "nk-icc", "--format", "html", "-o", "report.html")
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "wrote report.html\n")
        #expect(FileManager.default.fileExists(atPath: desk.folder.file("report.html")))
    }
}

@Suite struct AnnotatedXMLExport {
    /// Every field of the article goes out, captions and retrieval date too.
    @Test func keepsEveryArticleField() throws {
        let desk = try exportDesk()
        let result = try desk.run("export", "nk-icc", "--format", "annotated-xml")
        #expect(result.status == 0)
        let root = try XMLDocument.parse(Array(result.stdout.utf8), path: "export.xml").root
        let article = try #require(root.element(named: "article"))
        let source = try DocumentLoader.load(path: FactCheckProcess.samples + "/nk-icc.factcheck.xml").document.article
        #expect(article.element(named: "title")?.text == source.title)
        #expect(article.element(named: "url")?.text == source.url)
        #expect(article.element(named: "publisher")?.text == source.publisher)
        #expect(article.elements(named: "author").map(\.text) == source.authors)
        #expect(article.element(named: "published")?.text == source.published)
        #expect(article.element(named: "retrieved")?.text == source.retrieved)
        #expect(article.element(named: "language")?.text == source.language)
        #expect(article.elements(named: "caption").map(\.text) == source.captions)
        #expect(!source.captions.isEmpty && source.retrieved != nil)
    }

    /// The text of the `text` element with every span removed.
    private func plainText(_ xml: String) throws -> (String, XMLElement) {
        let root = try XMLDocument.parse(Array(xml.utf8), path: "export.xml").root
        let text = try #require(root.element(named: "article")?.element(named: "text"))
        return (text.text, text)
    }

    @Test func removingTheMarkupGivesBackTheText() throws {
        let desk = try exportDesk()
        let result = try desk.run("export", "nk-icc", "--format", "annotated-xml")
        let (text, _) = try plainText(result.stdout)
        #expect(text == (try sampleText()))
    }

    @Test func overlappingAndTouchingClaimsAreRepresented() throws {
        let desk = try exportDesk()
        // c14 contains c3's quote's tail and runs into the next paragraph; c15 touches c14's end; c16 nests in c3.
        #expect(try desk.run("add", "nk-icc", "--quote", "55 others withdrew.\n\nIn spite of this").status == 0)
        #expect(try desk.run("add", "nk-icc", "--quote", ", there are still 111 leaders").status == 0)
        #expect(try desk.run("add", "nk-icc", "--quote", "veto-wielding members").status == 0)
        let result = try desk.run("export", "nk-icc", "--format", "annotated-xml")
        #expect(result.status == 0, "\(result.stderr)")
        let (text, element) = try plainText(result.stdout)
        #expect(text == (try sampleText()))
        let document = try DocumentLoader.load(path: desk.documentPath).document
        for claim in document.claims {
            var pieces: [String] = []
            collect(claim.id, in: element, into: &pieces)
            #expect(pieces.joined() == claim.anchor.exact, "claim \(claim.id)")
        }
    }

    /// The text of every span of claim `id`, in document order (a span's text includes nested spans).
    private func collect(_ id: String, in element: XMLElement, into pieces: inout [String]) {
        for child in element.elements where child.name == "span" {
            if child[attribute: "claim"] == id {
                pieces.append(child.text)
            } else {
                collect(id, in: child, into: &pieces)
            }
        }
    }
}

@Suite struct ClaimReviewExport {
    @Test func requiredFieldsAndTypes() throws {
        let desk = try exportDesk()
        let result = try desk.run("export", "nk-icc", "--format", "claimreview")
        #expect(result.status == 0)
        let reviews = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reviews.count == 10)
        for review in reviews {
            #expect(review["@context"] as? String == "https://schema.org")
            #expect(review["@type"] as? String == "ClaimReview")
            #expect((review["url"] as? String)?.hasPrefix("https://example.org/checks/nk-icc/c") == true)
            #expect((review["claimReviewed"] as? String)?.isEmpty == false)
            #expect((review["datePublished"] as? String)?.wholeMatch(of: #/\d{4}-\d{2}-\d{2}/#) != nil)
            let rating = try #require(review["reviewRating"] as? [String: Any])
            #expect(rating["@type"] as? String == "Rating")
            #expect(rating["bestRating"] as? Int == 5)
            #expect(rating["worstRating"] as? Int == 1)
            #expect((1...5).contains(rating["ratingValue"] as? Int ?? 0))
            #expect(rating["alternateName"] is String)
            let item = try #require(review["itemReviewed"] as? [String: Any])
            #expect(item["@type"] as? String == "Claim")
            #expect((item["appearance"] as? [String: Any])?["url"] as? String == "https://chinatopix.com/articles/23105/20141119/un-panel-backs-move-refer-north-koreas-human-rights-horror.htm")
            #expect((item["author"] as? [String: Any])?["name"] as? String == "China Topix")
            #expect((review["author"] as? [String: Any])?["name"] as? String == "Example Fact Desk")
        }
        #expect(result.stderr.contains("nk-icc.factcheck.xml: warning: claim c1: claimReviewed is 199 characters; Google shows 75"))
        #expect(result.stderr.contains("warning: claim c11 is unverifiable with no rating; no ClaimReview written for it"))
    }

    @Test func missingSettingsAndURLsAreErrors() throws {
        let desk = try Desk()
        let noOrganization = try desk.run("export", "nk-icc", "--format", "claimreview")
        #expect(noOrganization.status == 1)
        #expect(noOrganization.stderr.contains("a ClaimReview names the organization that publishes it"))
        #expect(noOrganization.stdout == "")

        let text = try desk.document().replacingOccurrences(of: #"<url>https://chinatopix.com/articles/23105/20141119/un-panel-backs-move-refer-north-koreas-human-rights-horror.htm</url>"#, with: "")
        try desk.folder.write("nk-icc.factcheck.xml", text)
        let noURL = try desk.run(
            "export", "nk-icc", "--format", "claimreview", "--org-name", "Example Fact Desk", "--review-url",
            "https://example.org/c/{doc}/{claim}")
        #expect(noURL.status == 1)
        #expect(noURL.stderr == "nk-icc.factcheck.xml: error: document nk-icc has no article url, which a ClaimReview must name (itemReviewed.appearance); import the article with --url\n")
    }
}

@Suite struct WebAnnotationExport {
    @Test func selectorsMatchTheTextAtTheirOffsets() throws {
        let desk = try exportDesk()
        let result = try desk.run("export", "nk-icc", "--format", "web-annotation", "--jsonl")
        #expect(result.status == 0)
        let text = ScalarText(try sampleText())
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 13)
        var motivations: [String] = []
        for line in lines {
            let annotation = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(annotation["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
            motivations.append(annotation["motivation"] as? String ?? "")
            let target = try #require(annotation["target"] as? [String: Any])
            let selectors = try #require(target["selector"] as? [[String: Any]])
            let position = try #require(selectors.first { $0["type"] as? String == "TextPositionSelector" })
            let quote = try #require(selectors.first { $0["type"] as? String == "TextQuoteSelector" })
            let start = try #require(position["start"] as? Int)
            let end = try #require(position["end"] as? Int)
            #expect(text.slice(start, end) == quote["exact"] as? String)
            #expect(text.slice(start - 32, start).hasSuffix(quote["prefix"] as? String ?? ""))
            #expect(text.slice(end, end + 32).hasPrefix(quote["suffix"] as? String ?? ""))
        }
        // The eleven reviewed claims are assessed; the two pending ones (c12, c13) only highlighted.
        #expect(motivations == Array(repeating: "assessing", count: 11) + ["highlighting", "highlighting"])
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["FACTCHECK_JSONLD_PYTHON"] != nil, "needs pyld: make test sets it up"))
    func passesTheOfflineJSONLDChecker() throws {
        let desk = try exportDesk()
        let python = ProcessInfo.processInfo.environment["FACTCHECK_JSONLD_PYTHON"]!
        let checker = URL(fileURLWithPath: FactCheckProcess.samples).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/jsonld/check_jsonld.py").path
        #expect(try desk.run("export", "nk-icc", "--format", "claimreview", "-o", "cr.json").status == 0)
        #expect(try desk.run("export", "nk-icc", "--format", "web-annotation", "-o", "wa.json").status == 0)
        try desk.folder.write("article.txt", try sampleText())
        let claimReview = try FactCheckProcess.run([checker, "--kind", "claimreview", "cr.json"], in: desk.folder.path, executable: python)
        #expect(claimReview.status == 0, "\(claimReview.stdout)")
        #expect(claimReview.stdout.contains("10 passed, 0 failed"))
        let annotations = try FactCheckProcess.run(
            [checker, "--kind", "web-annotation", "--text", "article.txt", "wa.json"], in: desk.folder.path, executable: python)
        #expect(annotations.status == 0, "\(annotations.stdout)")
        #expect(annotations.stdout.contains("1 passed, 0 failed"))
    }
}

@Suite struct HTMLReportExport {
    @Test func anyTextIsEscaped() throws {
        let folder = TemporaryDirectory()
        try folder.write(
            "hostile.txt",
            "Officials said <script>alert('x')</script> & \"quotes\" were found in 3 of 5 reports last year.\n")
        let environment = ["FACTCHECK_REVIEWER": "Alex Example"]
        #expect(try FactCheckProcess.run(["import", "hostile.txt", "--no-extract", "--title", "<b>Title</b>"], in: folder.path).status == 0)
        #expect(try FactCheckProcess.run(
            ["add", "hostile", "--quote", "<script>alert('x')</script> & \"quotes\""], in: folder.path, environment: environment).status == 0)
        let result = try FactCheckProcess.run(["export", "hostile", "--format", "html"], in: folder.path)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("<script"))
        #expect(!result.stdout.contains("<b>"))
        #expect(result.stdout.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(result.stdout.contains("<title>Fact-check: &lt;b&gt;Title&lt;/b&gt;</title>"))
    }

    @Test func selfContainedWithLabelsAndCounts() throws {
        let desk = try exportDesk()
        let html = try desk.run("export", "nk-icc", "--format", "html").stdout
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        #expect(html.contains("<li><span class=\"chip disputed\">Disputed</span> 4</li>"))
        #expect(html.contains("[c3 Disputed]"))
        #expect(html.contains("Rating: Mixed (3/5)"))
        #expect(html.contains("<a href=\"https://www.hrw.org/news/2014/11/18/north-korea-un-condemns-crimes-against-humanity\">North Korea: UN Condemns Crimes Against Humanity</a>"))
    }
}

/// The repository's neighbour `shared/`, where the standards' own suites and checkers are.
private let shared = URL(fileURLWithPath: FactCheckProcess.samples).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared")

/// The checkers' Python (the venv `make test` makes), if it has jsonschema.
private let suitePython: String? = {
    guard let python = ProcessInfo.processInfo.environment["FACTCHECK_JSONLD_PYTHON"],
          let probe = try? FactCheckProcess.run(["-c", "import jsonschema"], in: "/", executable: python), probe.status == 0
    else { return nil }
    return python
}()

/// Text that breaks out of a `<script>` block or a JavaScript string if written raw.
private let hostile = "</script><!-- \u{2028}"

/// A desk with a non-ASCII article whose quote, verdict summary and source carry `hostile`.
private func hostileDesk() throws -> Desk {
    let desk = try exportDesk()
    try desk.folder.write(
        "article.txt",
        """
        Sondage : un record à Tōkyō

        Le ministre a déclaré que 42 % des électeurs — « selon le sondage </script><!-- publié » — avaient voté à Tōkyō (東京), un record depuis 1995.

        """)
    #expect(try desk.run("import", "article.txt", "--id", "fr-jp", "--url", "https://example.org/article", "--no-extract").status == 0)
    let quote = "Le ministre a déclaré que 42 % des électeurs — « selon le sondage </script><!-- publié » — avaient voté à Tōkyō (東京), un record depuis 1995."
    #expect(try desk.run("add", "fr-jp", "--quote", quote, "--claimant", "Le ministre \(hostile)").status == 0)
    let marked = try desk.run(
        "mark", "fr-jp:c1", "disputed", "--rating", "misleading", "--source", "https://example.org/poll",
        "--note", "The poll \(hostile)said 24 %. Second line & more >")
    #expect(marked.status == 0, "\(marked.stderr)")
    #expect(try desk.run(
        "source", "add", "fr-jp:c1", "https://example.org/other", "--title", "Titre \(hostile)", "--publisher", "Éditions <!--"
    ).status == 0)
    return desk
}

/// `Scripts/check_web_annotation.py`: every MUST of the W3C web-annotation-tests suite.
@Suite(.enabled(if: suitePython != nil, "needs jsonschema: make test sets it up"))
struct W3CWebAnnotationSuite {
    private func check(_ files: [String], in desk: Desk) throws -> RunResult {
        let script = URL(fileURLWithPath: FactCheckProcess.samples).deletingLastPathComponent()
            .appendingPathComponent("Scripts/check_web_annotation.py").path
        return try FactCheckProcess.run(
            [script, shared.appendingPathComponent("w3c-web-annotation-tests").path] + files, in: desk.folder.path,
            executable: suitePython!)
    }

    @Test(arguments: [["--format", "web-annotation"], ["--format", "web-annotation", "--jsonl"]])
    func everyMustHoldsForTheSample(format: [String]) throws {
        let desk = try exportDesk()
        #expect(try desk.run(["export", "nk-icc", "-o", "out.json"] + format).status == 0)
        let result = try check(["out.json"], in: desk)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(format.contains("--jsonl") ? "13 checked: 0 MUST" : "15 checked: 0 MUST"))
    }

    @Test(arguments: [["--format", "web-annotation"], ["--format", "web-annotation", "--jsonl"]])
    func everyMustHoldsForNonASCIIAndHostileText(format: [String]) throws {
        let desk = try hostileDesk()
        #expect(try desk.run(["export", "fr-jp", "-o", "out.json"] + format).status == 0)
        let result = try check(["out.json"], in: desk)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(" checked: 0 MUST assertions failed"))
    }

    /// The checker is not a rubber stamp: the old shape of a source body fails its MUST.
    @Test func theCheckerCatchesAWebResourceWithAPurpose() throws {
        let desk = try exportDesk()
        try desk.folder.write("old.json", """
            {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://example.org/a1", "type": "Annotation",
             "body": [{"id": "https://example.org/source", "purpose": "linking"}],
             "target": "https://example.org/article"}
            """)
        let result = try check(["old.json"], in: desk)
        #expect(result.status == 1)
        #expect(result.stdout.contains("MUST annotations/bodiesTargets/3.3.5-bodyEWRNoPurpose.json"))
    }
}

/// `</script>`, `<!--` and U+2028 in a quote, a summary, a claimant and a source, through every format.
@Suite struct HostileTextInExports {
    @Test(arguments: ["claimreview", "web-annotation"])
    func jsonExportsEscapeItAndKeepItsMeaning(format: String) throws {
        let desk = try hostileDesk()
        let result = try desk.run("export", "fr-jp", "--format", format)
        #expect(result.status == 0, "\(result.stderr)")
        for raw in ["<", ">", "&", "\u{2028}"] {
            #expect(!result.stdout.contains(raw), "\(format) holds a raw \(raw)")
        }
        #expect(result.stdout.contains("\\u003c/script\\u003e\\u003c!--"))
        #expect(result.stdout.contains("\\u2028"))
        // Decoded, the strings are the reviewer's, character for character.
        func strings(_ value: Any) -> [String] {
            switch value {
            case let text as String: [text]
            case let array as [Any]: array.flatMap(strings)
            case let object as [String: Any]: object.values.flatMap(strings)
            default: []
            }
        }
        let values = strings(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))
        #expect(values.contains { $0.contains("The poll \(hostile)said 24 %. Second line & more >") })
        #expect(values.contains { $0.hasPrefix("Le ministre a déclaré que 42 % des électeurs — « selon le sondage </script><!-- publié »") })
    }

    @Test func theAnnotatedXMLKeepsItAsText() throws {
        let desk = try hostileDesk()
        let result = try desk.run("export", "fr-jp", "--format", "annotated-xml")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("</script>"))
        // Parsed back, the summary is the reviewer's text.
        let root = try XMLDocument.parse(Array(result.stdout.utf8), path: "out.xml").root
        func texts(_ element: XMLElement) -> [String] { [element.text] + element.elements.flatMap(texts) }
        #expect(texts(root).contains { $0.contains("The poll \(hostile)said 24 %. Second line & more >") })
    }

    @Test func theReportEscapesIt() throws {
        let desk = try hostileDesk()
        let result = try desk.run("export", "fr-jp", "--format", "html")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("</script>"))
        #expect(!result.stdout.contains("<!--"))
        #expect(result.stdout.contains("The poll &lt;/script&gt;&lt;!-- \u{2028}said 24 %."))
    }
}

@Suite struct ClaimReviewAuthors {
    /// A desk set up with `init`, an article with a claim that names its claimant, marked.
    private func desk(claimant: String?) throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        let environment = ["FACTCHECK_REVIEWER": "Alex Example"]
        #expect(try FactCheckProcess.run(
            ["init", "--org-name", "Example Fact Desk", "--org-url", "https://example.org/",
             "--org-same-as", "https://example.org/about", "--org-same-as", "https://example.org/people",
             "--review-url", "https://example.org/checks/{doc}/{claim}"], in: folder.path).status == 0)
        try folder.write("article.txt", "The mayor said the city planted 12,000 trees in 2025, twice as many as the year before.\n")
        #expect(try FactCheckProcess.run(
            ["import", "article.txt", "--id", "trees", "--url", "https://example.org/trees", "--title", "Trees",
             "--publisher", "Example Times", "--no-extract"], in: folder.path).status == 0)
        var add = ["add", "trees", "--quote", "The mayor said the city planted 12,000 trees in 2025"]
        if let claimant { add += ["--claimant", claimant] }
        #expect(try FactCheckProcess.run(add, in: folder.path, environment: environment).status == 0)
        #expect(try FactCheckProcess.run(
            ["mark", "trees:c1", "disputed", "--rating", "mixed", "--source", "https://example.org/record"],
            in: folder.path, environment: environment).status == 0)
        return folder
    }

    private func review(_ arguments: [String], in folder: TemporaryDirectory) throws -> [String: Any] {
        let result = try FactCheckProcess.run(["export", "trees", "--format", "claimreview"] + arguments, in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let reviews = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return try #require(reviews.first)
    }

    @Test func theClaimantIsTheClaimsAuthorAsThePersonOrOrganizationSaid() throws {
        let folder = try desk(claimant: "Mayor Example")
        for (type, expected) in [([String](), "Organization"), (["--claimant-type", "person"], "Person")] {
            let item = try #require(try review(type, in: folder)["itemReviewed"] as? [String: Any])
            let author = try #require(item["author"] as? [String: Any])
            #expect(author["@type"] as? String == expected)
            #expect(author["name"] as? String == "Mayor Example")
        }
    }

    @Test func withoutAClaimantThePublisherIsTheAuthor() throws {
        let folder = try desk(claimant: nil)
        let item = try #require(try review([], in: folder)["itemReviewed"] as? [String: Any])
        let author = try #require(item["author"] as? [String: Any])
        #expect(author["@type"] as? String == "Organization")
        #expect(author["name"] as? String == "Example Times")
    }

    @Test func theDeskCarriesItsSameAs() throws {
        let folder = try desk(claimant: nil)
        let author = try #require(try review([], in: folder)["author"] as? [String: Any])
        #expect(author["sameAs"] as? [String] == ["https://example.org/about", "https://example.org/people"])
        #expect(author["url"] as? String == "https://example.org/")
        let empty = TemporaryDirectory()
        let bad = try FactCheckProcess.run(["init", "--org-same-as", "https://example.org/x"], in: empty.path)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--org-same-as needs --org-name"))
    }
}

/// Every element called `name` at or below `element`, in document order.
private func all(_ element: HTMLElement, _ name: String) -> [HTMLElement] {
    (element.name == name ? [element] : []) + element.elements.flatMap { all($0, name) }
}

@Suite struct HTMLReportLayout {
    @Test func overlapsLabelsPrintAndLandmark() throws {
        let desk = try exportDesk()
        let html = try desk.run("export", "nk-icc", "--format", "html").stdout
        // c4 lies inside c5: the inner mark is outlined, so the two read as two claims.
        #expect(html.contains("<mark class=\"verified\"><mark class=\"verified\">the resolution</mark></mark>"))
        #expect(html.contains("mark mark{outline:1px dashed #333;outline-offset:-1px}"))
        // No padding on marks: adjacent pieces of one claim leave no gap before a nested mark.
        #expect(html.contains("mark{border-bottom:2px solid;background:none}"))
        #expect(!html.contains("padding:0 .1em"))
        #expect(html.contains("white-space:nowrap}"))
        // In print only links to other pages show their address, not the report's own #anchors.
        #expect(html.contains("a[href^=\"http\"]::after"))
        #expect(!html.contains("a[href]::after"))
        let root = try HTMLPage.parse(Array(html.utf8), path: "report.html").root
        let main = all(root, "main")
        #expect(main.count == 1)
        #expect(all(main[0], "article").count == 1)
        #expect(all(root, "script").isEmpty)
    }

    @Test func withClaimReviewThePageCarriesItsJSONLD() throws {
        let desk = try hostileDesk()
        let page = try desk.run("export", "nk-icc", "fr-jp", "--format", "html", "--with-claimreview")
        #expect(page.status == 0, "\(page.stderr)")
        let alone = try desk.run("export", "nk-icc", "fr-jp", "--format", "claimreview")
        let root = try HTMLPage.parse(Array(page.stdout.utf8), path: "report.html").root
        let scripts = all(root, "script")
        #expect(scripts.count == 1)
        let script = try #require(scripts.first)
        #expect(script[attribute: "type"] == "application/ld+json")
        // What the HTML parser hands a reader is the whole JSON-LD, the same as the claimreview export.
        let embedded = try JSONSerialization.jsonObject(with: Data(script.text.utf8)) as? NSArray
        let expected = try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? NSArray
        #expect(embedded != nil && embedded == expected)
        #expect(embedded?.count == 11)
        #expect(script.text.contains("\\u003c/script\\u003e"))
        #expect(page.stderr == alone.stderr)
        let refused = try desk.run("export", "nk-icc", "--format", "claimreview", "--with-claimreview")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--with-claimreview goes with --format html"))
    }
}
