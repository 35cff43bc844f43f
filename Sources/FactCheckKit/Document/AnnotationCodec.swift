import LibXML

/// Maps annotation documents to XML element trees and back, in the one fixed order the schema gives.
public enum AnnotationCodec {
    // MARK: Encoding

    /// The root element for `document`; written with `XMLWriter` it is the file's content.
    static func encode(_ document: AnnotationDocument) -> XMLElement {
        var root = element("factcheck", attributes: [("schemaVersion", AnnotationDocument.schemaVersion)])
        root.children.append(.element(encode(document.article)))
        root.children += document.claims.map { .element(encode($0)) }
        return root
    }

    /// The document as file content, deterministic for a given value; invalid if a value cannot be
    /// written as XML 1.0 (a control character, say).
    public static func serialize(_ document: AnnotationDocument) throws(DocumentError) -> String {
        do throws(XMLError) {
            return try serializeXML(document)
        } catch {
            throw DocumentError(error)
        }
    }

    /// `serialize`, with the XML layer's error.
    static func serializeXML(_ document: AnnotationDocument) throws(XMLError) -> String {
        try XMLWriter.document(encode(document))
    }

    /// One claim as `serialize` writes it inside its document: from the indentation of
    /// `<claim` to `</claim>`.
    static func serializeXML(_ claim: Claim) throws(XMLError) -> String {
        try XMLWriter.fragment(encode(claim), depth: 1, parentNamespace: AnnotationDocument.namespace)
    }

    private static func encode(_ article: Article) -> XMLElement {
        var result = element("article", attributes: [("id", article.id)])
        result.append(textElement("title", article.title))
        result.append(optional: article.url.map { textElement("url", $0) })
        result.append(optional: article.publisher.map { textElement("publisher", $0) })
        article.authors.forEach { result.append(textElement("author", $0)) }
        result.append(optional: article.published.map { textElement("published", $0) })
        result.append(optional: article.retrieved.map { textElement("retrieved", $0) })
        result.append(optional: article.language.map { textElement("language", $0) })
        article.captions.forEach { result.append(textElement("caption", $0)) }
        result.append(textElement("text", article.text, attributes: [("sha256", article.textHash)]))
        return result
    }

    private static func encode(_ claim: Claim) -> XMLElement {
        var result = element(
            "claim", attributes: [("id", claim.id), ("status", claim.status.rawValue), ("created", claim.created)])
        var anchor = element(
            "anchor", attributes: [("start", String(claim.anchor.start)), ("end", String(claim.anchor.end))])
        anchor.append(textElement("prefix", claim.anchor.prefix))
        anchor.append(textElement("exact", claim.anchor.exact))
        anchor.append(textElement("suffix", claim.anchor.suffix))
        result.append(anchor)
        result.append(optional: claim.claimant.map { textElement("claimant", $0) })
        claim.topics.forEach { result.append(textElement("topic", $0)) }
        result.append(optional: claim.assignee.map { textElement("assignee", $0) })
        if let score = claim.score {
            var scoreElement = element("score", attributes: [("value", DecimalFormat.string(score.value))])
            for feature in score.features {
                scoreElement.append(
                    element("feature", attributes: [("name", feature.name), ("weight", DecimalFormat.string(feature.weight))]))
            }
            result.append(scoreElement)
        }
        if let verdict = claim.verdict {
            result.append(encode(verdict, as: "verdict"))
        }
        for old in claim.superseded {
            result.append(encode(old.verdict, as: "superseded", adding: [("by", old.by), ("at", old.at)]))
        }
        if let conflict = claim.conflict {
            var conflictElement = element("conflict")
            conflictElement.append(encode(conflict.ours, as: "ours"))
            conflictElement.append(encode(conflict.theirs, as: "theirs"))
            result.append(conflictElement)
        }
        claim.sources.forEach { result.append(encode($0, namespace: AnnotationDocument.namespace)) }
        for note in claim.notes {
            result.append(textElement("note", note.text, attributes: [("author", note.author), ("time", note.time)]))
        }
        result.append(encode(claim.history, namespace: AnnotationDocument.namespace))
        return result
    }

    private static func encode(_ verdict: Verdict, as name: String, adding extra: [(name: String, value: String)] = []) -> XMLElement {
        var result = element(
            name, attributes: [("rating", verdict.rating.rawValue), ("reviewer", verdict.reviewer), ("time", verdict.time)] + extra)
        result.append(optional: verdict.summary.map { textElement("summary", $0) })
        return result
    }

