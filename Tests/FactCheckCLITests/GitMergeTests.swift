import FactCheckKit
import Foundation
import TestSupport
import Testing

private func claims(_ team: GitTeam, _ clone: String) throws -> [String: Claim] {
    let loaded = try DocumentLoader.load(path: team.path(clone) + "/nk-icc.factcheck.xml")
    return Dictionary(uniqueKeysWithValues: loaded.document.claims.map { ($0.id, $0) })
}

/// Ordinary teamwork merged by real `git pull`, which runs `factcheck merge-file`.
@Suite struct GitMerges {
    @Test func initSetsUpTheDriverInEachClone() throws {
        let team = try GitTeam()
        let attributes = try String(contentsOfFile: team.path("a") + "/.gitattributes", encoding: .utf8)
        #expect(attributes.contains("*.factcheck.xml merge=factcheck"))
        let driver = try team.git(in: team.path("a"), "config", "merge.factcheck.driver").stdout
        #expect(driver.hasSuffix(" merge-file %O %A %B %P\n"))
        #expect(driver.hasPrefix("/"))
    }

    @Test func twoNotesOnOneClaimBothStay() throws {
        let team = try GitTeam()
        try #require(team.run("a", "note", "nk-icc:c12", "Ann's note").status == 0)
        try team.commit("a")
        try #require(team.run("b", "note", "nk-icc:c12", "Ben's note").status == 0)
        try team.commit("b")
        let merged = try team.merge(into: "b", from: "a")
        #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
        let claim = try #require(try claims(team, "b")["c12"])
        #expect(Set(claim.notes.map(\.text)) == ["Ann's note", "Ben's note"])
        #expect(claim.history.filter { $0.action == .note }.count == 2)
        #expect(try team.run("b", "validate", ".").status == 0)
        #expect(try team.gitResult(in: team.path("b"), ["status", "--porcelain"]).stdout.isEmpty)
        // Merged the other way round, the document is the same.
        let other = try team.merge(into: "a", from: "b")
        #expect(other.status == 0)
        #expect(try team.document("a") == team.document("b"))
    }

    @Test func claimsNumberedAlikeAreRenumberedAndTheSameClaimBecomesOne() throws {
        let team = try GitTeam()
        try #require(team.run("a", "add", "nk-icc", "--quote", "Kim Jong Un").status == 0)  // c14
        try #require(team.run("a", "add", "nk-icc", "--quote", "North Korea", "--occurrence", "1").status == 0)  // c15
        try team.commit("a")
        try #require(team.run("b", "add", "nk-icc", "--quote", "North Korea", "--occurrence", "1").status == 0)  // c14
        try #require(team.run("b", "add", "nk-icc", "--quote", "International Criminal Court", "--occurrence", "1").status == 0)  // c15
        try team.commit("b")
        let merged = try team.merge(into: "a", from: "b")
        #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
        #expect(merged.stderr.contains("nk-icc:c14 of theirs is nk-icc:c15: both sides added the same claim"))
        #expect(merged.stderr.contains("nk-icc:c15 of theirs is now nk-icc:c16 (both sides added a claim numbered c15)"))
        let found = try claims(team, "a")
        #expect(found["c14"]?.anchor.exact == "Kim Jong Un")
        #expect(found["c15"]?.anchor.exact == "North Korea")
        #expect(found["c16"]?.anchor.exact == "International Criminal Court")
        #expect(found.count == 16)
        #expect(try team.run("a", "validate", ".").status == 0)
    }

    @Test func changesToDifferentClaimsMergeCleanly() throws {
        let team = try GitTeam()
        try #require(team.run("a", "assign", "nk-icc:c12").status == 0)
        try team.commit("a")
        try #require(team.run("b", "dismiss", "nk-icc:c13", "--note", "not checkable").status == 0)
        try team.commit("b")
        let merged = try team.merge(into: "a", from: "b")
        #expect(merged.status == 0, "\(merged.stderr)")
        let found = try claims(team, "a")
        #expect(found["c12"]?.status == .inReview)
        #expect(found["c13"]?.status == .dismissed)
    }

