import Foundation
import TestSupport
import Testing

/// The commands of the workflow, each as a user types it for claim c12 (pending in the sample).
private let commands: [String: [String]] = [
    "assign": ["assign", "nk-icc:c12"],
    "unassign": ["unassign", "nk-icc:c12"],
    "mark verified": ["mark", "nk-icc:c12", "verified", "--rating", "accurate", "--source", "https://example.org/a"],
    "mark disputed": ["mark", "nk-icc:c12", "disputed", "--rating", "mixed", "--source", "https://example.org/b"],
    "mark unverifiable": ["mark", "nk-icc:c12", "unverifiable", "--note", "No record of the vote."],
    "dismiss": ["dismiss", "nk-icc:c12", "--note", "A prediction, not a factual claim."],
    "reopen": ["reopen", "nk-icc:c12", "--note", "New evidence."],
]

/// How to bring c12 from pending into each status.
private let setups: [String: [String]] = [
    "pending": [],
    "in-review": ["assign"],
    "verified": ["mark verified"],
    "disputed": ["mark disputed"],
    "unverifiable": ["mark unverifiable"],
    "dismissed": ["dismiss"],
]

/// PRODUCT.md §4: what each command leads to from each status; absent means refused.
private let allowed: [String: [String: String]] = [
    "pending": ["assign": "in-review", "mark verified": "verified", "mark disputed": "disputed",
                "mark unverifiable": "unverifiable", "dismiss": "dismissed"],
    "in-review": ["unassign": "pending", "mark verified": "verified", "mark disputed": "disputed",
                  "mark unverifiable": "unverifiable"],
    "verified": ["reopen": "in-review"],
    "disputed": ["reopen": "in-review"],
    "unverifiable": ["reopen": "in-review"],
    "dismissed": ["reopen": "in-review"],
]

private let cases: [(String, String)] = setups.keys.sorted().flatMap { status in
    commands.keys.sorted().map { (status, $0) }
}

@Suite struct WorkflowCommands {
    @Test(arguments: cases)
    func transition(from status: String, command: String) throws {
        let desk = try Desk()
        for step in setups[status]! {
            #expect(try desk.run(commands[step]!).status == 0)
        }
        let before = try desk.document()
        let result = try desk.run(commands[command]!)
        if let target = allowed[status]?[command] {
            #expect(result.status == 0, "\(result.stderr)")
            let arrow = status == target ? target : "\(status) → \(target)"
            #expect(result.stdout.hasPrefix("nk-icc:c12: \(arrow) ("))
            #expect(result.stderr == "")
            let show = try desk.run("show", "nk-icc:c12", "--json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            #expect(json["status"] as? String == target)
            let history = try #require(json["history"] as? [[String: Any]])
            #expect(history.last?["actor"] as? String == "Alex Example")
            #expect(history.last?["from"] as? String == status)
            #expect(history.last?["to"] as? String == target)
            #expect(try desk.run("validate").status == 0)
        } else {
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("nk-icc.factcheck.xml:"))
            #expect(result.stderr.contains(": error: cannot \(command) claim c12: it is \(status); allowed from \(status): "))
            #expect(try desk.document() == before)
        }
    }

    @Test func refusalListsTheNextSteps() throws {
        let desk = try Desk()
        let result = try desk.run("assign", "nk-icc:c2")
        #expect(result.status == 1)
        #expect(result.stderr == "nk-icc.factcheck.xml:56:3: error: cannot assign claim c2: it is verified; allowed from verified: reopen (→ in-review)\n")
    }

    @Test func markListsOnlyTheStatusesItLeadsTo() throws {
        let desk = try Desk()
        let help = try desk.run("mark", "--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("Record a verdict: verified, disputed or unverifiable."))
        #expect(help.stdout.contains("their new status: verified, disputed or unverifiable"))
        #expect(!help.stdout.contains("pending"))
        #expect(!help.stdout.contains("dismissed"))
        #expect(!help.stdout.contains("in-review"))
        let before = try desk.document()
        for status in ["pending", "in-review", "dismissed"] {
            let result = try desk.run("mark", "nk-icc:c12", status, "--note", "x")
            #expect(result.status == 64, "\(status)")
            #expect(result.stderr.contains("Error: mark leads to verified, disputed or unverifiable, not \(status)"), "\(result.stderr)")
        }
        #expect(try desk.document() == before)
    }

    @Test func missingRequirementsAreRefused() throws {
        let desk = try Desk()
        let before = try desk.document()
        let noSource = try desk.run("mark", "nk-icc:c12", "verified", "--rating", "accurate")
        #expect(noSource.status == 1)
        #expect(noSource.stderr.hasSuffix("error: claim c12 needs at least one source (--source URL)\n"))
        let wrongRating = try desk.run("mark", "nk-icc:c12", "disputed", "--rating", "accurate", "--source", "https://example.org/x")
        #expect(wrongRating.status == 1)
        #expect(wrongRating.stderr.hasSuffix("error: cannot mark claim c12 disputed with rating accurate; disputed takes mixed or misleading or inaccurate\n"))
        let noNote = try desk.run("mark", "nk-icc:c12", "unverifiable")
        #expect(noNote.status == 1)
        #expect(try desk.document() == before)
    }

    /// Schemes are case-insensitive: an upper-case one is taken and stored in lower case, never
    /// turned down by the schema.
    @Test func anUpperCaseSchemeIsAccepted() throws {
        let desk = try Desk()
        let result = try desk.run("source", "add", "nk-icc:c12", "HTTPS://Example.org/Record")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try desk.document().contains("url=\"https://Example.org/Record\""))
        let marked = try desk.run("mark", "nk-icc:c13", "verified", "--rating", "accurate", "--source", "Http://example.org/b")
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(try desk.document().contains("url=\"http://example.org/b\""))
    }

