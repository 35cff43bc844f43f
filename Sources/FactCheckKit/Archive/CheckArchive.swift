import LibXML

/// Another desk's published fact-check, as the workspace's archive keeps it.
public struct ArchivedCheck: Sendable, Hashable {
    /// The review's url: what identifies it.
    public var url: String
    public var claim: String
    public var claimant: String?
    /// The review's headline or body, shortened.
    public var summary: String?
    /// The rating on this desk's scale, when the published one maps to it.
    public var rating: Rating?
    /// The rating as published.
    public var ratingText: String?
    public var ratingValue: String?
    public var bestRating: String?
    public var worstRating: String?
    public var published: String?
    public var imported: String

    public init(
        url: String, claim: String, claimant: String? = nil, summary: String? = nil, rating: Rating? = nil,
        ratingText: String? = nil, ratingValue: String? = nil, bestRating: String? = nil, worstRating: String? = nil,
        published: String? = nil, imported: String
    ) {
        self.url = url
        self.claim = claim
        self.claimant = claimant
        self.summary = summary
        self.rating = rating
        self.ratingText = ratingText
        self.ratingValue = ratingValue
        self.bestRating = bestRating
        self.worstRating = worstRating
        self.published = published
        self.imported = imported
    }
}

/// One publisher's checks: `archive/SLUG.checks.xml` in the workspace (`Schemas/archive.xsd`).
public struct CheckArchive: Sendable, Hashable {
    public static let namespace = "urn:factcheck:archive:1"
    public static let folder = "archive"
    public static let fileSuffix = ".checks.xml"

    public var publisher: String
    public var checks: [ArchivedCheck]

    public init(publisher: String, checks: [ArchivedCheck] = []) {
        self.publisher = publisher
        self.checks = checks
    }

    /// The file name for `publisher`: its words in lower case, joined by hyphens.
    public static func fileName(for publisher: String) -> String {
        let words = publisher.lowercased().unicodeScalars.split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }
        let slug = words.map { String(String.UnicodeScalarView($0)) }.joined(separator: "-")
        return (slug.isEmpty ? "publisher" : String(slug.prefix(80))) + fileSuffix
    }

    /// Every archive file of the workspace at `root`, in name order.
    public static func paths(in root: String) -> [String] {
        let folder = PathNames.join(root, Self.folder)
        return FileSystem.names(in: folder).filter { $0.hasSuffix(fileSuffix) }.sorted().map { PathNames.join(folder, $0) }
    }

    /// The archive file at `path`, schema-checked.
    public static func load(path: String) throws(DocumentError) -> CheckArchive {
        var archive = CheckArchive(publisher: "")
        try stream(path: path, publisher: { archive.publisher = $0 }) { archive.checks.append($0) }
        return archive
    }

    /// Reads the archive file at `path` as a stream, one check at a time (memory holds one
    /// whatever the file's size), while libxml2 checks it against the schema on another core.
    /// What `check` was handed counts only if this returns: a file that fails the schema throws
    /// once it has been read to its end.
    public static func stream(
        path: String, publisher: (String) -> Void, check body: (ArchivedCheck) -> Void
    ) throws(DocumentError) {
        do throws(XMLError) {
            let file = try OpenInputFile(path)
            let schemaCheck = BackgroundWork("factcheck.archive-check") { () throws(XMLError) in
                try Schemas.archive.validate(streaming: file)
            }
            var failure: XMLError?
            do throws(XMLError) {
                let reader = try XMLStreamReader(file: file)
                if let root = try reader.nextElement(atDepth: 0), root.name == "archive", root.namespace == namespace {
                    publisher(reader.attribute("publisher") ?? "")
                    while let child = try reader.nextElement(atDepth: 1) {
                        guard child.name == "check" else { continue }
                        body(decode(try reader.expandedView()))
                    }
                    try reader.finish()
                }
            } catch {
                failure = error
            }
            // The schema's findings say best what is wrong; then the reader's.
            try schemaCheck.wait()
            if let failure { throw failure }
        } catch {
            throw DocumentError(error)
        }
    }

    private static func decode(_ check: some XMLElementReading) -> ArchivedCheck {
        let rating = check.element(named: "rating")
        return ArchivedCheck(
            url: check[attribute: "url"] ?? "", claim: check.element(named: "claim")?.text ?? "",
            claimant: check.element(named: "claimant")?.text, summary: check.element(named: "summary")?.text,
            rating: rating?[attribute: "normalized"].flatMap(Rating.init(rawValue:)), ratingText: rating?[attribute: "text"],
            ratingValue: rating?[attribute: "value"], bestRating: rating?[attribute: "best"],
            worstRating: rating?[attribute: "worst"], published: check[attribute: "published"],
            imported: check[attribute: "imported"] ?? "")
    }

    /// The file's content, checked against the schema before it is written.
    public func serialized(path: String) throws(DocumentError) -> String {
        func element(_ name: String, attributes: [(String, String?)] = [], text: String? = nil) -> XMLElement {
            XMLElement(
                name, namespace: Self.namespace,
                attributes: attributes.compactMap { name, value in value.map { (name, $0) } }, children: text.map { [.text($0)] } ?? [])
        }
        var root = element("archive", attributes: [("schemaVersion", "1"), ("publisher", publisher)])
        for check in checks {
            var node = element("check", attributes: [("url", check.url), ("published", check.published), ("imported", check.imported)])
            node.children.append(.element(element("claim", text: check.claim)))
            if let claimant = check.claimant { node.children.append(.element(element("claimant", text: claimant))) }
            if let summary = check.summary { node.children.append(.element(element("summary", text: summary))) }
            let ratingAttributes: [(String, String?)] = [
                ("normalized", check.rating?.rawValue), ("text", check.ratingText), ("value", check.ratingValue),
                ("best", check.bestRating), ("worst", check.worstRating),
            ]
            if ratingAttributes.contains(where: { $0.1 != nil }) {
                node.children.append(.element(element("rating", attributes: ratingAttributes)))
            }
            root.children.append(.element(node))
        }
        let text: String
        let findings: [Diagnostic]
        do {
            text = try XMLWriter.document(root)
            findings = Schemas.archive.findings(try XMLDocument.parse(Array(text.utf8), path: path))
        } catch {
            throw DocumentError(error)
        }
        guard findings.isEmpty else { throw .invalid(findings) }
        return text
    }
}
