/// The article a document is about: its metadata and its normalized plain text.
public struct Article: Sendable, Hashable {
    /// A slug, also the file name: `ID.factcheck.xml`.
    public var id: String
    public var title: String
    public var url: String?
    public var publisher: String?
    public var authors: [String]
    /// A date (`2014-11-18`) or a UTC time, as the source gave it.
    public var published: String?
    /// When the article was retrieved, as a date or UTC time.
    public var retrieved: String?
    /// A BCP 47 language tag such as `en`.
    public var language: String?
    /// Photo captions, kept apart from the body text.
    public var captions: [String]
    /// The normalized plain text that claims are anchored in.
    public var text: String

    public init(
        id: String, title: String, url: String? = nil, publisher: String? = nil, authors: [String] = [],
        published: String? = nil, retrieved: String? = nil, language: String? = nil, captions: [String] = [],
        text: String
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.publisher = publisher
        self.authors = authors
        self.published = published
        self.retrieved = retrieved
        self.language = language
        self.captions = captions
        self.text = text
    }

    /// The SHA-256 of the text's UTF-8 bytes, as lower-case hex.
    public var textHash: String {
        SHA256.hex(ofUTF8: text)
    }
}