    private static func encode(_ outcome: VerdictConflict.Outcome, as name: String) -> XMLElement {
        var attributes = [("status", outcome.status.rawValue)]
        if let rating = outcome.verdict?.rating { attributes.append(("rating", rating.rawValue)) }
        attributes += [("actor", outcome.actor), ("time", outcome.time)]
        var result = element(name, attributes: attributes)
        result.append(optional: (outcome.verdict?.summary ?? outcome.note).map { textElement("summary", $0) })
        return result
    }

    /// A source as its `source` element, in `namespace` (the annotated export shares the shape).
    static func encode(_ source: Source, namespace: String) -> XMLElement {
        var attributes = [("url", source.url), ("relation", source.relation.rawValue)]
        if let accessed = source.accessed { attributes.append(("accessed", accessed)) }
        var result = XMLElement("source", namespace: namespace, attributes: attributes)
        for (name, value) in [("title", source.title), ("publisher", source.publisher), ("archived", source.archived),
                              ("excerpt", source.excerpt)] {
            if let value { result.append(XMLElement(name, namespace: namespace, children: [.text(value)])) }
        }
        return result
    }

    /// A claim's history as its `history` element, in `namespace`.
    static func encode(_ history: [HistoryEvent], namespace: String) -> XMLElement {
        var result = XMLElement("history", namespace: namespace)
        for event in history {
            var attributes = [("time", event.time), ("actor", event.actor), ("action", event.action.rawValue)]
            if let from = event.from { attributes.append(("from", from.rawValue)) }
            attributes.append(("to", event.to.rawValue))
            if let rating = event.rating { attributes.append(("rating", rating.rawValue)) }
            if !event.urls.isEmpty { attributes.append(("sources", event.urls.joined(separator: " "))) }
            let note = event.note ?? ""
            result.append(XMLElement("event", namespace: namespace, attributes: attributes, children: note.isEmpty ? [] : [.text(note)]))
        }
        return result
    }

    private static func element(_ name: String, attributes: [(name: String, value: String)] = []) -> XMLElement {
        XMLElement(name, namespace: AnnotationDocument.namespace, attributes: attributes)
    }

    private static func textElement(
        _ name: String, _ text: String, attributes: [(name: String, value: String)] = []
    ) -> XMLElement {
        XMLElement(
            name, namespace: AnnotationDocument.namespace, attributes: attributes,
            children: text.isEmpty ? [] : [.text(text)])
    }

    // MARK: Decoding

    /// Reads a document from a schema-valid root element; `source` finds columns for the source map.
    static func decode<Element: XMLElementReading>(
        _ root: Element, path: String, source: SourceText? = nil
    ) throws(DocumentError) -> (AnnotationDocument, SourceMap) {
        var reader = ElementReader(path: path, source: source)
        guard root.name == "factcheck", root.namespace == AnnotationDocument.namespace else {
            throw reader.failure(
                root, "root element is '\(root.name)' in namespace '\(root.namespace ?? "")', "
                    + "expected 'factcheck' in '\(AnnotationDocument.namespace)'")
        }
        let (article, textLocation) = try decodeArticle(try reader.required("article", in: root), reader: reader)
        var map = SourceMap(source: source, text: textLocation)
        var claims: [Claim] = []
        for claimElement in root.elements(named: "claim") {
            let (claim, locations) = try decodeClaim(claimElement, reader: &reader)
            claims.append(claim)
            map.claims.append(locations)
        }
        return (AnnotationDocument(article: article, claims: claims), map)
    }

    /// The article from its element, and where its text stands.
    static func decodeArticle<Element: XMLElementReading>(
        _ articleElement: Element, path: String, source: SourceText?
    ) throws(DocumentError) -> (Article, SourceLocation) {
        try decodeArticle(articleElement, reader: ElementReader(path: path, source: source))
    }

    /// One claim from its element, and where its parts stand.
    static func decodeClaim<Element: XMLElementReading>(
        _ element: Element, path: String, source: SourceText?
    ) throws(DocumentError) -> (Claim, SourceMap.ClaimLocations) {
        var reader = ElementReader(path: path, source: source)
        return try decodeClaim(element, reader: &reader)
    }

    private static func decodeArticle<Element: XMLElementReading>(
        _ articleElement: Element, reader: ElementReader
    ) throws(DocumentError) -> (Article, SourceLocation) {
        let textElement = try reader.required("text", in: articleElement)
        let article = Article(
            id: try reader.attribute("id", of: articleElement),
            title: try reader.required("title", in: articleElement).text,
            url: articleElement.element(named: "url")?.text,
            publisher: articleElement.element(named: "publisher")?.text,
            authors: articleElement.elements(named: "author").map(\.text),
            published: articleElement.element(named: "published")?.text,
            retrieved: articleElement.element(named: "retrieved")?.text,
            language: articleElement.element(named: "language")?.text,
            captions: articleElement.elements(named: "caption").map(\.text),
            text: textElement.text
        )
        return (article, reader.location(of: textElement))
    }

