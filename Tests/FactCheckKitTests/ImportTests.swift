import FactCheckKit
import Foundation
import Testing

@Suite struct SeedArticleImport {
    let text: ImportedArticle
    let html: ImportedArticle
    let sample: AnnotationDocument

    init() throws {
        text = try ArticleImporter.read(Fixture.sample("un-panel-north-korea-icc.txt"))
        html = try ArticleImporter.read(Fixture.sample("un-panel-north-korea-icc.html"))
        sample = try DocumentLoader.load(path: Fixture.sample("nk-icc.factcheck.xml")).document
    }

    @Test func bodyIsToldFromFurnitureAndCaptions() {
        #expect(text.furniture == ["Make CT Your Homepage", "North Korea", "Like Us on Facebook", "Real Time Analytics"])
        #expect(text.captions.count == 1)
        #expect(text.captions.first?.hasPrefix("(Photo : REUTERS/KIM HONG-JI) South Korean Christians") == true)
        #expect(text.paragraphs.count == 9)
        #expect(text.paragraphs.first?.hasPrefix("The United Nations (UN) panel on Tuesday voted") == true)
        #expect(!text.text.contains("Facebook"))
        #expect(!text.text.contains("REUTERS"))
    }

    @Test func metadataIsRecognised() {
        #expect(text.title == "UN Panel Backs Move To Refer North Korea's Human Rights 'Horror' To ICC")
        #expect(text.publisher == "China Topix")
        // The stamp at the top is when the page was saved, not when it was published.
        #expect(text.retrieved == "2024-11-02")
        #expect(text.published == nil)
    }

    @Test func theTextIsTheSamplesText() {
        #expect(text.text == sample.article.text)
    }

    @Test func htmlVersionGivesTheSameTextAndMetadata() {
        #expect(html.text == text.text)
        #expect(html.title == text.title)
        #expect(html.publisher == text.publisher)
        #expect(html.retrieved == text.retrieved)
        #expect(html.captions == text.captions)
        #expect(html.language == "en")
        #expect(html.url == sample.article.url)
    }

    @Test func nineOfTheElevenClaimsAreProposed() throws {
        var document = try ArticleImporter.document(text, id: "nk-icc")
        let proposed = ClaimExtractor.extract(into: &document, actor: "factcheck", time: "2026-11-28T09:00:00Z")
        let facts = sample.claims.prefix(11)
        let found = facts.filter { fact in
            proposed.contains { $0.anchor.start <= fact.anchor.start && fact.anchor.end <= $0.anchor.end }
        }
        #expect(found.count >= 9, "proposed: \(proposed.map(\.anchor.exact))")
        #expect(proposed.allSatisfy { ($0.score?.value ?? 0) >= ClaimExtractor.defaultThreshold })
        #expect(proposed.count < SentenceSplitter.split(text.text).count)
    }

    @Test func extractingAgainNeverDuplicates() throws {
        var document = try ArticleImporter.document(text, id: "nk-icc")
        let first = ClaimExtractor.extract(into: &document, actor: "factcheck", time: "2026-11-28T09:00:00Z")
        let second = ClaimExtractor.extract(into: &document, actor: "factcheck", time: "2026-11-28T09:05:00Z")
        #expect(!first.isEmpty)
        #expect(second.isEmpty)
        #expect(Set(document.claims.map(\.id)).count == document.claims.count)
    }
}

@Suite struct HTMLImport {
    private func read(_ html: String) throws -> ImportedArticle {
        try HTMLImporter.read(Array(html.utf8), path: "page.html")
    }

    private let body = "<p>The committee voted 111 to 19 on Tuesday, with 55 countries abstaining from the vote.</p>"

    /// Articles nested in articles: the one with the most text is the outermost, holding them all.
    @Test func nestedArticlesChooseTheOutermost() throws {
        func paragraph(_ n: Int) -> String { "<p>Paragraph \(n) says the committee voted 111 to 19 on Tuesday.</p>" }
        var html = "<html><body><aside><article>\(paragraph(0))\(paragraph(0))\(paragraph(0))</article></aside>"
        for level in 1...40 { html += "<article>" + paragraph(level) }
        html += String(repeating: "</article>", count: 40) + "</body></html>"
        let article = try read(html)
        #expect(article.paragraphs.count == 40)
        #expect(article.paragraphs.first?.hasPrefix("Paragraph 1 says") == true)
        #expect(article.paragraphs.last?.hasPrefix("Paragraph 40 says") == true)
    }

