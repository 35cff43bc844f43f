import Foundation
import TestSupport
import Testing

@Suite struct SearchAndTheIndex {
    @Test func searchFindsQuotesSummariesAndNotes() throws {
        let desk = try Desk()
        let phrase = try desk.run("search", "\"Security Council\"")
        #expect(phrase.status == 0, "\(phrase.stderr)")
        #expect(phrase.stdout.hasPrefix("CLAIM"))
        #expect(phrase.stdout.contains("nk-icc:c12"))  // in its quote
        #expect(phrase.stdout.contains("nk-icc:c1 "))  // in its verdict's summary
        #expect(phrase.stdout.hasSuffix("claims found\n"))
        // Prefix queries, stemming and filters.
        let prefix = try desk.run("search", "abstain*", "--status", "disputed", "--json")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(prefix.stdout.utf8)) as? [[String: Any]])
        #expect(!hits.isEmpty && hits.allSatisfy { $0["status"] as? String == "disputed" })
        #expect(try desk.run("search", "nothing-like-this-anywhere").stdout == "no claim matches nothing-like-this-anywhere\n")
        // A query FTS5 cannot parse is searched as its words.
        #expect(try desk.run("search", "\"Security Council").status == 0)
        // Read cold, the same claims.
        let cold = try desk.run("search", "\"Security Council\"", "--no-index")
        #expect(cold.stdout == phrase.stdout)
    }

    @Test func theWarmListIsTheColdListAndFollowsEdits() throws {
        let desk = try Desk()
        for arguments in [["list"], ["list", "--all"], ["list", "--all", "--json"], ["list", "--status", "verified", "--rating", "accurate"]] {
            let cold = try desk.run(arguments + ["--no-index"])
            let building = try desk.run(arguments)
            let warm = try desk.run(arguments)
            #expect(building.stdout == cold.stdout && warm.stdout == cold.stdout, "\(arguments)")
            #expect(warm.status == cold.status)
        }
        #expect(FileManager.default.fileExists(atPath: desk.folder.file(".factcheck/index.sqlite")))
        // A change through the tool, then by hand.
        #expect(try desk.run("assign", "nk-icc:c12").status == 0)
        #expect(try desk.run("list").stdout.contains("nk-icc:c13") && !(try desk.run("list").stdout.contains("nk-icc:c12")))
        let text = try desk.document().replacingOccurrences(of: "<claim id=\"c13\" status=\"pending\"", with: "<claim id=\"c13\" status=\"bogus\"")
        try text.write(toFile: desk.documentPath, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let broken = try desk.run("list")
            #expect(broken.status == 1)
            #expect(broken.stderr.contains("nk-icc.factcheck.xml:"), "reported every time until fixed")
        }
    }

    @Test func aDamagedIndexIsRebuiltWithAWarning() throws {
        let desk = try Desk()
        let before = try desk.run("list", "--all")
        try String(repeating: "garbage ", count: 1000).write(
            toFile: desk.folder.file(".factcheck/index.sqlite"), atomically: true, encoding: .utf8)
        let after = try desk.run("list", "--all")
        #expect(after.status == 0)
        #expect(after.stdout == before.stdout)
        #expect(after.stderr.contains("warning: the index") && after.stderr.contains("rebuilding it"), "\(after.stderr)")
        // Deleting it loses nothing.
        try FileManager.default.removeItem(atPath: desk.folder.file(".factcheck"))
        #expect(try desk.run("list", "--all").stdout == before.stdout)
    }

    @Test func aDocumentReplacedByGitCheckoutIsReadAgain() throws {
        let team = try GitTeam()
        try #require(team.run("a", "dismiss", "nk-icc:c12", "--note", "not a claim").status == 0)
        try team.commit("a", "dismissed")
        #expect(!(try team.run("a", "list").stdout.contains("nk-icc:c12")))
        try team.git(in: team.path("a"), "checkout", "HEAD~1", "--", "nk-icc.factcheck.xml")
        #expect(try team.run("a", "list").stdout.contains("nk-icc:c12"))
    }

    @Test func concurrentReadersAndWritersNeverSeeAHalfIndex() throws {
        let desk = try Desk()
        _ = try desk.run("list")
        let failures = LockedCount()
        let folder = desk.folder.path
        let environment = ["FACTCHECK_REVIEWER": desk.reviewer, "NO_COLOR": "1"]
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<4 {
                let arguments = worker == 0
                    ? ["note", "nk-icc:c\(round + 1)", "note \(round)"]
                    : worker % 2 == 0 ? ["list", "--all"] : ["search", "Kim"]
                let result = try? FactCheckProcess.run(arguments, in: folder, environment: environment)
                if result?.status != 0 { failures.add() }
            }
        }
        #expect(failures.value == 0)
        #expect(try desk.run("search", "note").stdout.contains("4 claims found"))
    }
}

private final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
