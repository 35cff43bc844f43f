/// W3C Web Annotation JSON-LD: one annotation per claim (motivation `assessing`), targeting the
/// article url with a TextQuoteSelector and a TextPositionSelector, the verdict and sources in the
/// body; as one AnnotationCollection, or one annotation a line.
public struct WebAnnotationExporter: Exporter {
    static let context = "http://www.w3.org/ns/anno.jsonld"

    struct Annotation: Encodable {
        var context: String?
        var id: String
        var type = "Annotation"
        var motivation = "assessing"
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
        var type = "Person"
        var name: String
    }

    struct Body: Encodable {
        var type: String?
        var id: String?
        var purpose: String
        var value: String?
        var format: String?
        var language: String?
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

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case id, type, label, total, first
        }
    }

    struct Page: Encodable {
        var id: String
        var type = "AnnotationPage"
        var startIndex = 0
        var items: [Annotation]
    }

    public let name = "web-annotation"
    public let title = "W3C Web Annotations"
    public let writesLines = true

    public init() {}

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
            return ExportOutput(text: annotations.map(StableJSONEncoder(oneLine: true).exportString).joined(separator: "\n") + "\n")
        }
        let ids = documents.map(\.document.article.id)
        let id = "urn:factcheck:annotations:\(ids.joined(separator: "+"))"
        let label = documents.count == 1
            ? "Claims in “\(documents[0].document.article.title)”" : "Claims in \(documents.count) articles"
        return ExportOutput(text: StableJSONEncoder().exportString(Collection(
            id: id, label: label, total: annotations.count, first: Page(id: id + ":page1", items: annotations))) + "\n")
    }

    private static func annotation(
        _ claim: Claim, article: Article, source: String, options: ExportOptions, standalone: Bool
    ) -> Annotation {
        var summary = "Status: \(claim.status.rawValue)."
        if let verdict = claim.verdict {
            summary = "Rating: \(verdict.rating.label) (\(verdict.rating.value) of 5)."
            if let text = verdict.summary { summary += " " + text }
        } else if claim.status.isReviewed && claim.status.isClosedByNote, let note = claim.history.last?.note {
            summary = "\(claim.status.label). " + note
        }
        var body = [Body(type: "TextualBody", purpose: "assessing", value: summary, format: "text/plain", language: article.language)]
        body += claim.sources.map { Body(id: $0.url, purpose: "linking") }
        let anchor = claim.anchor
        return Annotation(
            context: standalone ? Self.context : nil,
            id: options.reviewURL(document: article.id, claim: claim.id) ?? "urn:factcheck:\(article.id):\(claim.id)",
            created: claim.created,
            modified: claim.history.last?.time ?? claim.created,
            creator: (claim.verdict?.reviewer ?? claim.assignee).map { Agent(name: $0) },
            body: body,
            target: Target(source: source, selector: [
                Selector(type: "TextPositionSelector", start: anchor.start, end: anchor.end),
                Selector(
                    type: "TextQuoteSelector", exact: anchor.exact, prefix: anchor.prefix.isEmpty ? nil : anchor.prefix,
                    suffix: anchor.suffix.isEmpty ? nil : anchor.suffix),
            ]))
    }
}
