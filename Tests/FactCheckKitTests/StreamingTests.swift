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
        var expected: Diagnostic?
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
            (error as? DocumentError)?.diagnostics.contains { $0.message.contains("is defined twice") } ?? false
        }
    }

    @Test func doctypeIsRefusedBeforeLibXML2SeesIt() throws {
        let folder = TemporaryDirectory()
        let path = try folder.write("evil.factcheck.xml", "<?xml version=\"1.0\"?>\n<!-- hi -->\n<!DOCTYPE factcheck [<!ENTITY x \"y\">]>\n<factcheck/>")
        #expect {
            _ = try stream(path)
        } throws: { error in
            (error as? DocumentError)?.diagnostics.first == Diagnostic(
                file: path, line: 3, column: 1, message: "document has a DOCTYPE; DTDs and entity declarations are refused")
        }
    }

    /// A DOCTYPE must be ruled out before libxml2 reads the file: a prolog that does not end in
    /// the first 64 KiB is refused.
    @Test func prologLongerThanWhatIsCheckedIsRefused() throws {
        let folder = TemporaryDirectory()
        let comment = "<!--" + String(repeating: "x", count: 70_000) + "-->"
        let path = try folder.write("evil.factcheck.xml", "<?xml version=\"1.0\"?>\n\(comment)\n<!DOCTYPE factcheck [<!ENTITY x \"y\">]>\n<factcheck/>")
        #expect {
            _ = try stream(path)
        } throws: { error in
            (error as? DocumentError)?.diagnostics.first?.message == "the prolog (before the root element) is longer than 64 KiB"
        }
    }

    /// A file read from disk in many pieces gives what reading it whole gives.
    @Test func fileReadInPiecesIsTheWholeDocument() throws {
        let folder = TemporaryDirectory()
        let sample = try String(contentsOfFile: Fixture.sample("nk-icc.factcheck.xml"), encoding: .utf8)
        let padding = "<!--" + String(repeating: "padding ", count: 40_000) + "-->"
        let padded = sample.replacingOccurrences(of: "\n  <claim id=\"c2\"", with: "\n  \(padding)\n  <claim id=\"c2\"")
        #expect(padded.utf8.count > 300_000)
        let path = try folder.write("nk-icc.factcheck.xml", padded)
        let whole = try DocumentLoader.load(path: path).document
        let (article, claims) = try stream(path)
        #expect(article == whole.article)
        #expect(claims == whole.claims)
    }

    @Test func malformedInputIsRefused() throws {
        let folder = TemporaryDirectory()
        let sample = try String(contentsOfFile: Fixture.sample("nk-icc.factcheck.xml"), encoding: .utf8)
        let path = try folder.write("nk-icc.factcheck.xml", String(sample.dropLast(40)))
        #expect(throws: DocumentError.self) { _ = try stream(path) }
    }
}

/// Changing one claim of a document large enough to stream replaces just that claim's bytes.
@Suite struct StreamedClaimChange {
    private static let time = "2026-11-28T10:00:00Z"

    /// Adds a note to claim `id` of the copy of `text` in a new folder, streaming or not, and
    /// returns the bytes written.
    private func noteOnClaim(_ id: String, of text: String, streaming: Bool) throws -> [UInt8] {
        let folder = TemporaryDirectory()
        let path = try folder.write("nk-icc.factcheck.xml", text)
        try DocumentStore.updateClaim(path, id: id, streamingAbove: streaming ? 0 : .max) { claim, _, _ throws(DocumentError) in
            do throws(WorkflowError) {
                try ClaimChange.note("Checked against the report.").apply(to: &claim, by: "Test Reviewer", at: Self.time)
            } catch {
                throw .invalid([Diagnostic(file: path, message: error.description)])
            }
        }
        return try InputFile.read(path)
    }

    private var sample: String {
        get throws { try String(contentsOfFile: Fixture.sample("nk-icc.factcheck.xml"), encoding: .utf8) }
    }

    @Test func splicedClaimIsWhatAWholeRewriteWrites() throws {
        let text = try sample
        let spliced = try noteOnClaim("c3", of: text, streaming: true)
        let whole = try noteOnClaim("c3", of: text, streaming: false)
        #expect(spliced == whole)
        #expect(spliced != Array(text.utf8))
    }

    /// A claim laid out by hand cannot be spliced: the document is written whole, the tool's way.
    @Test func handFormattedClaimIsRewrittenWhole() throws {
        let text = try sample
        let edited = text.replacingOccurrences(
            of: "<claim id=\"c3\"", with: "<claim\n    id=\"c3\"", options: [], range: text.range(of: "<claim id=\"c3\""))
        #expect(edited != text)
        let spliced = try noteOnClaim("c3", of: edited, streaming: true)
        let canonical = try noteOnClaim("c3", of: text, streaming: false)
        #expect(spliced == canonical)
    }