    private static func decodeClaim<Element: XMLElementReading>(
        _ element: Element, reader: inout ElementReader
    ) throws(DocumentError) -> (Claim, SourceMap.ClaimLocations) {
        let anchorElement = try reader.required("anchor", in: element)
        let anchor = Anchor(
            start: try reader.integer("start", of: anchorElement),
            end: try reader.integer("end", of: anchorElement),
            prefix: try reader.required("prefix", in: anchorElement).text,
            exact: try reader.required("exact", in: anchorElement).text,
            suffix: try reader.required("suffix", in: anchorElement).text
        )
        var score: Score?
        if let scoreElement = element.element(named: "score") {
            var features: [Feature] = []
            for feature in scoreElement.elements(named: "feature") {
                features.append(
                    Feature(name: try reader.attribute("name", of: feature), weight: try reader.number("weight", of: feature)))
            }
            score = Score(value: try reader.number("value", of: scoreElement), features: features)
        }
        let verdictElement = element.element(named: "verdict")
        var verdict = try verdictElement.map { (found) throws(DocumentError) in try decodeVerdict(found, reader: reader) }
        var superseded: [SupersededVerdict] = []
        for old in element.elements(named: "superseded") {
            superseded.append(
                SupersededVerdict(
                    verdict: try decodeVerdict(old, reader: reader), by: try reader.attribute("by", of: old),
                    at: try reader.attribute("at", of: old)))
        }
        var conflict: VerdictConflict?
        if let conflictElement = element.element(named: "conflict") {
            conflict = VerdictConflict(
                ours: try decodeOutcome(try reader.required("ours", in: conflictElement), reader: reader),
                theirs: try decodeOutcome(try reader.required("theirs", in: conflictElement), reader: reader))
        }
        var sources: [Source] = []
        for sourceElement in element.elements(named: "source") {
            sources.append(
                Source(
                    url: try reader.attribute("url", of: sourceElement),
                    relation: try reader.enumeration("relation", of: sourceElement),
                    accessed: sourceElement[attribute: "accessed"],
                    title: sourceElement.element(named: "title")?.text,
                    publisher: sourceElement.element(named: "publisher")?.text,
                    archived: sourceElement.element(named: "archived")?.text,
                    excerpt: sourceElement.element(named: "excerpt")?.text
                ))
        }
        var notes: [Note] = []
        for noteElement in element.elements(named: "note") {
            notes.append(
                Note(
                    author: try reader.attribute("author", of: noteElement),
                    time: try reader.attribute("time", of: noteElement), text: noteElement.text))
        }
        var history: [HistoryEvent] = []
        var historyLocations: [SourceLocation] = []
        for eventElement in try reader.required("history", in: element).elements(named: "event") {
            let note = eventElement.text
            history.append(
                HistoryEvent(
                    time: try reader.attribute("time", of: eventElement),
                    actor: try reader.attribute("actor", of: eventElement),
                    action: try reader.enumeration("action", of: eventElement),
                    from: try eventElement[attribute: "from"].map { (value) throws(DocumentError) in
                        try reader.enumeration(value, named: "from", of: eventElement)
                    },
                    to: try reader.enumeration("to", of: eventElement),
                    note: note.isEmpty ? nil : note,
                    rating: try eventElement[attribute: "rating"].map { (value) throws(DocumentError) in
                        try reader.enumeration(value, named: "rating", of: eventElement)
                    },
                    urls: eventElement[attribute: "sources"].map { $0.split(separator: " ").map(String.init) } ?? []
                ))
            historyLocations.append(reader.location(of: eventElement))
        }
        let status: Status = try reader.enumeration("status", of: element)
        if let current = verdict, !status.hasVerdict {
            // The shape before verdict history: reopening left the verdict in place. It no longer
            // stands, so it reads as superseded, by the reopening (the next write stores it so).
            let reopening = history.last { $0.action == .reopen }
            superseded.append(
                SupersededVerdict(verdict: current, by: reopening?.actor ?? current.reviewer, at: reopening?.time ?? current.time))
            verdict = nil
        }
        let claim = Claim(
            id: try reader.attribute("id", of: element),
            status: status,
            created: try reader.attribute("created", of: element),
            anchor: anchor,
            claimant: element.element(named: "claimant")?.text,
            topics: element.elements(named: "topic").map(\.text),
            assignee: element.element(named: "assignee")?.text,
            score: score, verdict: verdict, superseded: superseded, conflict: conflict, sources: sources, notes: notes,
            history: history
        )
        let locations = SourceMap.ClaimLocations(
            claim: reader.location(of: element), anchor: reader.location(of: anchorElement),
            verdict: verdictElement.map { reader.location(of: $0) } ?? reader.location(of: element),
            history: historyLocations)
        return (claim, locations)
    }
}

