import Foundation
import TestSupport
import Testing

/// A desk with the sample and a second, scored document (`base`, from the core tests' fixtures).
private func twoDocumentDesk() throws -> Desk {
    let desk = try Desk()
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FactCheckKitTests/Fixtures/valid.xml")
    try desk.folder.write("more/base.factcheck.xml", try String(contentsOf: fixture, encoding: .utf8))
    return desk
}

private func json(_ result: RunResult) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
}

@Suite struct ReadingCommands {
    @Test func listShowsPendingClaimsBestFirst() throws {
        let desk = try twoDocumentDesk()
        let result = try desk.run("list")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("CLAIM       STATUS   SCORE  RATING  ASSIGNEE  QUOTE"))
        #expect(lines[1].hasPrefix("base:c2     pending  0.62   -       -         Fifty-five countries abstained"))
        #expect(lines[2].hasPrefix("nk-icc:c12  pending  -"))
        #expect(lines[3].hasPrefix("nk-icc:c13  pending  -"))
        #expect(lines[4] == "3 claims", "the count under the table")
        // The same from the index and read cold.
        #expect(try desk.run("list", "--no-index").stdout == result.stdout)
    }

    @Test func listJSONShapeAndFilters() throws {
        let desk = try twoDocumentDesk()
        let rows = try #require(try json(desk.run("list", "--json")) as? [[String: Any]])
        #expect(rows.count == 3)
        let first = rows[0]
        #expect(Set(first.keys) == ["ref", "document", "claim", "status", "score", "quote", "path"])
        #expect(first["ref"] as? String == "base:c2")
        #expect(first["score"] as? Double == 0.62)
        #expect(first["path"] as? String == "more/base.factcheck.xml")

        let disputed = try #require(try json(desk.run("list", "--json", "--status", "disputed")) as? [[String: Any]])
        #expect(disputed.map { $0["ref"] as? String } == ["nk-icc:c1", "nk-icc:c3", "nk-icc:c7", "nk-icc:c8"])
        #expect(disputed.allSatisfy { $0["rating"] != nil && $0["assignee"] as? String == "Sample Reviewer" })

        let mixed = try #require(try json(desk.run("list", "--json", "--all", "--rating", "mixed")) as? [[String: Any]])
        #expect(mixed.map { $0["ref"] as? String } == ["nk-icc:c3", "nk-icc:c8"])

        let byDoc = try #require(try json(desk.run("list", "--json", "--all", "--doc", "base")) as? [[String: Any]])
        #expect(byDoc.map { $0["ref"] as? String } == ["base:c2", "base:c1"])

        let byAssignee = try #require(try json(desk.run("list", "--json", "--all", "--assignee", "Alex Example")) as? [[String: Any]])
        #expect(byAssignee.map { $0["ref"] as? String } == ["base:c1"])

        let none = try desk.run("list", "--status", "in-review")
        #expect(none.stdout == "no in-review claims\n")
    }

    @Test func listInAnEmptyWorkspaceSaysHowToStart() throws {
        let folder = TemporaryDirectory()
        let result = try FactCheckProcess.run(["list"], in: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout == "no annotation documents (*.factcheck.xml) in .; add one with: factcheck import ARTICLE\n")
    }

    @Test func listReportsBrokenDocumentsAndGoesOn() throws {
        let desk = try twoDocumentDesk()
        try desk.folder.write("broken.factcheck.xml", "<factcheck>")
        let result = try desk.run("list", "--json")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("broken.factcheck.xml:1:"))
        #expect(try #require(try json(result) as? [[String: Any]]).count == 3)
    }

    @Test func showJSONHasEverything() throws {
        let desk = try Desk()
        let claim = try #require(try json(desk.run("show", "nk-icc:c3", "--json")) as? [String: Any])
        #expect(Set(claim.keys) == [
            "ref", "document", "claim", "path", "status", "created", "anchor", "topics", "assignee", "verdict",
            "superseded", "sources", "notes", "history",
        ])
        let anchor = try #require(claim["anchor"] as? [String: Any])
        #expect(anchor["exact"] as? String == "China and Russia are both veto-wielding members of the UN and are among the 19 countries that opposed the move while 55 others withdrew.")
        let verdict = try #require(claim["verdict"] as? [String: Any])
        #expect(verdict["rating"] as? String == "mixed")
        #expect(verdict["ratingValue"] as? Int == 3)
        let sources = try #require(claim["sources"] as? [[String: Any]])
        #expect(sources.first?["url"] as? String == "https://www.upi.com/Top_News/World-News/2014/11/19/UN-human-rights-committee-resolution-on-North-Korea-passes-with-overwhelming-support/9391416407355/")
        #expect(sources.first?["relation"] as? String == "refutes")
    }

    @Test func showAndHistoryForPeople() throws {
        let desk = try Desk()
        let show = try desk.run("show", "nk-icc:c11")
        #expect(show.status == 0)
        #expect(show.stdout.hasPrefix("nk-icc:c11  unverifiable\n  “According to the Human Rights Watch senior counsel Parem-Preet Singh"))
        #expect(show.stdout.contains("Sources:\n  context   https://www.hrw.org/news/2014/11/18/north-korea-un-condemns-crimes-against-humanity\n"))
        let history = try desk.run("history", "nk-icc:c11")
        #expect(history.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(3).joined(separator: " ") } == [
            "TIME ACTOR ACTION", "2026-11-27T09:00:00Z factcheck create", "2026-11-27T10:30:00Z Sample Reviewer",
            "2026-11-27T10:32:00Z Sample Reviewer",
        ])
        let events = try #require(try json(desk.run("history", "nk-icc:c11", "--json")) as? [[String: Any]])
        #expect(events.map { $0["action"] as? String } == ["create", "assign", "mark"])
        #expect(events[0]["from"] == nil)
        #expect(events[2]["to"] as? String == "unverifiable")
    }

    @Test func statsCountByStatusRatingAndReviewer() throws {
        let desk = try twoDocumentDesk()
        let stats = try #require(try json(desk.run("stats", "--json")) as? [String: Any])
        #expect(stats["documents"] as? Int == 2)
        #expect(stats["claims"] as? Int == 15)
        #expect(stats["byStatus"] as? [String: Int] == [
            "pending": 3, "in-review": 0, "verified": 7, "disputed": 4, "unverifiable": 1, "dismissed": 0,
        ])
        #expect(stats["byRating"] as? [String: Int] == [
            "accurate": 5, "mostly-accurate": 2, "mixed": 2, "misleading": 1, "inaccurate": 1,
        ])
        #expect(stats["byReviewer"] as? [String: Int] == ["Sample Reviewer": 10, "Alex Example": 1])
        let text = try desk.run("stats")
        #expect(text.stdout.hasPrefix("15 claims in 2 documents\n"))
    }
}