    @Test func aMarkAgainstADismissalIsAConflictToResolve() throws {
        let team = try GitTeam()
        try #require(team.run(
            "a", "mark", "nk-icc:c13", "verified", "--rating", "accurate", "--source", "https://example.org/s",
            "--note", "Ann's verdict").status == 0)
        try team.commit("a")
        try #require(team.run("b", "dismiss", "nk-icc:c13", "--note", "Ben: not a claim").status == 0)
        try team.commit("b")
        let merged = try team.merge(into: "b", from: "a")
        #expect(merged.status != 0)
        #expect(merged.stderr.contains(
            "CONFLICT (verdict): nk-icc:c13: ours dismissed by Ben Example, theirs verified (accurate) by Ann Example"))
        // The merged file is a valid document that records the conflict, and publishes nothing for the claim.
        #expect(try team.run("b", "validate", ".").status == 0)
        let listed = try team.run("b", "list", "--conflicts")
        #expect(listed.stdout.contains("nk-icc:c13  in-review"))
        #expect(listed.stdout.split(separator: "\n").count == 3 && listed.stdout.hasSuffix("\n1 claim\n"))
        let shown = try team.run("b", "show", "nk-icc:c13").stdout
        #expect(shown.contains("ours    dismissed, by Ben Example"))
        #expect(shown.contains("theirs  verified: accurate (5/5), by Ann Example"))
        #expect(!shown.contains("Verdict:"))
        #expect(!(try team.run("b", "export", "nk-icc", "--format", "web-annotation").stdout.contains("Ann's verdict")))

        let resolved = try team.run("b", "resolve", "nk-icc:c13", "--take", "theirs")
        #expect(resolved.status == 0, "\(resolved.stderr)")
        let claim = try #require(try claims(team, "b")["c13"])
        #expect(claim.status == .verified)
        #expect(claim.verdict?.summary == "Ann's verdict")
        #expect(claim.conflict == nil)
        #expect(claim.history.map(\.action).suffix(2) == [.conflict, .resolve])
        try team.commit("b", "resolved c13")
        #expect(try team.run("b", "list", "--conflicts").stdout.split(separator: "\n").count <= 1)
        // Merged back, the resolution stands.
        let back = try team.merge(into: "a", from: "b")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try claims(team, "a")["c13"]?.status == .verified)
    }

    @Test func twoVerdictsConflictAndANewMarkSettlesIt() throws {
        let team = try GitTeam()
        try #require(team.run(
            "a", "mark", "nk-icc:c12", "disputed", "--rating", "misleading", "--source", "https://example.org/a").status == 0)
        try team.commit("a")
        try #require(team.run(
            "b", "mark", "nk-icc:c12", "verified", "--rating", "accurate", "--source", "https://example.org/b").status == 0)
        try team.commit("b")
        let merged = try team.merge(into: "a", from: "b")
        #expect(merged.status != 0)
        #expect(merged.stderr.contains("CONFLICT (verdict): nk-icc:c12"))
        let conflicted = try #require(try claims(team, "a")["c12"])
        #expect(Set(conflicted.sources.map(\.url)) == ["https://example.org/a", "https://example.org/b"])
        let marked = try team.run("a", "mark", "nk-icc:c12", "disputed", "--rating", "mixed", "--note", "Both half right.")
        #expect(marked.status == 0, "\(marked.stderr)")
        let claim = try #require(try claims(team, "a")["c12"])
        #expect(claim.conflict == nil)
        #expect(claim.verdict?.rating == .mixed)
        // Neither side's verdict is lost.
        #expect(Set(claim.superseded.map(\.verdict.rating)) == [.misleading, .accurate])
        #expect(try team.run("a", "validate", ".").status == 0)
    }

    @Test func differentArticleTextsAreLeftToGitAndValidateNamesTheMarkers() throws {
        let team = try GitTeam()
        let text = try String(contentsOfFile: FactCheckProcess.samples + "/un-panel-north-korea-icc.txt", encoding: .utf8)
        let one = try team.root.write("one.txt", text)
        let two = try team.root.write("two.txt", text.replacingOccurrences(of: "111", with: "112"))
        // The clones hold the sample already: the same article again, forced.
        try #require(team.run("a", "import", one, "--id", "same-id", "--no-extract", "--force").status == 0)
        try team.commit("a")
        try #require(team.run("b", "import", two, "--id", "same-id", "--no-extract", "--force").status == 0)
        try team.commit("b")
        let merged = try team.merge(into: "b", from: "a")
        #expect(merged.status != 0)
        #expect(merged.stderr.contains("same-id: not merged claim by claim: the two sides have different article texts"))
        let validated = try team.run("b", "validate", "same-id.factcheck.xml")
        #expect(validated.status == 1)
        let file = try String(contentsOfFile: team.path("b") + "/same-id.factcheck.xml", encoding: .utf8)
        let line = try #require(file.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("<<<<<<<") }) + 1
        #expect(validated.stderr.contains("same-id.factcheck.xml:\(line):1: error: unresolved merge conflict markers at line \(line)"))
    }
}