extension AnnotationCodec {
    private static func decodeVerdict<Element: XMLElementReading>(
        _ element: Element, reader: ElementReader
    ) throws(DocumentError) -> Verdict {
        Verdict(
            rating: try reader.enumeration("rating", of: element),
            summary: element.element(named: "summary")?.text,
            reviewer: try reader.attribute("reviewer", of: element),
            time: try reader.attribute("time", of: element))
    }

    private static func decodeOutcome<Element: XMLElementReading>(
        _ element: Element, reader: ElementReader
    ) throws(DocumentError) -> VerdictConflict.Outcome {
        let actor = try reader.attribute("actor", of: element)
        let time = try reader.attribute("time", of: element)
        let summary = element.element(named: "summary")?.text
        let rating = try element[attribute: "rating"].map { (value) throws(DocumentError) -> Rating in
            try reader.enumeration(value, named: "rating", of: element)
        }
        return VerdictConflict.Outcome(
            status: try reader.enumeration("status", of: element),
            verdict: rating.map { Verdict(rating: $0, summary: summary, reviewer: actor, time: time) },
            note: rating == nil ? summary : nil, actor: actor, time: time)
    }
}

extension XMLElement {
    fileprivate mutating func append(_ element: XMLElement) {
        children.append(.element(element))
    }

    fileprivate mutating func append(optional element: XMLElement?) {
        if let element { children.append(.element(element)) }
    }
}

/// Reads required parts of elements, turning anything missing into a located error.
private struct ElementReader {
    let path: String
    let source: SourceText?

    func location(of element: some XMLElementReading) -> SourceLocation {
        SourceLocation(line: element.line, tag: element.name)
    }

    func failure(_ element: some XMLElementReading, _ message: String) -> DocumentError {
        .invalid([SourceMap(source: source).diagnostic(path, at: location(of: element), message)])
    }

    func required<Element: XMLElementReading>(_ name: String, in element: Element) throws(DocumentError) -> Element {
        guard let child = element.element(named: name) else {
            throw failure(element, "element '\(element.name)' has no '\(name)'")
        }
        return child
    }

    func attribute(_ name: String, of element: some XMLElementReading) throws(DocumentError) -> String {
        guard let value = element[attribute: name] else {
            throw failure(element, "element '\(element.name)' has no attribute '\(name)'")
        }
        return value
    }

    func integer(_ name: String, of element: some XMLElementReading) throws(DocumentError) -> Int {
        let text = try attribute(name, of: element)
        guard let value = Int(text.trimmingWhitespace()) else {
            throw failure(element, "attribute '\(name)' is '\(Excerpt.sanitized(text))', expected a whole number")
        }
        return value
    }

    func number(_ name: String, of element: some XMLElementReading) throws(DocumentError) -> Double {
        let text = try attribute(name, of: element)
        guard let value = Double(text.trimmingWhitespace()) else {
            throw failure(element, "attribute '\(name)' is '\(Excerpt.sanitized(text))', expected a number")
        }
        return value
    }

    func enumeration<T: RawRepresentable<String> & CaseIterable>(
        _ name: String, of element: some XMLElementReading
    ) throws(DocumentError) -> T {
        try enumeration(attribute(name, of: element), named: name, of: element)
    }

    func enumeration<T: RawRepresentable<String> & CaseIterable>(
        _ value: String, named name: String, of element: some XMLElementReading
    ) throws(DocumentError) -> T {
        guard let result = T(rawValue: value.trimmingWhitespace()) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure(element, "attribute '\(name)' is '\(Excerpt.sanitized(value))', expected one of: \(allowed)")
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing white space (XSD token values may carry it).
    func trimmingWhitespace() -> String {
        // Most values start and end with a visible ASCII character: decided on two bytes, without
        // looking up Unicode properties.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        guard unicodeScalars.first?.properties.isWhitespace == true || unicodeScalars.last?.properties.isWhitespace == true
        else { return self }
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
