/// `import` as a whole: an article file becomes a new annotation document in a workspace, with the
/// claims the extractor proposes.
public struct ArticleImport: Sendable {
    /// The document id, also its file name; nil takes it from the article's file name.
    public var id: String?
    /// Metadata that replaces what the file says (or fills in what it does not).
    public var url: String?
    public var title: String?
    public var publisher: String?
    /// A date, YYYY-MM-DD.
    public var published: String?
    /// The check-worthiness a sentence needs to become a claim; nil proposes none.
    public var threshold: Double?
    /// Checks the document as an import would, and writes nothing.
    public var dryRun = false
    /// Imports an article the workspace already has (the same url or the same text).
    public var force = false
    /// The workspace's documents whose article has this url, or whose text has this hash: their
    /// ids and paths and which of the two they share ("url" or "text"); nil looks for none.
    public var existing: (@Sendable (_ url: String?, _ textHash: String) -> [(id: String, path: String, same: String)])?

    /// The longest title and url a document holds (the schema's `Line` and `HTTPURL`).
    public static let titleLimit = 1000
    public static let urlLimit = 2048

    public init(
        id: String? = nil, url: String? = nil, title: String? = nil, publisher: String? = nil,
        published: String? = nil, threshold: Double? = ClaimExtractor.defaultThreshold
    ) {
        (self.id, self.url, self.title, self.publisher, self.published) = (id, url, title, publisher, published)
        self.threshold = threshold
    }

    /// Why an import made nothing.
    public enum Failure: Error, Sendable {
        /// The article could not be read, or the document would not be valid or could not be written.
        case document(DocumentError)
        /// No `id` was given and the file's name (`name`) gives none.
        case noDocumentID(name: String)
        /// The `id` given is not lower-case letters and digits joined by single hyphens.
        case invalidDocumentID(String)
    }

    /// What an import made.
    public struct Outcome: Sendable {
        /// What the importer found in the file, with the metadata given here applied.
        public var article: ImportedArticle
        public var document: AnnotationDocument
        /// Where the document was written (or, in a dry run, would be).
        public var path: String
        /// The claims proposed, in text order; empty when `threshold` is nil.
        public var claims: [Claim]
    }

    /// The document id a file's name gives: its name up to the first dot, as a slug; nil if that
    /// is not a document id.
    public static func documentID(forFile path: String) -> (name: String, id: String?) {
        let name = String(path.split(separator: "/").last ?? "")
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let id = ArticleImporter.slug(stem)
        return (name, ClaimReference.isDocumentID(id) ? id : nil)
    }

    /// Reads the article at `file` and creates its document in `workspace`, the claims it proposes
    /// created by `actor` at `time`. Nothing is written unless the whole document is valid.
    public func run(_ file: String, in workspace: Workspace, actor: String, time: String) throws(Failure) -> Outcome {
        var imported: ImportedArticle
        do throws(DocumentError) {
            imported = try ArticleImporter.read(file)
        } catch {
            throw .document(error)
        }
        if let url { imported.url = url }
        if let title { imported.title = title }
        // A title is one line; one with no text is none (the text's start stands in).
        imported.title = imported.title.map { $0.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ") }
        if imported.title?.allSatisfy({ $0 == " " }) == true { imported.title = nil }
        for (name, value, limit, option) in [
            ("title", imported.title, Self.titleLimit, "--title"), ("url", imported.url, Self.urlLimit, "--url"),
        ] {
            guard let value, value.count > limit else { continue }
            throw .document(.invalid([Diagnostic(
                file: file,
                message: "the article's \(name) is \(DecimalFormat.grouped(value.count)) characters, more than the \(DecimalFormat.grouped(limit)) a document holds: give a shorter one with \(option)")]))
        }
        if let publisher { imported.publisher = publisher }
        if let published { imported.published = published }
        let derived = Self.documentID(forFile: file)
        guard let documentID = id ?? derived.id else { throw .noDocumentID(name: derived.name) }
        guard ClaimReference.isDocumentID(documentID) else { throw .invalidDocumentID(documentID) }
        do throws(DocumentError) {
            var document = try ArticleImporter.document(imported, id: documentID)
            let path = workspace.newDocumentPath(for: documentID)
            var claims: [Claim] = []
            if let threshold {
                let proposals = try ClaimExtractor.proposals(for: document.article.text, path: file)
                claims = ClaimExtractor.extract(into: &document, proposals: proposals, threshold: threshold, actor: actor, time: time)
            }
            // Looked for last: it reads the workspace (its index, made if need be).
            if !force, let existing, let same = existing(document.article.url, document.article.textHash).first {
                let what = same.same == "url" ? "the same url" : "the same text"
                throw DocumentError.invalid([Diagnostic(
                    file: file,
                    message: "the workspace has this article already, with \(what): \(same.id) (\(same.path)); --force imports it again")])
            }
            if dryRun {
                try DocumentStore.checkCreating(document, at: path)
            } else {
                try DocumentStore.create(document, at: path)
            }
            return Outcome(article: imported, document: document, path: path, claims: claims)
        } catch {
            throw .document(error)
        }
    }
}