@Suite struct LargeDocuments {
    /// The sample grown past the streaming threshold by a long caption.
    private func largeDesk() throws -> Desk {
        let desk = try Desk()
        let caption = "<caption>" + String(repeating: "A long synthetic caption. ", count: 200_000) + "</caption>\n    <text "
        try desk.folder.write("nk-icc.factcheck.xml", try desk.document().replacingOccurrences(of: "<text ", with: caption))
        return desk
    }

    @Test func aLargeDocumentIsStreamedWithTheSameResults() throws {
        let desk = try largeDesk()
        #expect(try FileManager.default.attributesOfItem(atPath: desk.documentPath)[.size] as? Int ?? 0 > 4 * 1024 * 1024)
        let list = try desk.run("list", "--all", "--json")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]).count == 13)
        #expect(try desk.run("validate").stdout == "1 document checked: 1 valid\n")
        #expect(try desk.run("stats", "--json").status == 0)
    }

    @Test func aLargeHostileDocumentIsRefusedAndNothingElseIsPrinted() throws {
        let desk = try largeDesk()
        let text = try desk.document().replacingOccurrences(
            of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE factcheck [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n")
        try desk.folder.write("nk-icc.factcheck.xml", text)
        let result = try desk.run("validate")
        #expect(result.status == 1)
        #expect(result.stderr == "nk-icc.factcheck.xml: error: document has a DOCTYPE; DTDs and entity declarations are refused\n".replacingOccurrences(of: "xml: error", with: "xml:2:1: error"))
        let broken = try desk.document().replacingOccurrences(of: "<claim id=\"c5\"", with: "<claim id=\"c5\" status=\"x\"")
        try desk.folder.write("nk-icc.factcheck.xml", broken)
        let malformed = try desk.run("list")
        #expect(malformed.status == 1)
        #expect(malformed.stderr.hasPrefix("nk-icc.factcheck.xml:"))
        #expect(malformed.stderr.contains("error: "))
        #expect(!malformed.stderr.contains("parser error"))
    }
}

@Suite struct UnknownCommands {
    @Test func aMistypedCommandSuggestsTheNearest() throws {
        let folder = TemporaryDirectory()
        let result = try FactCheckProcess.run(["lst", "--all"], in: folder.path)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            Error: unknown command 'lst'; did you mean 'list'?
            Usage: factcheck <subcommand>
              See 'factcheck --help' for more information.

            """)
        let far = try FactCheckProcess.run(["frobnicate"], in: folder.path)
        #expect(far.status == 64)
        #expect(far.stderr.hasPrefix("Error: unknown command 'frobnicate'; the commands are init, import, extract, add, list,"))
        // Real commands, help and options are the argument parser's as before.
        #expect(try FactCheckProcess.run(["help", "list"], in: folder.path).stdout.hasPrefix("OVERVIEW: List claims"))
        #expect(try FactCheckProcess.run(["--version"], in: folder.path).stdout == "0.1.0\n")
    }
}

@Suite struct HelpExamples {
    /// Every command's help ends its discussion with two or more examples, each on one line of an
    /// 80-column screen (none wrapped).
    @Test func everyCommandHasExamples() throws {
        let folder = TemporaryDirectory()
        let top = try FactCheckProcess.run(["--help"], in: folder.path).stdout
        let commands = top.components(separatedBy: "SUBCOMMANDS:")[1].split(separator: "\n")
            .filter { $0.hasPrefix("  ") && $0.dropFirst(2).first?.isLetter == true && !$0.hasPrefix("  See ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(commands.count >= 20)
        for command in commands + ["source add", "source remove"] {
            let help = try FactCheckProcess.run(["help"] + command.split(separator: " ").map(String.init), in: folder.path).stdout
            let section = help.components(separatedBy: "Examples:\n").dropFirst().first ?? ""
            let lines = (section.components(separatedBy: "\n\n").first ?? "").split(separator: "\n")
            #expect(lines.count >= 2, "\(command): \(help)")
            #expect(lines.allSatisfy { $0.hasPrefix("  factcheck ") }, "\(command): a wrapped example: \(lines)")
        }
    }
}
