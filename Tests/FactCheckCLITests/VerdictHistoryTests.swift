import FactCheckKit
import Foundation
import TestSupport
import Testing

private func publishingDesk() throws -> Desk {
    try Desk.publishing()
}

private let formats = ["annotated-xml", "claimreview", "web-annotation", "html"]

/// Whether an export publishes `summary` as a verdict's: the annotated XML also carries the
/// claim's history, where a mark's summary stays on the record.
private func publishes(_ summary: String, _ exported: String, format: String) -> Bool {
    format == "annotated-xml" ? exported.contains("<summary>\(summary)</summary>") : exported.contains(summary)
}

private func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
}

/// The `list --all --json` row of `ref`.
private func row(_ ref: String, in desk: Desk) throws -> [String: Any] {
    let listed = try desk.run("list", "--all", "--json")
    #expect(listed.status == 0, "\(listed.stderr)")
    let rows = try #require(try json(listed.stdout) as? [[String: Any]])
    return try #require(rows.first { $0["ref"] as? String == ref })
}

@Suite struct VerdictLifecycle {
    /// PRODUCT.md's verdict rules, end to end: a reopened claim publishes nothing until it is
    /// marked again, and no verdict is ever deleted.
    @Test func aReopenedVerdictIsKeptButNeverPublished() throws {
        let desk = try publishingDesk()
        let statsBefore = try desk.run("stats", "--json").stdout
        try #require(desk.run("assign", "nk-icc:c12").status == 0)
        let marked = try desk.run(
            "mark", "nk-icc:c12", "disputed", "--rating", "misleading", "--source", "https://example.org/a",
            "--note", "First summary, synthetic.")
        #expect(marked.status == 0, "\(marked.stderr)")
        for format in formats {
            #expect(publishes("First summary, synthetic.", try desk.run("export", "nk-icc", "--format", format).stdout, format: format), "\(format)")
        }
        #expect(try desk.run("reopen", "nk-icc:c12", "--note", "marked the wrong claim").status == 0)
        #expect(try desk.run("unassign", "nk-icc:c12").status == 0)

        // Pending again: no rating listed, counted or published.
        let listed = try row("nk-icc:c12", in: desk)
        #expect(listed["status"] as? String == "pending")
        #expect(listed["rating"] == nil)
        #expect(try desk.run("stats", "--json").stdout == statsBefore)
        for format in formats {
            let exported = try desk.run("export", "nk-icc", "--format", format)
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(!publishes("First summary, synthetic.", exported.stdout, format: format), "\(format) publishes a superseded verdict")
        }
        // Kept: in the document, in show and in history.
        #expect(try desk.document().contains("First summary, synthetic."))
        let shown = try desk.run("show", "nk-icc:c12").stdout
        #expect(shown.contains("Superseded verdicts:"))
        #expect(shown.contains("misleading (2/5), by Alex Example"))
        #expect(shown.contains("First summary, synthetic."))
        #expect(!shown.contains("Verdict:"))
        let history = try #require(try json(desk.run("history", "nk-icc:c12", "--json").stdout) as? [[String: Any]])
        let mark = try #require(history.first { $0["action"] as? String == "mark" })
        #expect(mark["rating"] as? String == "misleading")
        #expect(mark["note"] as? String == "First summary, synthetic.")
        #expect(mark["sources"] as? [String] == ["https://example.org/a"])

        // Marked again: the new verdict is published, the first one still kept.
        let again = try desk.run(
            "mark", "nk-icc:c12", "disputed", "--rating", "inaccurate", "--note", "Second summary, synthetic.")
        #expect(again.status == 0, "\(again.stderr)")
        let document = try desk.document()
        #expect(document.contains("First summary, synthetic.") && document.contains("Second summary, synthetic."))
        for format in formats {
            let exported = try desk.run("export", "nk-icc", "--format", format).stdout
            #expect(publishes("Second summary, synthetic.", exported, format: format), "\(format)")
            #expect(!publishes("First summary, synthetic.", exported, format: format), "\(format)")
        }
        #expect(try row("nk-icc:c12", in: desk)["rating"] as? String == "inaccurate")
        #expect(try desk.run("validate", ".").status == 0)
    }