    /// Of two articles, the one with more visible text wins, and the first of equals.
    @Test func theLargerArticleWinsAndTheFirstOfEquals() throws {
        let long = "<p>The long one says the committee voted 111 to 19 on Tuesday, with 55 countries abstaining.</p>"
        let short = "<p>The short one says the committee voted on Tuesday.</p>"
        #expect(try read("<html><body><article>\(short)</article><article>\(long)</article></body></html>")
            .paragraphs.first?.hasPrefix("The long one") == true)
        let first = "<p>The first one says the committee voted 111 to 19 on Tuesday.</p>"
        let second = "<p>The other one says the committee voted 111 to 19 on Tuesday.</p>"
        #expect(try read("<html><body><article>\(first)</article><article>\(second)</article></body></html>")
            .paragraphs.first?.hasPrefix("The first one") == true)
    }

    @Test func metadataFromTheHead() throws {
        let article = try read("""
            <html lang="en-GB"><head><title>Site | Vote</title>
            <meta property="og:title" content="Committee backs referral">
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="Sam Example">
            <meta property="article:published_time" content="2014-11-18T20:15:00Z">
            <link rel="canonical" href="https://example.org/news/vote"></head>
            <body><article>\(body)</article></body></html>
            """)
        #expect(article.title == "Committee backs referral")
        #expect(article.publisher == "Example News")
        #expect(article.authors == ["Sam Example"])
        #expect(article.published == "2014-11-18T20:15:00Z")
        #expect(article.url == "https://example.org/news/vote")
        #expect(article.language == "en-GB")
    }

    @Test func bylineTimeAndH1WithoutMeta() throws {
        let article = try read("""
            <html><body><h1>Committee backs referral</h1><p class="byline">By Sam Example</p>
            <time datetime="2014-11-18">18 November 2014</time><main>\(body)</main></body></html>
            """)
        #expect(article.title == "Committee backs referral")
        #expect(article.authors == ["Sam Example"])
        #expect(article.published == "2014-11-18")
        #expect(article.text.hasPrefix("The committee voted 111 to 19"))
    }

    @Test func scriptsStylesNavigationFormsAndCommentsAreDropped() throws {
        let article = try read("""
            <html><head><style>p { color: red }</style></head><body>
            <nav><p>Home and every other section of this site is listed right here, in order.</p></nav>
            <article><script>document.write("injected text that must never appear in the article")</script>
            <!-- a comment that is long enough to be a paragraph if it were kept, surely -->
            \(body)<form><p>Sign in to comment on this story and join the conversation today.</p></form>
            <p>Officials said the resolution would go to the General Assembly <a href="javascript:alert(1)">next month</a>.</p>
            </article></body></html>
            """)
        #expect(article.text == """
            The committee voted 111 to 19 on Tuesday, with 55 countries abstaining from the vote.

            Officials said the resolution would go to the General Assembly next month.
            """)
    }

    @Test func densestBlockWithoutArticleOrMain() throws {
        let article = try read("""
            <html><body><div class="menu"><p>Short menu line.</p></div>
            <div class="story">\(body)<p>Both China and Russia voted against the resolution on Tuesday evening.</p></div>
            </body></html>
            """)
        #expect(article.paragraphs.count == 2)
    }

    @Test func entitiesAreDecodedAndWhitespaceNormalized() throws {
        let article = try read("<article><p>The  committee&nbsp;voted   111 to 19 &amp; 55 abstained &mdash; a record, officials said.</p></article>")
        #expect(article.text == "The committee voted 111 to 19 & 55 abstained — a record, officials said.")
    }

    @Test func lyingCharsetAndInvalidBytes() throws {
        let bytes = Array("<meta charset=\"iso-8859-5\"><article><p>Председатель комитета заявил, что голосование прошло 18 ноября ".utf8)
            + [0xFF] + Array(" без изменений.</p></article>".utf8)
        let article = try HTMLImporter.read(bytes, path: "lie.html")
        #expect(article.text.hasPrefix("Председатель комитета заявил"))
        #expect(article.text.contains("\u{FFFD}"))
    }

    @Test func deepNestingIsRefused() {
        let html = String(repeating: "<div>", count: 100_000) + "text" + String(repeating: "</div>", count: 100_000)
        #expect(throws: (any Error).self) { _ = try read(html) }
    }
}

@Suite struct DocumentIDs {
    @Test(arguments: [
        ("un-panel-north-korea-icc", "un-panel-north-korea-icc"),
        ("UN Panel Backs Move: North Korea's 'Horror'", "un-panel-backs-move-north-korea-s-horror"),
        ("Café déjà vu 2014", "cafe-deja-vu-2014"),
        ("北朝鮮", ""),
    ])
    func slug(input: String, expected: String) {
        #expect(ArticleImporter.slug(input) == expected)
    }
}
