/// What an importer found in a page: metadata and the body's paragraphs, before it becomes a document.
public struct ImportedArticle: Sendable, Hashable {
    public var title: String?
    public var url: String?
    public var publisher: String?
    public var authors: [String] = []
    public var published: String?
    public var retrieved: String?
    public var language: String?
    public var captions: [String] = []
    /// The article body, one normalized paragraph each.
    public var paragraphs: [String] = []
    /// Lines recognised as page furniture and left out (site name, "Like Us on Facebook", …).
    public var furniture: [String] = []

    public init() {}

    /// The normalized article text claims are anchored in.
    public var text: String {
        TextNormalizer.article(paragraphs)
    }
}
