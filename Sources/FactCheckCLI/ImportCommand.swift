import ArgumentParser
import FactCheckKit

/// `factcheck import FILE`: a new annotation document from a text or HTML article.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create an annotation document from an article (plain text or HTML) and extract its claims.",
        discussion: """
            Takes a web page (HTML) or plain text; an annotation document or other XML is refused. An article \
            the workspace has already (the same url, or the same text) is refused with the document that has \
            it; --force imports it again.
            """
            + "\n\n"
            + examples(
            "import Samples/un-panel-north-korea-icc.html",
            "import article.txt --url https://example.org/news/1 --title \"Votes\"",
            "import saved-page.html --no-extract --dry-run"))

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The article: plain text (such as a saved web page) or HTML.")
    var file: String

    @Option(help: "The document id, also its file name (default: from the file name).")
    var id: String?

    @Option(help: "The article's url (http or https), when the file does not say.")
    var url: String?

    @Option(help: "The article's title, when the file does not say or says it wrongly.")
    var title: String?

    @Option(help: "The publisher.")
    var publisher: String?

    @Option(help: "The publication date, YYYY-MM-DD.")
    var published: String?

    @Flag(help: "Do not propose claims.")
    var noExtract = false

    @Option(help: "The check-worthiness a sentence needs to become a claim (0-1).")
    var threshold: Double = ClaimExtractor.defaultThreshold

    @Flag(help: "Show the document and claims the import would make, and write nothing.")
    var dryRun = false

    @Flag(help: "Import an article the workspace already has (the same url or the same text).")
    var force = false

    func validate() throws {
        if let id, !ClaimReference.isDocumentID(id) {
            throw ValidationError(Self.idRule(id))
        }
        if let published, published.wholeMatch(of: #/\d{4}-\d{2}-\d{2}/#) == nil {
            throw ValidationError("--published '\(published)' must be a date such as 2014-11-18")
        }
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func run() throws {
        try reportingFailures {
            var request = ArticleImport(
                id: id, url: try url.map(checkedSourceURL), title: title, publisher: publisher, published: published,
                threshold: noExtract ? nil : threshold)
            request.dryRun = dryRun
            request.force = force
            let root = workspace.path
            request.existing = { url, textHash in
                // The workspace's index if it has one (none is made for this: a refused import
                // leaves nothing behind), else the documents read into memory.
                let opened = WorkspaceIndex.existing(workspace: root, version: FactCheck.version)
                guard let index = opened ?? WorkspaceIndex.inMemory(workspace: root),
                      (try? index.refresh(onFailure: { _ in })) != nil
                else { return [] }
                return (try? index.documents(url: url, textHash: textHash)) ?? []
            }
            let outcome: ArticleImport.Outcome
            do throws(ArticleImport.Failure) {
                outcome = try request.run(file, in: Workspace(root: workspace.path), actor: "factcheck", time: UTCClock.now())
            } catch {
                switch error {
                case .document(let error): throw error
                case .noDocumentID(let name): throw ValidationError("cannot make a document id from '\(name)'; pass --id")
                case .invalidDocumentID(let id): throw ValidationError(Self.idRule(id))
                }
            }
            let article = outcome.document.article
            Terminal.out("\(dryRun ? "would create" : "created") \(outcome.path): “\(article.title)”")
            let details = [article.publisher, article.published.map { "published \($0)" }, article.retrieved.map { "retrieved \($0)" }]
                .compactMap { $0 }
            if !details.isEmpty { Terminal.out("  \(details.joined(separator: ", "))") }
            let imported = outcome.article
            Terminal.out("  \(article.text.unicodeScalars.count) characters in \(imported.paragraphs.count) paragraphs; \(imported.captions.count) captions and \(imported.furniture.count) lines of page furniture set aside")
            if !noExtract {
                Terminal.out("  \(outcome.claims.count) claims \(dryRun ? "would be proposed" : "proposed") (threshold \(threshold)):")
                ClaimsTable.print(outcome.claims, document: article.id)
                mentionChecks(outcome.claims, document: article.id)
                if outcome.claims.count == ClaimExtractor.proposalLimit {
                    Terminal.out("  (at most \(ClaimExtractor.proposalLimit) claims are proposed at once, the best first; `factcheck extract \(article.id)` proposes more)")
                }
            }
            if dryRun { Terminal.out("dry run: nothing was written") }
        }
    }

    /// Says which proposed claims were checked before, here or by another desk.
    private func mentionChecks(_ claims: [Claim], document: String) {
        // A dry run reads an index the workspace has, and makes none.
        let opened = dryRun
            ? WorkspaceIndex.existing(workspace: workspace.path, version: FactCheck.version)
            : WorkspaceIndex.open(workspace: workspace.path, version: FactCheck.version, warn: {
                Terminal.error("factcheck: warning: \($0)")
            })
        guard !claims.isEmpty, let index = opened, (try? index.refresh(onFailure: { _ in })) != nil else { return }
        for claim in claims {
            guard let match = try? index.checkedBefore(claim.anchor.exact, excluding: nil) else { continue }
            Terminal.out("  \(document):\(claim.id) \(CheckedBefore.line(match))")
        }
    }

    static func idRule(_ id: String) -> String {
        "document id '\(id)' must be lower-case letters and digits joined by single hyphens, such as nk-icc"
    }
}

/// New claims as a short table.
enum ClaimsTable {
    static func print(_ claims: [Claim], document: String) {
        guard !claims.isEmpty else { return }
        var table = Table(headers: ["CLAIM", "SCORE", "QUOTE"])
        table.rows = claims.map { ["\(document):\($0.id)", $0.score.map { DecimalFormat.twoPlaces($0.value) } ?? "-", $0.anchor.exact.truncated(to: 70)] }
        Terminal.out(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    }
}
