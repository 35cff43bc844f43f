import Foundation
import TestSupport
import Testing

@Suite struct SimilarAndMatch {
    /// Another desk's checks (the sample's own ClaimReview export) are matched and searched, and
    /// `show` and `import` say what was checked before.
    @Test func checkedBeforeIsSaidByShowAndImport() throws {
        let desk = try Desk()
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/nk-icc.claimreview.json")
        #expect(try desk.run("import-claimreview", golden.path).status == 0)
        // show reads the index as last brought up to date: no postings yet, no mention.
        #expect(!(try desk.run("show", "nk-icc:c1").stdout.contains("checked before?")))
        let similar = try desk.run("similar", "nk-icc:c1", "--json")
        let matches = try #require(try JSONSerialization.jsonObject(with: Data(similar.stdout.utf8)) as? [[String: Any]])
        #expect(matches.first?["ref"] as? String == "https://example.org/checks/nk-icc/c1")
        #expect(matches.first?["publisher"] as? String == "Example Fact Desk")
        #expect((matches.first?["strength"] as? Double ?? 0) > 0.8)
        let shown = try desk.run("show", "nk-icc:c1")
        #expect(shown.stdout.contains("  checked before? https://example.org/checks/nk-icc/c1 archived, misleading, 0.88\n"), "\(shown.stdout)")
        // A claim that matches nothing strongly is not mentioned.
        #expect(!(try desk.run("show", "nk-icc:c13").stdout.contains("checked before?")))
        // search lists the archive's checks after the workspace's claims, unless filtered to this desk's.
        let search = try desk.run("search", "veto")
        #expect(search.stdout.contains("CHECKED BY") && search.stdout.contains("Example Fact Desk"), "\(search.stdout)")
        #expect(!(try desk.run("search", "veto", "--status", "disputed").stdout.contains("CHECKED BY")))
        // The same article imported again: its proposed claims were checked before.
        let imported = try desk.run("import", FactCheckProcess.samples + "/un-panel-north-korea-icc.html", "--id", "nk-again", "--force")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("  nk-again:c3 checked before? nk-icc:c3 disputed, 1.00\n"), "\(imported.stdout)")
    }

    @Test func similarFindsTheSamplesReviewedClaimsAndLeavesOutItself() throws {
        let desk = try Desk()
        let result = try desk.run("similar", "nk-icc:c12", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let matches = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(matches.count == 5)
        // c12 is about the Security Council; c1's verdict names it twice.
        #expect(matches.first?["ref"] as? String == "nk-icc:c1")
        #expect(!matches.contains { $0["ref"] as? String == "nk-icc:c12" })
        let scores = matches.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        // Only reviewed claims are candidates.
        #expect(matches.allSatisfy { ["verified", "disputed", "unverifiable"].contains($0["status"] as? String ?? "") })
    }

    @Test func similarTextExplainsItsScore() throws {
        let desk = try Desk()
        let result = try desk.run("similar", "--text", "Matthew Miller and Kenneth Bae were freed", "--limit", "1", "--explain")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nk-icc:c6"))
        #expect(result.stdout.contains("miller (claim 1×"))
        let none = try desk.run("similar", "--text", "zzz qqq")
        #expect(none.stdout.hasPrefix("no reviewed claim shares a word with it"))
        let both = try desk.run("similar", "nk-icc:c12", "--text", "x")
        #expect(both.status == 64)
    }

    @Test func matchWritesRankingsForATable() throws {
        let folder = TemporaryDirectory()
        let archive = try folder.write("checks.tsv", "\tvclaim\ttitle\n7\tKoalas are functionally extinct.\tKoalas extinct?\n8\tThe Fyre Festival was a fraud.\tFyre fraud\n")
        let queries = try folder.write("queries.tsv", "\ttweet_content\nq1\t#FyreFestival is a fraud\nq2\tkoalas are extinct, and the Fyre festival was bad\n")
        let result = try FactCheckProcess.run(["match", queries, "--archive", archive], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.map { [$0[0], $0[1], $0[2], $0[3]] } == [["q1", "0", "8", "1"], ["q2", "0", "7", "1"], ["q2", "0", "8", "2"]])
        let broken = try folder.write("broken.tsv", "q1 without a tab\n")
        let refused = try FactCheckProcess.run(["match", broken, "--archive", archive], in: folder.path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("broken.tsv:1:1: error: expected id<TAB>text"))
    }
}