    @Test func reopenKeepsTheAssigneeUnlessToldOtherwise() throws {
        let desk = try publishingDesk()
        try #require(desk.run("assign", "nk-icc:c12", "--to", "Sam Example").status == 0)
        try #require(desk.run(
            "mark", "nk-icc:c12", "verified", "--rating", "accurate", "--source", "https://example.org/b").status == 0)
        let reopened = try desk.run("reopen", "nk-icc:c12", "--note", "new evidence")
        #expect(reopened.status == 0, "\(reopened.stderr)")
        #expect(try row("nk-icc:c12", in: desk)["assignee"] as? String == "Sam Example")
        try #require(desk.run(
            "mark", "nk-icc:c12", "verified", "--rating", "accurate", "--source", "https://example.org/b").status == 0)
        #expect(try desk.run("reopen", "nk-icc:c12", "--note", "again", "--to", "Kim Example").status == 0)
        #expect(try row("nk-icc:c12", in: desk)["assignee"] as? String == "Kim Example")
    }

    @Test func aSourceIsCitedOnceAndRemovedOnTheRecord() throws {
        let desk = try publishingDesk()
        let url = "https://example.org/source-1"
        #expect(try desk.run("source", "add", "nk-icc:c12", url).status == 0)
        let twice = try desk.run("source", "add", "nk-icc:c12", url)
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already cites \(url); nothing changed"))
        // Cited again by a mark: still once.
        try #require(desk.run("assign", "nk-icc:c12").status == 0)
        try #require(desk.run("mark", "nk-icc:c12", "verified", "--rating", "accurate", "--source", url).status == 0)
        #expect(try desk.document().components(separatedBy: "<source url=\"\(url)\"").count == 2)
        // The only source of a verified claim stays.
        let only = try desk.run("source", "remove", "nk-icc:c12", url)
        #expect(only.status == 1)
        #expect(only.stderr.contains("it is verified"))
        try #require(desk.run("reopen", "nk-icc:c12", "--note", "check the source").status == 0)
        let removed = try desk.run("source", "remove", "nk-icc:c12", url)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!(try desk.document().contains("<source url=\"\(url)\"")))
        let history = try #require(try json(desk.run("history", "nk-icc:c12", "--json").stdout) as? [[String: Any]])
        #expect(history.last?["action"] as? String == "remove-source")
        #expect(history.last?["sources"] as? [String] == [url])
        let unknown = try desk.run("source", "remove", "nk-icc:c12", "https://example.org/never")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("claim c12 does not cite https://example.org/never (it cites no source)"))
        #expect(try desk.run("validate", ".").status == 0)
    }

    /// A document written before verdict history: a reopened claim kept its verdict in place.
    @Test func theOldShapeReadsWithTheVerdictSuperseded() throws {
        let desk = try publishingDesk()
        var document = try desk.document()
        let marked = #"<event time="2026-11-27T10:02:00Z" actor="Sample Reviewer" action="mark" from="in-review" to="disputed"/>"#
        let start = try #require(document.range(of: #"<claim id="c1" status="disputed""#))
        let event = try #require(document.range(of: marked, range: start.upperBound..<document.endIndex))
        document.replaceSubrange(
            event,
            with: marked + "\n" + #"      <event time="2026-11-28T08:00:00Z" actor="Old Reviewer" action="reopen" from="disputed" to="in-review">rechecking</event>"#)
        document = document.replacingOccurrences(of: #"<claim id="c1" status="disputed""#, with: #"<claim id="c1" status="in-review""#)
        try document.write(toFile: desk.documentPath, atomically: true, encoding: .utf8)

        let validated = try desk.run("validate", ".")
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(try row("nk-icc:c1", in: desk)["rating"] == nil)
        let shown = try desk.run("show", "nk-icc:c1").stdout
        #expect(shown.contains("misleading (2/5), by Sample Reviewer at 2026-11-27T10:02:00Z; set aside by Old Reviewer at 2026-11-28T08:00:00Z"))
        for format in formats {
            let exported = try desk.run("export", "nk-icc", "--format", format).stdout
            // The old mark event has no summary: the verdict held the only copy.
            #expect(!exported.contains("The Third Committee did vote"), "\(format)")
        }
        // The next write stores the new shape.
        #expect(try desk.run("note", "nk-icc:c1", "looked again").status == 0)
        let rewritten = try desk.document()
        #expect(rewritten.contains(#"<superseded rating="misleading" reviewer="Sample Reviewer" time="2026-11-27T10:02:00Z" by="Old Reviewer" at="2026-11-28T08:00:00Z">"#))
        #expect(try desk.run("validate", ".").status == 0)
    }
}

@Suite struct AssigneeHabits {
    @Test func assignToSaysWhoAndMeIsTheReviewer() throws {
        let desk = try Desk()
        let given = try desk.run("assign", "nk-icc:c12", "--to", "Sam Example")
        #expect(given.stdout == "nk-icc:c12: pending → in-review (assign by Alex Example, to Sam Example)\n")
        #expect(try desk.run("assign", "nk-icc:c13").stdout == "nk-icc:c13: pending → in-review (assign by Alex Example)\n")
        let mine = try desk.run("list", "--status", "in-review", "--assignee", "me", "--json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["ref"] as? String } == ["nk-icc:c13"])
        let searched = try desk.run("search", "Kim", "--assignee", "me", "--json")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(searched.stdout.utf8)) as? [[String: Any]])
        #expect(hits.allSatisfy { $0["assignee"] as? String == "Alex Example" })
        // An assignee no claim has: said, with the nearest name some claim has.
        let typo = try desk.run("list", "--assignee", "Sam Exmple")
        #expect(typo.status == 0 && typo.stdout == "no pending claims\n")
        #expect(typo.stderr == "factcheck: warning: no claim is assigned to 'Sam Exmple'; did you mean 'Sam Example'?\n", "\(typo.stderr)")
        let cold = try desk.run("list", "--assignee", "Sam Exmple", "--no-index")
        #expect(cold.stderr == typo.stderr)
        #expect(try desk.run("search", "Kim", "--assignee", "Sam Exmple").stderr == typo.stderr)
        // Known but with nothing in this filter: no warning.
        #expect(try desk.run("list", "--assignee", "Sam Example").stderr.isEmpty)
        let nobody = try FactCheckProcess.run(["list", "--assignee", "me"], in: desk.folder.path)
        #expect(nobody.status == 64)
        #expect(nobody.stderr.contains("--assignee me: no reviewer identity"))
        // An error from the command's run ends with that command's usage, not the top level's.
        #expect(nobody.stderr.contains("\nUsage: factcheck list [<options>] [<paths> ...]"), "\(nobody.stderr)")
        #expect(nobody.stderr.hasSuffix("  See 'factcheck list --help' for more information.\n"))
    }
}