    @Test func sourceURLsMustBeHTTP() throws {
        let desk = try Desk()
        let result = try desk.run("source", "add", "nk-icc:c12", "ftp://example.org/file")
        #expect(result.status == 64)
        #expect(result.stderr.contains("source url 'ftp://example.org/file' must be an http or https url"))
        let javascript = try desk.run("mark", "nk-icc:c12", "verified", "--rating", "accurate", "--source", "javascript:alert(1)")
        #expect(javascript.status == 64)
    }

    @Test func reviewerComesFromOptionEnvironmentOrGit() throws {
        let desk = try Desk()
        let isolated = ["FACTCHECK_REVIEWER": "", "GIT_CONFIG_NOSYSTEM": "1"]
        let none = try desk.run(["note", "nk-icc:c12", "Checked."], environment: isolated)
        #expect(none.status == 64)
        #expect(none.stderr.contains("no reviewer: pass --by NAME, set FACTCHECK_REVIEWER, or set git config user.name"))
        #expect(none.stderr.contains("\nUsage: factcheck note ") && none.stderr.contains("See 'factcheck note --help'"))

        let byOption = try desk.run(["note", "nk-icc:c12", "Checked.", "--by", "Sam Example"], environment: isolated)
        #expect(byOption.stdout == "nk-icc:c12: pending (note by Sam Example)\n")

        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", desk.folder.path, "init", "-q"]
        try git.run()
        git.waitUntilExit()
        try desk.folder.write(".git/config", "[user]\n\tname = Gitta Example\n")
        let byGit = try desk.run(["note", "nk-icc:c12", "Checked again."], environment: isolated)
        #expect(byGit.stdout == "nk-icc:c12: pending (note by Gitta Example)\n")
    }

    @Test func unknownClaimOrDocument() throws {
        let desk = try Desk()
        let claim = try desk.run("assign", "nk-icc:c99")
        #expect(claim.status == 1)
        #expect(claim.stderr.contains("document nk-icc has no claim c99 (claims: c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, …)"))
        let document = try desk.run("assign", "other:c1")
        #expect(document.status == 3)
        #expect(document.stderr == "other.factcheck.xml: error: no document 'other' in the workspace .\n")
        let malformed = try desk.run("assign", "nk-icc-c1")
        #expect(malformed.status == 64)
    }

    /// A malformed reference says what is wrong with it, and the subcommand's usage follows.
    @Test func aMalformedReferenceSaysWhy() throws {
        let desk = try Desk()
        let cases = [
            (["show", "c3"], "'c3' names no document: a claim is DOC:CLAIM, e.g. nk-icc:c3"),
            (["history", "nk-icc:3"], "'3' is not a claim id: c and a number, e.g. c3"),
            (["assign", "NK:c3"], "'NK' is not a document id: lower-case letters and digits joined by single hyphens"),
            (["note", "a:b:c", "x"], "a claim is DOC:CLAIM with one colon"),
        ]
        for (arguments, reason) in cases {
            let result = try desk.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(reason), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("Usage: factcheck \(arguments[0]) "), "\(arguments): \(result.stderr)")
        }
    }

    /// A slip in a document id gets the nearest id as a suggestion; nothing is changed.
    @Test func aMistypedDocumentSuggestsTheNearest() throws {
        let desk = try Desk()
        let before = try desk.document()
        let result = try desk.run("assign", "nk-icx:c12")
        #expect(result.status == 3)
        #expect(result.stderr == "nk-icx.factcheck.xml: error: no document 'nk-icx' in the workspace .; did you mean nk-icc?\n")
        #expect(try desk.document() == before)
    }
}
