/// One article and its claims: the content of a `*.factcheck.xml` file.
public struct AnnotationDocument: Sendable, Hashable {
    /// The namespace of the root element.
    public static let namespace = "urn:factcheck:annotation:1"
    /// The schema version this build reads and writes.
    public static let schemaVersion = "1"
    /// Every annotation document's file name ends with this.
    public static let fileSuffix = ".factcheck.xml"

    public var article: Article
    public var claims: [Claim]

    public init(article: Article, claims: [Claim] = []) {
        self.article = article
        self.claims = claims
    }

    /// The claim with `id`, if the document has one.
    public func claim(_ id: String) -> Claim? {
        claims.first { $0.id == id }
    }

    /// The position of claim `id`, or an error about the file at `path` that lists the claims there are.
    public func index(ofClaim id: String, path: String) throws(DocumentError) -> Int {
        guard let index = claims.firstIndex(where: { $0.id == id }) else {
            let error = WorkflowError.noSuchClaim(document: article.id, claim: id, known: claims.map(\.id))
            throw .invalid([Diagnostic(file: path, message: error.description)])
        }
        return index
    }
}
