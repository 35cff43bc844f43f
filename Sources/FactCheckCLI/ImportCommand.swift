import ArgumentParser
import FactCheckKit

/// `factcheck import FILE`: a new annotation document from a text or HTML article.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create an annotation document from an article (plain text or HTML) and extract its claims.")

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

    func validate() throws {
        if let id, !ClaimReference.isDocumentID(id) {
            throw ValidationError("document id '\(id)' must be lower-case letters and digits joined by single hyphens, such as nk-icc")
        }
        if let published, published.wholeMatch(of: #/\d{4}-\d{2}-\d{2}/#) == nil {
            throw ValidationError("--published '\(published)' must be a date such as 2014-11-18")
        }
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func run() throws {
        try reportingFailures {
            var imported = try ArticleImporter.read(file)
            if let url { imported.url = try checkedSourceURL(url) }
            if let title { imported.title = title }
            if let publisher { imported.publisher = publisher }
            if let published { imported.published = published }
            let name = String(file.split(separator: "/").last ?? "")
            let stem = name.split(separator: ".").first.map(String.init) ?? name
            let documentID = id ?? ArticleImporter.slug(stem)
            guard ClaimReference.isDocumentID(documentID) else {
                throw ValidationError("cannot make a document id from '\(name)'; pass --id")
            }
            var document = try ArticleImporter.document(imported, id: documentID)
            let claims = noExtract ? [] : ClaimExtractor.extract(
                into: &document, threshold: threshold, actor: "factcheck", time: UTCClock.now())
            let path = Workspace(root: workspace.path).newDocumentPath(for: documentID)
            try DocumentStore.create(document, at: path)
            let article = document.article
            Terminal.out("created \(path): “\(article.title)”")
            let details = [article.publisher, article.published.map { "published \($0)" }, article.retrieved.map { "retrieved \($0)" }]
                .compactMap { $0 }
            if !details.isEmpty { Terminal.out("  \(details.joined(separator: ", "))") }
            Terminal.out("  \(article.text.unicodeScalars.count) characters in \(imported.paragraphs.count) paragraphs; \(imported.captions.count) captions and \(imported.furniture.count) lines of page furniture set aside")
            if !noExtract {
                Terminal.out("  \(claims.count) claims proposed (threshold \(threshold)):")
                ClaimsTable.print(claims, document: documentID)
            }
        }
    }
}

/// New claims as a short table.
enum ClaimsTable {
    static func print(_ claims: [Claim], document: String) {
        guard !claims.isEmpty else { return }
        var table = Table(headers: ["CLAIM", "SCORE", "QUOTE"])
        table.rows = claims.map { ["\(document):\($0.id)", $0.score.map { String(format2: $0.value) } ?? "-", $0.anchor.exact.truncated(to: 70)] }
        Terminal.out(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    }
}