    /// The changed claim is checked with the article before anything is written.
    @Test func invalidChangeWritesNothing() throws {
        let folder = TemporaryDirectory()
        let text = try sample
        let path = try folder.write("nk-icc.factcheck.xml", text)
        #expect(throws: DocumentError.self) {
            try DocumentStore.updateClaim(path, id: "c3", streamingAbove: 0) { claim, _, _ throws(DocumentError) in
                claim.anchor.exact = "words that are not in the article"
            }
        }
        #expect(try InputFile.read(path) == Array(text.utf8))
    }

    /// Adds a note to claim `id` of `text` (streamed, in a new folder) and expects the change to
    /// have been made and refused for `finding`, with the document as it was and no file beside it.
    private func expectRefusedWritingNothing(_ text: String, as name: String, claim id: String, finding: String) throws {
        let folder = TemporaryDirectory()
        let path = try folder.write(name, text)
        var changed = false
        do {
            try DocumentStore.updateClaim(path, id: id, streamingAbove: 0) { claim, _, _ throws(DocumentError) in
                claim.notes.append(Note(author: "Test Reviewer", time: Self.time, text: "Checked."))
                changed = true
            }
            Issue.record("a document with \(finding) was changed")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains(finding) })
        }
        #expect(changed)  // the change was applied and its file written before the fault was found
        #expect(try InputFile.read(path) == Array(text.utf8))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".lock") }
        #expect(left == [name])
    }

    /// The new file is written while the schema check runs: when the check fails, it is removed
    /// and the document stays as it was.
    @Test func schemaFailureLeavesNoTemporaryFile() throws {
        let text = try String(contentsOfFile: Fixture.path("schema-unknown-element.xml"), encoding: .utf8)
        try expectRefusedWritingNothing(text, as: "base.factcheck.xml", claim: "c1", finding: "This element is not expected")
    }

    /// The sample with a note of many lines on claim c1, written the tool's way: claim c3 starts
    /// past the first few megabytes, so finding its line and copying the rest take many reads.
    private var longSample: String {
        get throws {
            var document = try DocumentLoader.load(path: Fixture.sample("nk-icc.factcheck.xml")).document
            let text = (1...100_000).map { "Line \($0) of a long synthetic note." }.joined(separator: "\n")
            document.claims[0].notes.append(Note(author: "Test Reviewer", time: Self.time, text: text))
            return try AnnotationCodec.serialize(document)
        }
    }

    @Test func claimFarIntoTheFileIsSplicedLikeAWholeRewrite() throws {
        let text = try longSample
        #expect(text.utf8.count > 3_000_000)
        let spliced = try noteOnClaim("c3", of: text, streaming: true)
        #expect(spliced == (try noteOnClaim("c3", of: text, streaming: false)))
        #expect(spliced.count > text.utf8.count)
    }

    /// The new file is written while the claims after the changed one are still being read: a
    /// fault found in one of them removes it, and the document stays as it was.
    @Test func faultAfterTheChangedClaimLeavesNothingWritten() throws {
        let text = try longSample.replacingOccurrences(of: "<claim id=\"c5\"", with: "<claim id=\"c4\"")
        try expectRefusedWritingNothing(text, as: "nk-icc.factcheck.xml", claim: "c3", finding: "is defined twice")
    }

    /// An error about the changed claim names its line and column, streamed or not.
    @Test func refusalIsLocatedAsInAWholeRead() throws {
        let text = try longSample
        func refusal(streaming: Bool) throws -> Diagnostic? {
            let folder = TemporaryDirectory()
            let path = try folder.write("nk-icc.factcheck.xml", text)
            do {
                try DocumentStore.updateClaim(path, id: "c3", streamingAbove: streaming ? 0 : .max) {
                    _, location, map throws(DocumentError) in
                    throw .invalid([map.diagnostic(path, at: location, "refused")])
                }
            } catch {
                #expect(try InputFile.read(path) == Array(text.utf8))
                return error.diagnostics.first.map { Diagnostic(file: "", line: $0.line, column: $0.column, message: $0.message) }
            }
            return nil
        }
        let streamed = try #require(try refusal(streaming: true))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let claimLine = try #require(lines.firstIndex { $0.hasPrefix("  <claim id=\"c3\"") }) + 1
        #expect(claimLine > 100_000)
        #expect(streamed.line == claimLine)
        #expect(streamed.column == 3)
        #expect(streamed == (try refusal(streaming: false)))
    }

    @Test func missingClaimIsNamed() throws {
        let folder = TemporaryDirectory()
        let path = try folder.write("nk-icc.factcheck.xml", try sample)
        do {
            try DocumentStore.updateClaim(path, id: "c99", streamingAbove: 0) { _, _, _ throws(DocumentError) in }
            Issue.record("a missing claim was changed")
        } catch {
            #expect(error.diagnostics.first?.message.hasPrefix("document nk-icc has no claim c99 (claims: c1, c2,") == true)
        }
    }
}

/// Validation checks text against its type but never changes it: line breaks and runs of spaces
/// in notes and quotes read back exactly, whole or streamed.
@Suite struct TextSurvivesValidation {
    @Test func whiteSpaceInsideTextIsKept() throws {
        var document = try DocumentLoader.load(path: Fixture.path("valid.xml")).document
        let text = "First line.\n\n  Second   line,\tindented.  "
        document.claims[0].notes.append(Note(author: "Test Reviewer", time: "2026-11-28T11:00:00Z", text: text))
        let folder = TemporaryDirectory()
        let path = try folder.write("base.factcheck.xml", try AnnotationCodec.serialize(document))
        #expect(try DocumentLoader.load(path: path).document.claims[0].notes.last?.text == text)
        var streamed: [Claim] = []
        try DocumentStream.read(path: path, streamingAbove: 0) { streamed.append($0) }
        #expect(streamed.first?.notes.last?.text == text)
    }
}
