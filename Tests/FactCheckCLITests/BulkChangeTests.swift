import Foundation
import Testing
import TestSupport

/// Changes to many claims at once: several refs, `--where` with list's filters, `--dry-run`.
@Suite struct BulkChanges {
    /// The sample holds two pending claims, c12 and c13; c2 is verified.
    @Test func aRefusedClaimLeavesTheOthersApplied() throws {
        let desk = try Desk()
        let result = try desk.run("assign", "nk-icc:c12", "nk-icc:c2", "nk-icc:c13")
        #expect(result.status == 1)
        #expect(result.stdout == """
            nk-icc:c12: pending → in-review (assign by Alex Example)
            nk-icc:c13: pending → in-review (assign by Alex Example)
            2 claims changed, 1 refused

            """)
        #expect(result.stderr.contains("error: cannot assign claim c2: it is verified"))
        let pending = try desk.run("list", "--status", "in-review", "--assignee", "me")
        #expect(pending.stdout.contains("nk-icc:c12 "))
        #expect(pending.stdout.contains("nk-icc:c13 "))
        #expect(pending.stdout.hasSuffix("2 claims\n"))
        #expect(try desk.run("list", "--status", "pending").stdout == "no pending claims\n")
    }

    @Test func aBatchOfRefusedClaimsWritesNothing() throws {
        let desk = try Desk()
        let before = try desk.document()
        let result = try desk.run("unassign", "nk-icc:c1", "nk-icc:c2")
        #expect(result.status == 1)
        #expect(result.stdout == "0 claims changed, 2 refused\n")
        #expect(try desk.document() == before)
    }

    @Test func whereSelectsWithListsFilters() throws {
        let desk = try Desk()
        let assigned = try desk.run("assign", "--where", "--status pending --doc nk-icc", "--to", "Sam Example")
        #expect(assigned.status == 0, "\(assigned.stderr)")
        #expect(assigned.stdout.hasSuffix("2 claims changed\n"), "\(assigned.stdout)")
        // Quoted words in the filters, as a shell would take them; the statuses are list's (pending
        // unless --status says otherwise).
        let unassigned = try desk.run("unassign", "--where", "--status in-review --assignee 'Sam Example'")
        #expect(unassigned.status == 0, "\(unassigned.stderr)")
        #expect(unassigned.stdout == """
            nk-icc:c12: in-review → pending (unassign by Alex Example)
            nk-icc:c13: in-review → pending (unassign by Alex Example)
            2 claims changed

            """)
        let none = try desk.run("assign", "--where", "--status in-review")
        #expect(none.status == 0)
        #expect(none.stdout == "")
        #expect(none.stderr == "factcheck: no in-review claims match --where --status in-review; nothing changed\n")
    }

    @Test func whereRefusesWhatListWould() throws {
        let desk = try Desk()
        let before = try desk.document()
        let unknown = try desk.run("assign", "--where", "--status pendnig")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--where"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("pendnig"))
        let unclosed = try desk.run("assign", "--where", "--assignee 'Sam")
        #expect(unclosed.status == 64)
        #expect(unclosed.stderr.contains("--where"), "\(unclosed.stderr)")
        #expect(unclosed.stderr.contains("quote"), "\(unclosed.stderr)")
        let both = try desk.run("assign", "nk-icc:c12", "--where", "--status pending")
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("Error: claims named and --where do not go together"))
        let neither = try desk.run("assign")
        #expect(neither.status == 64)
        #expect(try desk.document() == before)
    }

    /// `mark` takes its status before or after the refs.
    @Test func markTakesSeveralClaims() throws {
        let desk = try Desk()
        let result = try desk.run("mark", "unverifiable", "nk-icc:c12", "nk-icc:c13", "--note", "About motive, not fact.")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("2 claims changed\n"))
        // c11 was unverifiable before.
        #expect(try desk.run("list", "--status", "unverifiable").stdout.hasSuffix("3 claims\n"))
        let two = try desk.run("mark", "nk-icc:c1", "verified", "disputed")
        #expect(two.status == 64)
        #expect(two.stderr.contains("two statuses"))
    }

    @Test func dryRunShowsWhatWouldChangeAndWritesNothing() throws {
        let desk = try Desk()
        let before = try Data(contentsOf: URL(fileURLWithPath: desk.documentPath))
        let runs: [[String]] = [
            ["assign", "--where", "--status pending", "--dry-run"],
            ["assign", "nk-icc:c12", "nk-icc:c2", "--dry-run"],
            ["mark", "nk-icc:c12", "unverifiable", "--note", "Opinion.", "--dry-run"],
            ["dismiss", "nk-icc:c13", "--note", "Opinion.", "--dry-run"],
            ["reopen", "nk-icc:c2", "--note", "New data.", "--dry-run"],
            ["note", "nk-icc:c12", "Asked the ministry.", "--dry-run"],
            ["source", "add", "nk-icc:c12", "https://example.org/record", "--dry-run"],
        ]
        for arguments in runs {
            let result = try desk.run(arguments)
            #expect(result.stdout.hasPrefix("would change nk-icc:"), "\(arguments): \(result.stdout)")
            #expect(result.stdout.contains("nothing was written"), "\(arguments)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: desk.documentPath)) == before, "\(arguments)")
        }
        let refused = try desk.run("assign", "nk-icc:c12", "nk-icc:c2", "--dry-run")
        #expect(refused.status == 1)
        #expect(refused.stdout.hasSuffix("dry run: 1 claim would change, 1 refused; nothing was written\n"))
        #expect(try desk.run("list", "--status", "pending").stdout.hasSuffix("2 claims\n"))
    }

    /// A batch across two documents writes each under its own lock, and the index follows.
    @Test func aBatchSpansDocuments() throws {
        let desk = try Desk()
        let second = try desk.document().replacingOccurrences(of: "<article id=\"nk-icc\">", with: "<article id=\"nk-icc-2\">")
        try desk.folder.write("nk-icc-2.factcheck.xml", second)
        #expect(try desk.run("list").stdout.hasSuffix("4 claims\n"))
        let result = try desk.run("dismiss", "--where", "--status pending", "--note", "Opinion.")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nk-icc-2:c12: pending → dismissed"))
        #expect(result.stdout.contains("nk-icc:c13: pending → dismissed"))
        #expect(result.stdout.hasSuffix("4 claims changed\n"))
        #expect(try desk.run("list").stdout == "no pending claims\n")
        #expect(try desk.run("validate").status == 0)
    }
}

/// Shell completion offers the workspace's document ids and claim refs, through bash's real script.
@Suite struct ShellCompletion {
    /// Completes a command line in bash with the generated script, as the shell would split it
    /// (`COMP_WORDBREAKS` holds ':', so a ref being typed is three words).
    private func complete(_ line: String, words: [String], in desk: Desk) throws -> [String] {
        let script = try FactCheckProcess.run(["--generate-completion-script", "bash"], in: desk.folder.path).stdout
        let scriptPath = try desk.folder.write("completion.bash", script)
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let driver = """
            source '\(scriptPath)'
            COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(\(quoted)); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
            _factcheck factcheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let folder = FactCheckProcess.binary.deletingLastPathComponent().path
        let result = try FactCheckProcess.run(
            ["-c", driver], in: desk.folder.path, environment: ["PATH": folder + ":/usr/bin:/bin"],
            executable: "/bin/bash")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func refsCompleteBeforeAndAfterTheColon() throws {
        let desk = try Desk()
        let claims = (1...13).map { "c\($0)" }
        #expect(try complete("factcheck show nk", words: ["factcheck", "show", "nk"], in: desk) == claims.map { "nk-icc:" + $0 })
        #expect(try complete("factcheck assign nk-icc:", words: ["factcheck", "assign", "nk-icc", ":"], in: desk) == claims.map { ":" + $0 })
        #expect(try complete("factcheck assign nk-icc:c1", words: ["factcheck", "assign", "nk-icc", ":", "c1"], in: desk)
            == ["c1", "c10", "c11", "c12", "c13"])
        #expect(try complete("factcheck export n", words: ["factcheck", "export", "n"], in: desk) == ["nk-icc"])
    }

