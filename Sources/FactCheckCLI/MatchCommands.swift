import ArgumentParser
import FactCheckKit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where `similar` and `match` look: the workspace's reviewed claims, or a table given.
struct ArchiveOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Match against this table of checks (id<TAB>claim<TAB>title lines) instead of the workspace's reviewed claims.")
    var archive: String?

    @Flag(help: "Read every document instead of the workspace index.")
    var noIndex = false

    /// The archive to match against: the table given, else the workspace index (brought up to
    /// date), else every document read cold.
    func load() throws -> any CheckedArchive {
        var loaded: (any CheckedArchive)?
        try reportingFailures {
            if let archive {
                let bytes = try CheckedInput.read(archive, limit: 512 * 1024 * 1024)
                loaded = try CheckedClaims.table(String(decoding: bytes, as: UTF8.self), path: archive)
            } else if !noIndex, let index = WorkspaceIndex.open(workspace: workspace.path, version: FactCheck.version, warn: {
                Terminal.error("factcheck: warning: \($0)")
            }), (try? index.refresh(onFailure: { Terminal.report($0.diagnostics) })) != nil {
                loaded = index
            } else {
                loaded = CheckedClaims.workspace(workspace.path) { Terminal.report($0.diagnostics) }
            }
        }
        return loaded!
    }
}

/// `factcheck similar DOC:CLAIM | --text TEXT`
struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "The reviewed claims most likely to check this one, best first: has it been checked before?",
        discussion: """
            Scores are BM25F over each check's claim and its verdict's summary (see `--explain`); the \
            workspace's verified, disputed and unverifiable claims are the archive unless --archive names one.

            \(JSONShape.similar.help)

            Examples:
              factcheck similar nk-icc:c12
              factcheck similar --text "UN votes to refer North Korea to the ICC" --explain
            """)

    @OptionGroup var archive: ArchiveOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The claim, as DOC:CLAIM.", completion: ClaimCompletion.kind, transform: claimArgument)
    var claim: ClaimReference?

    @Option(help: "Match this text instead of a claim.")
    var text: String?

    @Option(help: "How many matches to show.")
    var limit = 5

    @Flag(help: "Show each match's score term by term.")
    var explain = false

    func validate() throws {
        if (claim == nil) == (text == nil) { throw ValidationError("give a claim (DOC:CLAIM) or --text, one of them") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        var query = text ?? ""
        if let claim {
            query = try loadClaim(claim, workspace: archive.workspace.path).0.anchor.exact
        }
        let checked = try archive.load()
        let matches: [SimilarCheck]
        do {
            matches = try checked.similar(query, limit: limit, excluding: claim?.description)
        } catch {
            Terminal.error("factcheck: error: \(error)")
            throw ExitCode(3)
        }
        if output.json {
            try JSONOutput.print(matches.map { match in
                SimilarJSON(
                    ref: match.ref, score: match.score, strength: match.strength, status: match.status?.rawValue,
                    rating: match.rating?.rawValue, publisher: match.publisher, quote: match.quote)
            })
            return
        }
        guard !matches.isEmpty else {
            Terminal.out("no reviewed claim shares a word with it (\((try? checked.count()) ?? 0) in the archive)")
            return
        }
        var table = Table(headers: ["MATCH", "SCORE", "STRENGTH", "STATUS", "RATING", "QUOTE"])
        for match in matches {
            table.rows.append([
                match.ref, DecimalFormat.twoPlaces(match.score), DecimalFormat.twoPlaces(match.strength),
                match.status?.rawValue ?? "-", match.rating?.rawValue ?? "-", match.quote.truncated(to: 60),
            ])
        }
        var lines = [table.render()]
        if explain {
            for match in matches {
                lines.append("")
                lines.append("\(match.ref): \(DecimalFormat.twoPlaces(match.score)) =")
                for part in (try? checked.explain(query, match)) ?? [] {
                    lines.append(
                        "  \(DecimalFormat.twoPlaces(part.score))  \(part.term) (claim \(part.inClaim)×, title \(part.inTitle)×, idf \(DecimalFormat.twoPlaces(part.idf)))")
                }
            }
        }
        Terminal.out(lines.joined(separator: "\n"))
    }
}

