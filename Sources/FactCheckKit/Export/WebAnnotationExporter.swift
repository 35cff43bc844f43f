/// W3C Web Annotation JSON-LD: one annotation per claim, targeting the article url with a
/// TextPositionSelector and a TextQuoteSelector; as one AnnotationCollection, or one annotation a
/// line. Checked in the tests against the W3C web-annotation-tests suite.
///
/// A reviewed claim is `assessing`: its first body is the verdict (or why it cannot be verified).
/// A dismissed claim is `commenting` (the note saying why); a pending or in-review claim is only
/// `highlighting`, with a body describing its status. Each cited source is a SpecificResource body
/// with purpose `linking`, whose `source` names the page with its title and publisher, and whose
/// `rdfs:comment` says how it bears on the claim: supports, refutes or context.
public struct WebAnnotationExporter: Exporter {
    static let context = "http://www.w3.org/ns/anno.jsonld"

    public let name = "web-annotation"
    public let title = "W3C Web Annotations"
    public let writesLines = true

    public init() {}

    struct Annotation: Encodable {
        var context: String?
        var id: String
        var type = "Annotation"
        var motivation: String
        var created: String
        var modified: String
        var creator: Agent?
        var body: [Body]
        var target: Target

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case id, type, motivation, created, modified, creator, body, target
        }
    }

    struct Agent: Encodable {
        var id: String
        var type = "Person"
        var name: String
    }

    /// A TextualBody (`value`) or a SpecificResource (`source`).
    struct Body: Encodable {
        var type: String
        var purpose: String
        var value: String?
        var format: String?
        var language: String?
        var created: String?
        var creator: Agent?
        var source: LinkedPage?
        var relation: String?

        enum CodingKeys: String, CodingKey {
            case type, purpose, value, format, language, created, creator, source
            case relation = "rdfs:comment"
        }
    }

    /// A cited page, as the External Web Resource a SpecificResource body points at.
    struct LinkedPage: Encodable {
        var id: String
        var type = "Text"
        var title: String?
        var publisher: String?

        enum CodingKeys: String, CodingKey {
            case id, type
            case title = "dcterms:title"
            case publisher = "dcterms:publisher"
        }
    }

    struct Target: Encodable {
        var type = "SpecificResource"
        var source: String
        var selector: [Selector]
    }

    struct Selector: Encodable {
        var type: String
        var start: Int?
        var end: Int?
        var exact: String?
        var prefix: String?
        var suffix: String?
    }

    struct Collection: Encodable {
        var context = WebAnnotationExporter.context
        var id: String
        var type = "AnnotationCollection"
        var label: String
        var total: Int
        var first: Page
        var last: String

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case id, type, label, total, first, last
        }
    }

    /// The collection a page is part of, described as the model's example does.
    struct PartOf: Encodable {
        var id: String
        var label: String
        var total: Int
    }

    struct Page: Encodable {
        var id: String
        var type = "AnnotationPage"
        var partOf: PartOf
        var startIndex = 0
        var items: [Annotation]
    }

    /// The collection (or, with `options.lines`, one annotation a line).
    public func export(_ documents: [LoadedDocument], options: ExportOptions) throws(ExportError) -> ExportOutput {
        let lines = options.lines
        var annotations: [Annotation] = []
        for (document, path) in documents.map({ ($0.document, $0.path) }) {
            let article = document.article
            guard let articleURL = article.url else {
                throw ExportError(path, "document \(article.id) has no article url, which a Web Annotation targets; import the article with --url")
            }
            for claim in options.claims(of: document) {
                annotations.append(Self.annotation(claim, article: article, source: articleURL, options: options, standalone: lines))
            }
        }
        if lines {
            let encoder = StableJSONEncoder(oneLine: true)
            return ExportOutput(text: annotations.map { encoder.embeddableString($0) }.joined(separator: "\n") + "\n")
        }
        let ids = documents.map(\.document.article.id)
        let id = "urn:factcheck:annotations:\(ids.joined(separator: "+"))"
        let label = documents.count == 1
            ? "Claims in “\(documents[0].document.article.title)”" : "Claims in \(documents.count) articles"
        let page = id + ":page1"
        return ExportOutput(text: StableJSONEncoder().embeddableString(Collection(
            id: id, label: label, total: annotations.count, first: Page(id: page, partOf: PartOf(id: id, label: label, total: annotations.count), items: annotations),
            last: page)) + "\n")
    }

    /// The reviewer as an Agent; a name has no IRI of its own, so the id is a URN made from it.
    static func agent(_ name: String) -> Agent {
        let slug = ArticleImporter.slug(name)
        return Agent(id: "urn:factcheck:reviewer:\(slug.isEmpty ? "unnamed" : slug)", name: name)
    }

    private static func annotation(
        _ claim: Claim, article: Article, source: String, options: ExportOptions, standalone: Bool
    ) -> Annotation {
        let status = claim.status
        // When the annotation came to be what it is: the event that led the claim into its status.
        let statusSince = claim.history.last { $0.to == status && $0.from != status }?.time ?? claim.created
        let creator = (claim.verdict?.reviewer ?? claim.assignee ?? (status.isClosedByNote ? claim.history.last?.actor : nil))
            .map(agent)
        let motivation: String, purpose: String, summary: String
        if let verdict = claim.verdict, status.hasVerdict {
            (motivation, purpose) = ("assessing", "assessing")
            summary = "Rating: \(verdict.rating.label) (\(verdict.rating.value) of 5)." + (verdict.summary.map { " " + $0 } ?? "")
        } else if status.isClosedByNote, let note = claim.history.last?.note {
            (motivation, purpose) = status.isReviewed ? ("assessing", "assessing") : ("commenting", "commenting")
            summary = "\(status.label). " + note
        } else {
            (motivation, purpose) = ("highlighting", "describing")
            summary = "Status: \(status.rawValue)."
        }
        var body = [Body(
            type: "TextualBody", purpose: purpose, value: summary, format: "text/plain", language: article.language,
            created: status.isReviewed || status.isClosedByNote ? statusSince : nil, creator: creator)]
        body += claim.sources.map { cited in
            Body(
                type: "SpecificResource", purpose: "linking",
                source: LinkedPage(id: cited.url, title: cited.title, publisher: cited.publisher),
                relation: cited.relation.rawValue)
        }
        let anchor = claim.anchor
        return Annotation(
            context: standalone ? context : nil,
            id: options.reviewURL(document: article.id, claim: claim.id) ?? "urn:factcheck:\(article.id):\(claim.id)",
            motivation: motivation,
            created: statusSince,
            modified: claim.history.last?.time ?? claim.created,
            creator: creator,
            body: body,
            target: Target(source: source, selector: [
                Selector(type: "TextPositionSelector", start: anchor.start, end: anchor.end),
                Selector(
                    type: "TextQuoteSelector", exact: anchor.exact, prefix: anchor.prefix.isEmpty ? nil : anchor.prefix,
                    suffix: anchor.suffix.isEmpty ? nil : anchor.suffix),
            ]))
    }
}