@Suite struct WorkspaceFromASubfolder {
    @Test func showAndListWorkFromBelowTheTop() throws {
        let team = try GitTeam()
        let below = team.path("a") + "/notes/drafts"
        try FileManager.default.createDirectory(atPath: below, withIntermediateDirectories: true)
        let shown = try FactCheckProcess.run(["show", "nk-icc:c3"], in: below, environment: ["NO_COLOR": "1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let listed = try FactCheckProcess.run(["list"], in: below, environment: ["NO_COLOR": "1"])
        #expect(listed.stdout.contains("nk-icc:c12"))
    }
}

/// Random teamwork through the real tool and real git: each round, both reviewers run a few
/// random commands in their clones and commit, `git pull` merges one into the other (running the
/// driver), conflicts are resolved as a reviewer would, and the other clone catches up.
@Suite struct RandomGitTeamwork {
    private static let quotes = ["Kim Jong Un", "North Korea", "Security Council", "Japan", "China", "Russia"]

    private func randomCommand(_ claims: [Claim], clone: String, using random: inout SeededGenerator) -> [String] {
        let open = claims.filter { !$0.status.isReviewed && $0.status != .dismissed }
        let claim = (Bool.random(using: &random) ? open.randomElement(using: &random) : nil) ?? claims.randomElement(using: &random)!
        let ref = "nk-icc:\(claim.id)"
        let url = "https://example.org/\(clone)/\(Int.random(in: 0..<3, using: &random))"
        switch Int.random(in: 0..<12, using: &random) {
        case 0: return ["add", "nk-icc", "--quote", Self.quotes.randomElement(using: &random)!, "--occurrence", "1"]
        case 1: return ["assign", ref]
        case 2: return ["unassign", ref]
        case 3: return ["mark", ref, "verified", "--rating", "accurate", "--source", url, "--note", "\(clone) verified it"]
        case 4: return ["mark", ref, "disputed", "--rating", "misleading", "--source", url]
        case 5: return ["mark", ref, "unverifiable", "--note", "\(clone) cannot tell"]
        case 6: return ["dismiss", ref, "--note", "\(clone) dismisses"]
        case 7: return ["reopen", ref, "--note", "\(clone) reopens"]
        case 8: return ["source", "add", ref, url]
        case 9: return ["source", "remove", ref, claim.sources.randomElement(using: &random)?.url ?? url]
        case 10: return ["resolve", ref, "--take", Bool.random(using: &random) ? "ours" : "theirs"]
        default: return ["note", ref, "\(clone)'s note \(Int.random(in: 0..<1000, using: &random))"]
        }
    }

    private func load(_ team: GitTeam, _ clone: String) throws -> AnnotationDocument {
        try DocumentLoader.load(path: team.path(clone) + "/nk-icc.factcheck.xml").document
    }

    @Test func hundredRoundsOfTwoClonesMergeWithoutLoss() throws {
        let team = try GitTeam()
        var random = SeededGenerator(state: 20261204)
        var seen = (conflicts: 0, renumbered: 0)
        for round in 0..<100 {
            for clone in ["a", "b"] {
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let command = randomCommand(try load(team, clone).claims, clone: clone, using: &random)
                    let result = try team.run(clone, command)
                    // Refused steps are part of the game; nothing else may fail.
                    #expect(result.status == 0 || result.status == 1, "round \(round): \(command): \(result.stderr)")
                }
                try team.commit(clone, "round \(round) in \(clone)")
            }
            let ours = try load(team, "a")
            let theirs = try load(team, "b")
            let merged = try team.merge(into: "a", from: "b")
            let result = try load(team, "a")
            // git was told of a conflict exactly when a claim holds one.
            let conflicted = result.claims.filter { $0.conflict != nil }
            #expect((merged.status != 0) == !conflicted.isEmpty || result.claims.count == 0, "round \(round): \(merged.stderr)")
            if merged.stderr.contains("of theirs is now") { seen.renumbered += 1 }
            #expect(try team.run("a", "validate", ".").status == 0, "round \(round)")
            for side in [ours, theirs] {
                let byAnchor = Dictionary(result.claims.map { ("\($0.anchor.start)-\($0.anchor.end)", $0) }) { first, _ in first }
                for claim in side.claims {
                    let found = try #require(byAnchor["\(claim.anchor.start)-\(claim.anchor.end)"], "round \(round): \(claim.id) lost")
                    let events = Set(found.history.map(DocumentMerge.eventKey))
                    let lost = claim.history.filter { $0.action != .create && !events.contains(DocumentMerge.eventKey($0)) }
                    #expect(lost.isEmpty, "round \(round): \(claim.id) lost events")
                    #expect(claim.notes.allSatisfy(found.notes.contains), "round \(round): \(claim.id) lost notes")
                    let verdicts = [found.verdict].compactMap { $0 } + found.superseded.map(\.verdict)
                        + [found.conflict?.ours.verdict, found.conflict?.theirs.verdict].compactMap { $0 }
                    let kept = ([claim.verdict].compactMap { $0 } + claim.superseded.map(\.verdict)).allSatisfy(verdicts.contains)
                    #expect(kept, "round \(round): \(claim.id) lost a verdict")
                }
            }
            // Resolved as a reviewer would, then committed; the other clone catches up.
            for claim in conflicted {
                seen.conflicts += 1
                let take = Bool.random(using: &random) ? "ours" : "theirs"
                let resolved = try team.run("a", "resolve", "nk-icc:\(claim.id)", "--take", take)
                #expect(resolved.status == 0, "round \(round): \(resolved.stderr)")
            }
            try team.commit("a", "round \(round) merged")
            let caughtUp = try team.merge(into: "b", from: "a")
            #expect(caughtUp.status == 0, "round \(round): \(caughtUp.stderr)")
            #expect(try team.document("a") == team.document("b"), "round \(round)")
        }
        #expect(seen.conflicts > 0 && seen.renumbered > 0, "\(seen)")
        print("git rounds: \(seen)")
    }
}
