import LibXML

/// Reads an annotation document a claim at a time, with the same checks as `DocumentLoader`.
///
/// A document larger than `streamingThreshold` is streamed (safe parse, XSD validation as it
/// reads, the semantic rules claim by claim), holding one claim's subtree at a time, so memory
/// does not grow with the number of claims; its schema findings are located where the validator
/// notices them, at or after the element's start, without a column. Smaller documents are read
/// whole, which is as fast and locates every finding at its start tag.
public enum DocumentStream {
    /// Documents above this size are streamed.
    public static let streamingThreshold = 4 * 1024 * 1024

    /// Reads the document at `path`, handing `article` the article and then `claim` each claim in
    /// order.
    ///
    /// Throws, after the whole document was read, if anything in it is wrong; what was already
    /// handed out is then to be discarded.
    public static func read(
        path: String, streamingAbove threshold: Int = streamingThreshold, article: (Article) -> Void = { _ in },
        claim: (Claim) -> Void
    ) throws(DocumentError) {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path)
        } catch {
            throw DocumentError(error)
        }
        guard bytes.count > threshold else {
            let document = try DocumentLoader.load(bytes: bytes, path: path).document
            article(document.article)
            document.claims.forEach(claim)
            return
        }
        try stream(bytes, path: path, article: article) { decoded, _ in claim(decoded) }
    }

    /// Streams `bytes` whatever their size, handing out each claim with where its parts are.
    static func stream(
        _ bytes: [UInt8], path: String, article: (Article) -> Void,
        claim: (Claim, SourceMap.ClaimLocations) -> Void
    ) throws(DocumentError) {
        do {
            try read(bytes, path: path, article: article, claim: claim)
        } catch {
            throw DocumentError(error)
        }
    }

    private static func read(
        _ bytes: [UInt8], path: String, article articleBody: (Article) -> Void,
        claim body: (Claim, SourceMap.ClaimLocations) -> Void
    ) throws(XMLError) {
        let reader = try XMLStreamReader(bytes: bytes, path: path, schema: Schemas.annotation)
        var checker = SemanticRules.Checker(path: path, map: SourceMap(source: reader.source))
        var article: Article?
        guard let root = try reader.nextElement(atDepth: 0),
              root.name == "factcheck", root.namespace == AnnotationDocument.namespace
        else {
            // Not an annotation document: reading on lets the schema say what is wrong.
            try reader.finish()
            throw .malformed([XMLDiagnostic(file: path, message: "not an annotation document")])
        }
        do throws(DocumentError) {
            while let child = try reader.nextElementOrThrow(atDepth: 1) {
                let element = try reader.expandOrThrow()
                switch child.name {
                case "article":
                    let storedHash = element.element(named: "text")?[attribute: "sha256"]
                    let (decoded, textLocation) = try AnnotationCodec.decodeArticle(element, path: path, source: reader.source)
                    checker = SemanticRules.Checker(path: path, map: SourceMap(source: reader.source, text: textLocation))
                    checker.checkArticle(decoded, storedTextHash: storedHash)
                    article = decoded
                    if checker.diagnostics.isEmpty { articleBody(decoded) }
                case "claim":
                    let (claim, locations) = try AnnotationCodec.decodeClaim(element, path: path, source: reader.source)
                    checker.checkClaim(claim, locations: locations)
                    if checker.diagnostics.isEmpty { body(claim, locations) }
                default:
                    break  // the schema reports it
                }
            }
        } catch {
            // A decoding problem the schema did not catch first: report the schema's findings if any.
            try? reader.finish()
            throw .malformed(error.diagnostics)
        }
        try reader.finish()
        let findings = checker.diagnostics
        guard findings.isEmpty, article != nil else {
            throw .malformed(findings.isEmpty ? [XMLDiagnostic(file: path, message: "document has no article")] : findings)
        }
    }
}

extension XMLStreamReader {
    /// `nextElement(atDepth:)`, with libxml2's findings as a document error.
    fileprivate func nextElementOrThrow(atDepth depth: Int) throws(DocumentError) -> (name: String, namespace: String?)? {
        do {
            return try nextElement(atDepth: depth)
        } catch {
            throw DocumentError(error)
        }
    }

    fileprivate func expandOrThrow() throws(DocumentError) -> XMLElement {
        do {
            return try expand()
        } catch {
            throw DocumentError(error)
        }
    }
}