struct SimilarJSON: Encodable {
    var ref: String
    var score: Double
    var strength: Double
    var status: String?
    var rating: String?
    var publisher: String?
    var quote: String
}

/// `factcheck match [FILE]`: rankings for a file of texts, to measure matching.
struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Rank the archive for each id<TAB>text line: writes id<TAB>0<TAB>archive-id<TAB>rank<TAB>score lines.",
        discussion: """
            Reads standard input unless a file is named; a first line whose first field is empty or 'id' \
            is a header. `make match-benchmark` measures MAP@5 on the CLEF 2020 CheckThat! training split.

            Examples:
              factcheck match queries.tsv --archive verified_claims.tsv --limit 5
              factcheck match queries.tsv --strength --limit 1
            """)

    @OptionGroup var archive: ArchiveOptions

    @Argument(help: "A file of id<TAB>text lines (default: standard input).")
    var file: String?

    @Option(help: "How many ranked checks to write for each text.")
    var limit = 5

    @Flag(help: "Write each match's strength (0 to 1, what 'checked before?' is judged by) instead of its score.")
    var strength = false

    func run() throws {
        let checked = try archive.load()
        var output = ""
        try reportingFailures {
            let bytes = try file.map { (path) throws(DocumentError) in try CheckedInput.read(path, limit: 512 * 1024 * 1024) }
                ?? Terminal.readStandardInput()
            let text = String(decoding: bytes, as: UTF8.self)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                if number == 0 && (fields[0].isEmpty || fields[0] == "id") { continue }
                guard fields.count == 2, !fields[0].isEmpty else {
                    throw DocumentError.invalid([
                        .init(file: file ?? "<stdin>", line: number + 1, column: 1, message: "expected id<TAB>text")
                    ])
                }
                let matches: [SimilarCheck]
                do {
                    matches = try checked.similar(String(fields[1]), limit: limit, excluding: nil)
                } catch {
                    throw DocumentError.unreadable([.init(file: file ?? "<stdin>", line: number + 1, column: 1, message: "\(error)")])
                }
                for (rank, match) in matches.enumerated() {
                    output += "\(fields[0])\t0\t\(match.ref)\t\(rank + 1)\t\(DecimalFormat.fixed(strength ? match.strength : match.score, places: 4))\n"
                }
            }
        }
        Terminal.outText(output)
    }
}

/// `factcheck import-claimreview FILE…`
struct ImportClaimReview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-claimreview",
        abstract: "Import other desks' published ClaimReview JSON-LD into the workspace's archive, for similar and match.",
        discussion: """
            Reads a ClaimReview object, an array of them, a @graph, or a web page's \
            <script type="application/ld+json"> blocks. Each publisher's checks go to \
            archive/PUBLISHER.checks.xml (Schemas/archive.xsd); ratings, as numbers on any scale or as words, \
            are placed on this desk's scale with the original kept. A review already archived (the same url) \
            is not added again. Every file is read and checked before anything is written.

            Examples:
              factcheck import-claimreview reviews.json
              factcheck import-claimreview saved-page.html feed.jsonld
              factcheck import-claimreview reviews.json --dry-run
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "ClaimReview JSON-LD files, or saved web pages holding it.")
    var files: [String]

    @Flag(help: "Read and check every file, show what would be archived, and write nothing.")
    var dryRun = false

    func run() throws {
        try reportingFailures {
            for outcome in try ClaimReviewImport.run(files, into: workspace.path, dryRun: dryRun) {
                let count = "\(outcome.added) check\(outcome.added == 1 ? "" : "s")"
                var line = "\(outcome.path): \(dryRun ? "would add " : "")\(count) from \(outcome.publisher)"
                if outcome.present > 0 { line += " (\(outcome.present) already archived)" }
                Terminal.out(line)
            }
            if dryRun { Terminal.out("dry run: nothing was written") }
        }
    }
}
