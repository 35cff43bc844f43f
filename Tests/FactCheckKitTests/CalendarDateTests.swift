@testable import FactCheckKit
import Testing

@Suite struct CalendarDates {
    @Test(arguments: [
        ("2026-10-01", true), ("2026-10-00", false), ("2014-02-29", false), ("2016-02-29", true), ("2000-02-29", true),
        ("1900-02-29", false), ("2026-13-01", false), ("2026-04-31", false), ("2026-10-01T10:00:00Z", true),
        ("2026-10-01T24:00:00Z", false), ("2026-10-01T10:60:00Z", false), ("2026-10-01T10:00:00.5+05:30", true),
        ("2026-10-01T10:00:00+15:00", false), ("2026-10-01T10:00:00", true), ("2026-10-1", false), ("next week", false),
    ])
    func onlyDaysAndTimesThatExist(text: String, valid: Bool) {
        #expect((CalendarDate.validated(text) != nil) == valid)
    }

    @Test func aPageWithADateThatDoesNotExistImportsWithout() throws {
        let page = """
            <html><head><title>T</title><meta property="article:published_time" content="2014-02-30"></head>
            <body><article><p>The committee voted 111 to 19 on Tuesday, officials said in a statement today.</p></article></body></html>
            """
        let article = try HTMLImporter.read(Array(page.utf8), path: "p.html")
        #expect(article.published == nil)
    }
}
