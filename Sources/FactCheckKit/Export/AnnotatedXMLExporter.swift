import LibXML

/// The annotated article: its text with every exported claim marked inline, then the claims'
/// verdicts, sources and history; checked against `Schemas/annotated-article.xsd` before it is
/// returned.
///
/// Claims may overlap or touch, so the text is cut at every claim boundary and each piece is
/// wrapped in one `span` a covering claim, outermost first. A claim cut into pieces has one span
/// per piece, all with its id; removing every span gives back the text exactly.
public struct AnnotatedXMLExporter: Exporter {
    public static let namespace = "urn:factcheck:annotated-article:1"

    public let name = "annotated-xml"
    public let title = "annotated XML"

    public init() {}

    public func export(_ documents: [LoadedDocument], options: ExportOptions) throws(ExportError) -> ExportOutput {
        var root = Self.element("annotatedArticles", attributes: [("schemaVersion", "1")])
        for document in documents.map(\.document) {
            root.children.append(.element(Self.article(document, claims: options.claims(of: document))))
        }
        let text: String
        let findings: [Diagnostic]
        do throws(XMLError) {
            text = try XMLWriter.document(root, verbatim: ["text"])
            findings = Schemas.annotatedArticle.findings(try XMLDocument.parse(Array(text.utf8), path: "annotated-xml export"))
        } catch {
            throw ExportError(diagnostics: error.findings)
        }
        guard findings.isEmpty else { throw ExportError(diagnostics: findings) }
        return ExportOutput(text: text)
    }

    private static func article(_ document: AnnotationDocument, claims: [Claim]) -> XMLElement {
        let source = document.article
        var result = element("article", attributes: [("id", source.id)])
        result.children.append(.element(textElement("title", source.title)))
        for (name, value) in [("url", source.url), ("publisher", source.publisher)] {
            if let value { result.children.append(.element(textElement(name, value))) }
        }
        source.authors.forEach { result.children.append(.element(textElement("author", $0))) }
        for (name, value) in [("published", source.published), ("retrieved", source.retrieved), ("language", source.language)] {
            if let value { result.children.append(.element(textElement(name, value))) }
        }
        source.captions.forEach { result.children.append(.element(textElement("caption", $0))) }

        var text = element("text")
        for segment in TextSegments(text: source.text, claims: claims).segments {
            var node = XMLElement.Child.text(segment.text)
            for index in segment.claims.reversed() {
                let claim = claims[index]
                var attributes = [("claim", claim.id), ("status", claim.status.rawValue)]
                if let rating = claim.verdict?.rating { attributes.append(("rating", rating.rawValue)) }
                node = .element(XMLElement("span", namespace: namespace, attributes: attributes, children: [node]))
            }
            text.children.append(node)
        }
        result.children.append(.element(text))

        var list = element("claims")
        for claim in claims {
            var item = element(
                "claim",
                attributes: [("id", claim.id), ("status", claim.status.rawValue), ("start", String(claim.anchor.start)),
                             ("end", String(claim.anchor.end))])
            item.children.append(.element(textElement("quote", claim.anchor.exact)))
            if let claimant = claim.claimant { item.children.append(.element(textElement("claimant", claimant))) }
            if let verdict = claim.verdict {
                var verdictElement = element(
                    "verdict",
                    attributes: [("rating", verdict.rating.rawValue), ("ratingValue", String(verdict.rating.value)),
                                 ("reviewer", verdict.reviewer), ("time", verdict.time)])
                if let summary = verdict.summary { verdictElement.children.append(.element(textElement("summary", summary))) }
                item.children.append(.element(verdictElement))
            }
            claim.sources.forEach { item.children.append(.element(AnnotationCodec.encode($0, namespace: namespace))) }
            item.children.append(.element(AnnotationCodec.encode(claim.history, namespace: namespace)))
            list.children.append(.element(item))
        }
        result.children.append(.element(list))
        return result
    }

    private static func element(_ name: String, attributes: [(name: String, value: String)] = []) -> XMLElement {
        XMLElement(name, namespace: namespace, attributes: attributes)
    }

    private static func textElement(_ name: String, _ text: String, attributes: [(name: String, value: String)] = []) -> XMLElement {
        XMLElement(name, namespace: namespace, attributes: attributes, children: text.isEmpty ? [] : [.text(text)])
    }
}
