import FactCheckKit
import Foundation
import TestSupport
import Testing

private let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// A synthetic review in the shape of schema.org's and Google's documented ClaimReview examples.
private func review(url: String, claim: String, rating: String, author: String = "Example Checkers") -> String {
    """
    {"@context": "https://schema.org", "@type": "ClaimReview", "url": "\(url)",
     "claimReviewed": "\(claim)", "datePublished": "2026-10-01",
     "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Speaker"}},
     "author": {"@type": "Organization", "name": "\(author)", "url": "https://example.org/"},
     "reviewRating": \(rating)}
    """
}

private func archive(_ folder: TemporaryDirectory, _ name: String = "example-checkers") throws -> CheckArchive {
    try CheckArchive.load(path: folder.file("archive/\(name).checks.xml"))
}

@Suite struct ClaimReviewImports {
    @Test func theSamplesOwnExportComesBackWithItsRatings() throws {
        let folder = TemporaryDirectory()
        let result = try FactCheckProcess.run(
            ["import-claimreview", golden.appendingPathComponent("nk-icc.claimreview.json").path], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "archive/example-fact-desk.checks.xml: 10 checks from Example Fact Desk\n")
        let sample = try DocumentLoader.load(path: FactCheckProcess.samples + "/nk-icc.factcheck.xml").document
        let expected = sample.claims.filter { $0.status.isReviewed && $0.verdict != nil }.map { ($0.anchor.exact, $0.verdict!.rating) }
        let imported = try archive(folder, "example-fact-desk").checks
        for (claim, rating) in expected {
            #expect(imported.first { $0.claim == claim }?.rating == rating, "\(claim)")
        }
        // Imported again: nothing added twice.
        let again = try FactCheckProcess.run(
            ["import-claimreview", golden.appendingPathComponent("nk-icc.claimreview.json").path], in: folder.path)
        #expect(again.stdout.contains("0 checks from Example Fact Desk (10 already archived)"))
        #expect(try archive(folder, "example-fact-desk").checks.count == 10)
    }

    @Test func everyShapeAndScaleIsRead() throws {
        let folder = TemporaryDirectory()
        let single = try folder.write("single.json", review(
            url: "https://example.org/r/1", claim: "The moon is made of cheese.",
            rating: #"{"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"}"#))
        let graph = try folder.write("graph.jsonld", """
            {"@context": "https://schema.org", "@graph": [\(review(
                url: "https://example.org/r/2", claim: "Half the bridges were repaired.",
                rating: #"{"@type": "Rating", "ratingValue": "Half True"}"#)), {"@type": "WebPage", "name": "not a review"}]}
            """)
        let array = try folder.write("array.json", "[" + [
            review(url: "https://example.org/r/3", claim: "Turnout rose.", rating: #"{"ratingValue": 8, "bestRating": 10, "worstRating": 0}"#),
            review(url: "https://example.org/r/4", claim: "Taxes fell.", rating: #"{"alternateName": "Mostly False"}"#),
            review(url: "https://example.org/r/5", claim: "A ghost was seen.", rating: #"{"alternateName": "Unproven"}"#),
        ].joined(separator: ",") + "]")
        let page = try folder.write("page.html", """
            <html><head><script type="application/ld+json">\(review(
                url: "https://example.org/r/6", claim: "Rainfall doubled.", rating: #"{"alternateName": "Pants on Fire"}"#))</script>
            <script type="text/javascript">var x = 1;</script></head><body><p>A review.</p></body></html>
            """)
        let result = try FactCheckProcess.run(["import-claimreview", single, graph, array, page], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let checks = Dictionary(uniqueKeysWithValues: try archive(folder).checks.map { ($0.url, $0) })
        #expect(checks.count == 6)
        #expect(checks["https://example.org/r/1"]?.rating == .inaccurate)
        #expect(checks["https://example.org/r/1"]?.claimant == "A. Speaker")
        #expect(checks["https://example.org/r/2"]?.rating == .mixed)
        #expect(checks["https://example.org/r/2"]?.ratingText == "Half True")
        // 8 on a 0–10 scale is 4 of 5.
        #expect(checks["https://example.org/r/3"]?.rating == .mostlyAccurate)
        #expect(checks["https://example.org/r/3"]?.ratingValue == "8" && checks["https://example.org/r/3"]?.bestRating == "10")
        #expect(checks["https://example.org/r/4"]?.rating == .misleading)
        #expect(checks["https://example.org/r/5"]?.rating == nil)
        #expect(checks["https://example.org/r/5"]?.ratingText == "Unproven")
        #expect(checks["https://example.org/r/6"]?.rating == .inaccurate)
        // The archive is matched by similar.
        let similar = try FactCheckProcess.run(["similar", "--text", "is the moon cheese?"], in: folder.path)
        #expect(similar.stdout.contains("https://example.org/r/1"), "\(similar.stdout)\(similar.stderr)")
    }

    @Test(arguments: [
        ("{not json", "bad.json: error: not valid JSON"),
        ("[" + String(repeating: "[", count: 100) + String(repeating: "]", count: 101), "bad.json: error: JSON nested more than 64 deep (the limit)"),
        (#"[{"@type": "ClaimReview", "url": "https://example.org/x", "claimReviewed": "ok", "author": "A"}, {"@type": "ClaimReview", "url": "https://example.org/y", "author": "A"}]"#,
         "bad.json: error: ClaimReview at $[1]: no claimReviewed (the claim it checks)"),
        (#"{"@type": "ClaimReview", "url": "javascript:alert(1)", "claimReviewed": "ok", "author": "A"}"#,
         "bad.json: error: ClaimReview at $: no url of the review (an http or https url)"),
        (#"{"@type": ["CreativeWork", "ClaimReview"], "url": "https://example.org/x", "claimReviewed": "ok"}"#,
         "bad.json: error: ClaimReview at $: no author (the publisher's name)"),
        (#"{"@type": "WebPage"}"#, "bad.json: error: no ClaimReview found"),
        ("<html><body><p>no data</p></body></html>", "bad.json: error: the page has no <script type=\"application/ld+json\"> block"),
        ("{\"@\\u0000type\": \"x\", \"b\": \"caf\u{FFFD}\"}", "bad.json: error: not UTF-8 text (JSON is UTF-8): an invalid byte at offset"),
    ])
    func badInputIsRefusedByItemAndNothingIsImported(input: String, message: String) throws {
        let folder = TemporaryDirectory()
        _ = try folder.write("good.json", review(url: "https://example.org/r/1", claim: "Fine.", rating: "{}"))
        _ = try folder.write("bad.json", input)
        if input.hasPrefix("{\"@\\u0000") {
            // The same, with a byte that is not UTF-8 in place of the replacement character.
            _ = try folder.write("bad.json", bytes: Array(input.utf8.split(separator: 0xEF).first!) + [0xBE, 0x22, 0x7D])
        }
        let result = try FactCheckProcess.run(["import-claimreview", "good.json", "bad.json"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("archive")))
    }
}
