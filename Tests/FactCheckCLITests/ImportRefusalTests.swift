import Foundation
import Testing
import TestSupport

/// `import` takes articles only, once each, and says which title or url is too long.
@Suite struct ImportRefusals {
    private let html = FactCheckProcess.samples + "/un-panel-north-korea-icc.html"
    private let text = FactCheckProcess.samples + "/un-panel-north-korea-icc.txt"

    private func files(_ folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func anArticleAlreadyHereIsNamed() throws {
        let desk = try Desk()
        let again = try desk.run("import", html)
        #expect(again.status == 1)
        #expect(again.stderr == "\(html): error: the workspace has this article already, with the same url: nk-icc (\(desk.folder.path)/nk-icc.factcheck.xml); --force imports it again\n"
            || again.stderr.contains("with the same url: nk-icc ("), "\(again.stderr)")
        // The page saved as text has no url, but the same text.
        let saved = try desk.run("import", text, "--id", "saved")
        #expect(saved.status == 1)
        #expect(saved.stderr.contains("the workspace has this article already, with the same text: nk-icc ("), "\(saved.stderr)")
        #expect(try files(desk.folder) == ["nk-icc.factcheck.xml"])
        // Also without the index, and in a dry run.
        let cold = try desk.run("import", html, "--dry-run")
        #expect(cold.status == 1)
        let forced = try desk.run("import", html, "--force", "--id", "again")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try files(desk.folder) == ["again.factcheck.xml", "nk-icc.factcheck.xml"])
    }

    @Test func whatIsNotAnArticleIsRefused() throws {
        let desk = try Desk()
        let document = try desk.run("import", desk.documentPath, "--id", "copy")
        #expect(document.status == 1)
        #expect(document.stderr.contains("nk-icc.factcheck.xml:1: error: this is an annotation document, not an article"), "\(document.stderr)")
        try desk.folder.write("feed.xml", "<?xml version=\"1.0\"?>\n<!-- a feed -->\n<rss version=\"2.0\"><channel/></rss>\n")
        let feed = try desk.run("import", "feed.xml")
        #expect(feed.status == 1)
        #expect(feed.stderr.contains("feed.xml:1: error: this is XML (its root element is <rss>), not an article"), "\(feed.stderr)")
        #expect(try files(desk.folder) == ["feed.xml", "nk-icc.factcheck.xml"])
        // A page's fragment is still HTML.
        try desk.folder.write("fragment.txt", "<p>The General Assembly's Third Committee voted 111 to 19 on Tuesday to refer the matter.</p>\n")
        let fragment = try desk.run("import", "fragment.txt", "--no-extract")
        #expect(fragment.status == 0, "\(fragment.stderr)")
    }

    @Test func anOversizeTitleOrURLSaysWhichAndWhatToDo() throws {
        let folder = TemporaryDirectory()
        let long = String(repeating: "Votes ", count: 300)
        try folder.write("page.html", "<html><head><title>\(long)</title></head><body><p>The UN committee voted 111 to 19 on Tuesday to refer the matter.</p></body></html>")
        let refused = try FactCheckProcess.run(["import", "page.html"], in: folder.path)
        #expect(refused.status == 1)
        #expect(refused.stderr == "page.html: error: the article's title is 1,799 characters, more than the 1,000 a document holds: give a shorter one with --title\n")
        let url = "https://example.org/" + String(repeating: "a", count: 2100)
        let badURL = try FactCheckProcess.run(["import", "page.html", "--title", "Votes", "--url", url], in: folder.path)
        #expect(badURL.status == 1)
        #expect(badURL.stderr.contains("the article's url is 2,120 characters, more than the 2,048 a document holds: give a shorter one with --url"), "\(badURL.stderr)")
        let fixed = try FactCheckProcess.run(["import", "page.html", "--title", "Votes"], in: folder.path)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        // A url's scheme in capitals is still http(s).
        let upper = try FactCheckProcess.run(["import", "page.html", "--id", "upper", "--title", "Votes", "--url", "HTTPS://EXAMPLE.ORG/votes", "--force"], in: folder.path)
        #expect(upper.status == 0, "\(upper.stderr)")
    }
}