    /// Zsh and fish hand over the whole word, colon and all: the binary is asked as their scripts ask it.
    @Test func wholeRefsCompleteAsZshAndFishAskForThem() throws {
        let desk = try Desk()
        let asked = try desk.run("---completion", "assign", "--", "positional@0", "2", "9", "factcheck", "assign", "nk-icc:c1")
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(asked.stdout.split(separator: "\n") == ["nk-icc:c1", "nk-icc:c10", "nk-icc:c11", "nk-icc:c12", "nk-icc:c13"])
        let zsh = try desk.run("--generate-completion-script", "zsh").stdout
        #expect(zsh.contains("---completion assign -- positional@0"))
        let fish = try desk.run("--generate-completion-script", "fish").stdout
        #expect(fish.contains("---completion assign -- positional@0"))
    }

    @Test func markOffersOnlyTheStatusesItTakes() throws {
        let desk = try Desk()
        #expect(try complete("factcheck mark nk-icc:c12 ", words: ["factcheck", "mark", "nk-icc", ":", "c12", ""], in: desk)
            .filter { !$0.contains(":") } == ["verified", "disputed", "unverifiable"])
        #expect(try complete("factcheck mark d", words: ["factcheck", "mark", "d"], in: desk) == ["disputed"])
    }
}

/// `--dry-run` on every command that writes to the workspace: what would be written is shown, and
/// the folder is left exactly as it was.
@Suite struct DryRuns {
    /// Every file and folder below `folder` with its bytes, but for lock files: a dry run takes the
    /// document's lock to read it as a write would, and the (empty, git-ignored) lock file stays.
    private func listing(_ folder: TemporaryDirectory) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            if name.hasSuffix(".lock") { continue }
            var isFolder: ObjCBool = false
            let path = folder.file(name)
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            } else {
                files[name + "/"] = Data()
            }
        }
        return files
    }

    @Test func everyWritingCommandOffersIt() throws {
        let folder = TemporaryDirectory()
        for command in ["init", "import", "add", "assign", "unassign", "mark", "resolve", "dismiss", "reopen", "note",
                        "source add", "source remove", "extract", "import-claimreview", "export"] {
            let help = try FactCheckProcess.run(["help"] + command.split(separator: " ").map(String.init), in: folder.path)
            #expect(help.stdout.contains("--dry-run"), "\(command)")
        }
    }

    @Test func initAndImportWriteNothing() throws {
        let folder = TemporaryDirectory()
        let initialized = try FactCheckProcess.run(["init", "--dry-run"], in: folder.path)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout == """
            would write factcheck-workspace.xml
            would write .gitignore
            would write .gitattributes
            not in a git repository yet: after `git init` (or in each clone), run `factcheck init --git`
            dry run: nothing was written

            """)
        #expect(try listing(folder).isEmpty)
        let imported = try FactCheckProcess.run(
            ["import", FactCheckProcess.samples + "/un-panel-north-korea-icc.html", "--dry-run"], in: folder.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("would create "), "\(imported.stdout)")
        #expect(imported.stdout.contains("claims would be proposed"))
        #expect(try listing(folder).isEmpty)
        // Refused as the real run would be: the settings file is there already.
        _ = try FactCheckProcess.run(["init"], in: folder.path)
        let before = try listing(folder)
        let again = try FactCheckProcess.run(["init", "--dry-run"], in: folder.path)
        #expect(again.status != 0)
        #expect(again.stderr.contains("factcheck-workspace.xml: error: cannot create file: it already exists"), "\(again.stderr)")
        #expect(try listing(folder) == before)
    }

    @Test func addAndImportClaimReviewWriteNothing() throws {
        let desk = try Desk.publishing()
        let exported = try desk.run("export", "nk-icc", "--format", "claimreview", "--output", "reviews.json")
        #expect(exported.status == 0, "\(exported.stderr)")
        let before = try listing(desk.folder)
        let added = try desk.run("add", "nk-icc", "--quote", "111 leaders", "--dry-run")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains(": would add nk-icc:c14 at "), "\(added.stdout)")
        let archived = try desk.run("import-claimreview", "reviews.json", "--dry-run")
        #expect(archived.status == 0, "\(archived.stderr)")
        #expect(archived.stdout.contains(": would add "), "\(archived.stdout)")
        #expect(archived.stdout.hasSuffix("dry run: nothing was written\n"))
        let exportedAgain = try desk.run("export", "nk-icc", "--format", "html", "-o", "report.html", "--dry-run")
        #expect(exportedAgain.status == 0, "\(exportedAgain.stderr)")
        #expect(exportedAgain.stdout.hasPrefix("would write report.html: "), "\(exportedAgain.stdout)")
        #expect(try listing(desk.folder) == before)
        // The real runs write what the dry runs showed.
        #expect(try desk.run("add", "nk-icc", "--quote", "111 leaders").stdout.contains(": added nk-icc:c14 at "))
    }
}

