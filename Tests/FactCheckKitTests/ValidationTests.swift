import FactCheckKit
import Testing

/// The diagnostics loading a fixture produces; empty when it loads.
private func findings(_ path: String) -> [Diagnostic] {
    do {
        _ = try DocumentLoader.load(path: path)
        return []
    } catch {
        return error.diagnostics
    }
}

@Suite struct ValidDocuments {
    @Test func baseFixtureIsValid() {
        #expect(findings(Fixture.path("valid.xml")).isEmpty)
    }

    @Test func sampleIsValid() {
        #expect(findings(Fixture.sample("nk-icc.factcheck.xml")).isEmpty)
    }
}

@Suite struct SchemaViolations {
    @Test(arguments: [
        ("schema-missing-text", 3, "element 'article': Missing child element(s). Expected is one of ( caption, text )"),
        ("schema-bad-status", 32, "attribute 'status': [facet 'enumeration'] The value 'waiting' is not an element of the set"),
        ("schema-bad-rating", 20, "attribute 'rating': [facet 'enumeration'] The value 'true' is not an element of the set"),
        ("schema-ftp-url", 23, "attribute 'url': [facet 'pattern'] The value 'ftp://example.org/records/vote' is not accepted"),
        ("schema-negative-offset", 33, "'-4' is not a valid value of the atomic type 'xs:nonNegativeInteger'"),
        ("schema-bad-claim-id", 32, "The value 'claim-2' is not accepted by the pattern 'c[1-9][0-9]{0,8}'"),
        ("schema-unknown-element", 19, "element 'priority': This element is not expected"),
        ("schema-local-time", 13, "The value '2026-11-28T09:00:00' is not accepted by the pattern '[^Z]*Z'"),
        ("schema-blank-quote", 16, "element 'exact': [facet 'minLength'] The value has a length of '0'"),
        ("schema-tab-in-title", 4, "element 'title': [facet 'pattern'] The value 'Committee vote' is not accepted"),
        ("schema-wrong-namespace", 2, "No matching global declaration available for the validation root"),
        ("schema-long-prefix", 34, "element 'prefix': [facet 'maxLength'] The value has a length of '53'"),
    ])
    func violationIsReportedWhereItIs(fixture: String, line: Int, message: String) throws {
        let path = Fixture.path("\(fixture).xml")
        let first = try #require(findings(path).first)
        #expect(first.file == path)
        #expect(first.line == line)
        #expect(first.column > 0)
        #expect(first.message.contains(message))
    }
}

@Suite struct SemanticViolations {
    @Test(arguments: [
        ("semantic-hash", 9, "article text does not match its sha256"),
        ("semantic-quote", 33, "claim c2: quote does not match the text at 78-108: the quote has '…e countries withdrew' where the text has '…e countries abstained'"),
        ("semantic-offset-past-end", 33, "claim c2: anchor end 140 is past the end of the text (130 characters)"),
        ("semantic-start-after-end", 33, "claim c2: anchor start 108 is not before end 78"),
        ("semantic-prefix", 33, "claim c2: prefix does not match the text before offset 78"),
        ("semantic-suffix", 33, "claim c2: suffix does not match the text after offset 108"),
        ("semantic-status-history", 45, "claim c2 has status dismissed but its history leads to pending"),
        ("semantic-verified-no-verdict", 13, "claim c1 is verified but has no verdict"),
        ("semantic-verified-no-source", 13, "claim c1 is verified but cites no source"),
        ("semantic-rating-status", 20, "claim c1 is verified but its rating is misleading; verified takes accurate or mostly-accurate"),
        ("semantic-in-review-no-assignee", 13, "claim c1 is in-review but has no assignee"),
        ("semantic-history-order", 29, "claim c1: history is out of time order (2026-11-28T10:00:00Z comes after 2026-11-28T10:30:00Z)"),
        ("semantic-history-chain", 29, "claim c1: history event mark leads from dismissed to verified, which the workflow does not allow"),
        ("semantic-duplicate-claim-id", 32, "claim c1 is defined twice (first at line 13)"),
        ("semantic-first-event", 45, "claim c2: the first history event must be 'create' with no from-status"),
    ])
    func ruleIsReportedWhereItIs(fixture: String, line: Int, message: String) throws {
        let all = findings(Fixture.path("\(fixture).xml"))
        #expect(all.count == 1)
        let first = try #require(all.first)
        #expect(first.line == line)
        #expect(first.column > 0)
        #expect(first.message == message || first.message.hasPrefix(message))
    }

    @Test func fileNameMustMatchTheArticleID() throws {
        let first = try #require(findings(Fixture.path("named/other-name.factcheck.xml")).first)
        #expect(first.message == "article id 'base' does not match the file name 'other-name.factcheck.xml'")
    }

    /// Streaming validation cannot catch duplicate ids, so the semantic rules must.
    @Test func duplicateClaimIDs() throws {
        var document = try DocumentLoader.load(path: Fixture.path("valid.xml")).document
        document.claims[1].id = "c1"
        let messages = SemanticRules.check(document, path: "dup.xml").map(\.message)
        #expect(messages.contains { $0.hasPrefix("claim c1 is defined twice") })

        // Ids of other forms (which the schema refuses) are compared as they are.
        document.claims[0].id = "c01"
        #expect(SemanticRules.check(document, path: "dup.xml").allSatisfy { !$0.message.contains("defined twice") })
        document.claims[1].id = "c01"
        #expect(SemanticRules.check(document, path: "dup.xml").contains { $0.message.hasPrefix("claim c01 is defined twice") })
    }

    @Test func carriageReturnsInTheText() throws {
        var document = try DocumentLoader.load(path: Fixture.path("valid.xml")).document
        document.article.text += "\r\n"
        let messages = SemanticRules.check(document, path: "cr.xml").map(\.message)
        #expect(messages.contains("article text contains a carriage return; normalized text uses line feeds only"))
    }
}
