import FactCheckKit
import Foundation
import LibXML
import TestSupport
import Testing

/// Reads `path` with the streaming reader (threshold 0), collecting what it hands out.
private func stream(_ path: String) throws(DocumentError) -> (Article?, [Claim]) {
    var article: Article?
    var claims: [Claim] = []
    try DocumentStream.read(path: path, streamingAbove: 0, article: { article = $0 }) { claims.append($0) }
    return (article, claims)
}

@Suite struct StreamingRead {
    @Test func sampleStreamsToTheSameDocument() throws {
        let path = Fixture.sample("nk-icc.factcheck.xml")
        let whole = try DocumentLoader.load(path: path).document
        let (article, claims) = try stream(path)
        #expect(article == whole.article)
        #expect(claims == whole.claims)
    }

    @Test(arguments: [
        "schema-missing-text", "schema-bad-status", "schema-bad-rating", "schema-ftp-url", "schema-negative-offset",
        "schema-bad-claim-id", "schema-unknown-element", "schema-local-time", "schema-wrong-namespace",
        "schema-long-prefix", "semantic-hash", "semantic-quote", "semantic-offset-past-end", "semantic-start-after-end",
        "semantic-prefix", "semantic-suffix", "semantic-status-history", "semantic-verified-no-verdict",
        "semantic-verified-no-source", "semantic-rating-status", "semantic-in-review-no-assignee",
        "semantic-history-order", "semantic-history-chain", "semantic-first-event",
    ])
    func brokenFixturesAreRefusedWithTheSameFinding(fixture: String) throws {
        let path = Fixture.path("\(fixture).xml")
        var expected: XMLDiagnostic?
        do {
            _ = try DocumentLoader.load(path: path)
        } catch {
            expected = error.diagnostics.first
        }
        do {
            _ = try stream(path)
            Issue.record("the streaming read accepted \(fixture)")
        } catch {
            guard case .invalid(let diagnostics) = error else {
                Issue.record("expected an invalid document, got \(error)")
                return
            }
            let found = try #require(diagnostics.first)
            #expect(found.message == expected?.message)
            // The streaming validator notices a schema violation at or after the element's start tag.
            #expect(found.line >= expected?.line ?? 0)
        }
    }

    /// Streaming validation does not catch duplicate ids; the semantic rules must.
    @Test func duplicateIDsAreCaughtWhileStreaming() throws {
        let folder = TemporaryDirectory()
        let text = try String(contentsOfFile: Fixture.path("semantic-duplicate-claim-id.xml"), encoding: .utf8)
        let path = try folder.write("base.factcheck.xml", text)
        #expect {
            _ = try stream(path)
        } throws: { error in
            (error as? DocumentError)?.diagnostics.contains { $0.message.contains("is defined twice") || $0.message.contains("Duplicate key") } ?? false
        }
    }

    @Test func doctypeIsRefusedBeforeLibXML2SeesIt() throws {
        let folder = TemporaryDirectory()
        let path = try folder.write("evil.factcheck.xml", "<?xml version=\"1.0\"?>\n<!-- hi -->\n<!DOCTYPE factcheck [<!ENTITY x \"y\">]>\n<factcheck/>")
        #expect {
            _ = try stream(path)
        } throws: { error in
            (error as? DocumentError)?.diagnostics.first == XMLDiagnostic(
                file: path, line: 3, column: 1, message: "document has a DOCTYPE; DTDs and entity declarations are refused")
        }
    }

    @Test func malformedInputIsRefused() throws {
        let folder = TemporaryDirectory()
        let sample = try String(contentsOfFile: Fixture.sample("nk-icc.factcheck.xml"), encoding: .utf8)
        let path = try folder.write("nk-icc.factcheck.xml", String(sample.dropLast(40)))
        #expect(throws: DocumentError.self) { _ = try stream(path) }
    }
}