/// `list --sort`, `--limit` and `--since`, the same from the index and from the documents.
@Suite struct ListOrders {
    private func refs(_ table: String) -> [String] {
        table.split(separator: "\n").dropFirst().dropLast().map { String($0.prefix { $0 != " " }) }
    }

    @Test func everyOrderIsTheSameWarmAndCold() throws {
        let desk = try Desk()
        #expect(try desk.run("assign", "nk-icc:c13").status == 0)
        for order in ["score", "time", "doc", "status"] {
            for extra in [[], ["--limit", "4"], ["--since", UTCDay.today], ["--json", "--limit", "2"]] {
                let arguments = ["list", "--all", "--sort", order] + extra
                let warm = try desk.run(arguments)
                let cold = try desk.run(arguments + ["--no-index"])
                #expect(warm.status == 0, "\(arguments): \(warm.stderr)")
                #expect(warm.stdout == cold.stdout, "\(arguments)")
            }
        }
    }

    @Test func ordersLimitsAndSince() throws {
        let desk = try Desk()
        #expect(try desk.run("assign", "nk-icc:c13").status == 0)
        let byTime = try desk.run("list", "--all", "--sort", "time", "--limit", "1")
        #expect(refs(byTime.stdout) == ["nk-icc:c13"])
        #expect(byTime.stdout.hasSuffix("\n1 of 13 claims (--limit 1)\n"), "\(byTime.stdout)")
        #expect(refs(try desk.run("list", "--all", "--sort", "doc").stdout) == (1...13).map { "nk-icc:c\($0)" })
        let byStatus = try desk.run("list", "--all", "--sort", "status").stdout
        let statuses = byStatus.split(separator: "\n").dropFirst().dropLast().map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }
        let order = ["pending", "in-review", "verified", "disputed", "unverifiable", "dismissed"]
        #expect(statuses.map { order.firstIndex(of: String($0))! } == statuses.map { order.firstIndex(of: String($0))! }.sorted())
        #expect(statuses.first == "pending" && statuses.last == "unverifiable")
        // Changed today: only the claim just assigned.
        let today = try desk.run("list", "--all", "--since", UTCDay.today)
        #expect(refs(today.stdout) == ["nk-icc:c13"])
        #expect(try desk.run("list", "--since", UTCDay.today).stdout == "no pending claims changed since \(UTCDay.today)\n")
        let json = try desk.run("list", "--all", "--json", "--limit", "2")
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any]
        #expect(array?.count == 2)
    }

    /// search takes list's filters (its default: every status).
    @Test func searchTakesListsFilters() throws {
        let desk = try Desk()
        #expect(try desk.run("assign", "nk-icc:c13").status == 0)
        let everything = try desk.run("search", "resolution")
        #expect(everything.status == 0)
        #expect(everything.stdout.contains("nk-icc:c13 ") && everything.stdout.contains("nk-icc:c4 "), "\(everything.stdout)")
        let today = try desk.run("search", "resolution", "--since", UTCDay.today)
        #expect(today.status == 0, "\(today.stderr)")
        #expect(refs(today.stdout.components(separatedBy: "\n").dropLast().joined(separator: "\n") + "\n") == ["nk-icc:c13"], "\(today.stdout)")
        #expect(try desk.run("search", "resolution", "--conflicts").stdout == "no claim matches resolution\n")
    }

    @Test func badValuesAreRefused() throws {
        let desk = try Desk()
        for (arguments, message) in [
            (["--since", "2026-02-30"], "--since '2026-02-30' must be a date such as"),
            (["--since", "yesterday"], "--since 'yesterday' must be a date such as"),
            (["--limit", "0"], "--limit must be at least 1"),
            (["--sort", "size"], "The value 'size' is invalid for '--sort <order>'"),
        ] {
            let result = try desk.run(["list"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}

/// Today's date in UTC, as the tool records it.
enum UTCDay {
    static var today: String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}

/// Each `--json` shape is in its command's help, the output keeps to it, and `--json FIELDS`
/// keeps only some fields, as gh does.
@Suite struct JSONShapes {
    private func keys(_ json: String) throws -> Set<String> {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
        if let array = value as? [[String: Any]] { return Set(array.flatMap(\.keys)) }
        return Set((value as? [String: Any] ?? [:]).keys)
    }

    @Test func everyShapeIsDocumentedAndKept() throws {
        let desk = try Desk()
        let runs: [(String, [String])] = [
            ("list", ["list", "--all"]), ("search", ["search", "veto"]), ("similar", ["similar", "nk-icc:c12"]),
            ("show", ["show", "nk-icc:c1"]), ("history", ["history", "nk-icc:c1"]), ("stats", ["stats"]),
            ("validate", ["validate"]),
        ]
        for (command, arguments) in runs {
            let help = try desk.run("help", command).stdout.replacingOccurrences(of: "\n", with: " ")
            let shape = try #require(help.range(of: "--json prints ").map { help[$0.lowerBound...] })
            let output = try desk.run(arguments + ["--json"])
            #expect(output.status == 0, "\(command): \(output.stderr)")
            for key in try keys(output.stdout) {
                #expect(shape.contains("\(key) ("), "\(command): \(key) is not in its help")
            }
        }
    }

    @Test func fieldsAreSelected() throws {
        let desk = try Desk()
        let listed = try desk.run("list", "--all", "--json", "ref,status")
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(try keys(listed.stdout) == ["ref", "status"])
        #expect(try desk.run("list", "--all", "--json=ref").stdout.components(separatedBy: "\"ref\"").count == 14)
        #expect(try keys(try desk.run("show", "nk-icc:c1", "--json", "verdict").stdout) == ["verdict"])
        #expect(try keys(try desk.run("stats", "--json=claims,documents").stdout) == ["claims", "documents"])
        // A word that is no field is what it was: search's query.
        let searched = try desk.run("search", "--json", "veto")
        #expect(searched.status == 0)
        #expect(try keys(searched.stdout).contains("quote"))
        let unknown = try desk.run("list", "--json=refs")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("Error: no JSON field 'refs' in list; did you mean 'ref'?; its fields are ref, document,"), "\(unknown.stderr)")
    }
}
