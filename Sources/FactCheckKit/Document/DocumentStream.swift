import LibXML

/// Reads an annotation document a claim at a time, with the same checks as `DocumentLoader`.
///
/// A document larger than `streamingThreshold` is streamed (safe parse, XSD validation as it
/// reads, the semantic rules claim by claim), holding one claim's subtree at a time, so memory
/// does not grow with the number of claims; its schema findings are located where the validator
/// notices them, at or after the element's start, without a column (semantic findings past the
/// file's first 64 KiB have none either). Smaller documents are read whole, which is as fast and
/// locates every finding at its start tag.
public enum DocumentStream {
    /// Documents above this size are streamed. libxml2's tree of a document takes about fifteen
    /// times its size (a 4 MB document read whole took 82 MiB), and a workspace is read on every
    /// core at once: at 128 KiB two trees stay near 2 MiB each.
    public static let streamingThreshold = 128 * 1024

    /// Reads the document at `path`, handing `article` the article and then `claim` each claim in
    /// order.
    ///
    /// Throws, after the whole document was read, if anything in it is wrong; what was already
    /// handed out is then to be discarded.
    public static func read(
        path: String, streamingAbove threshold: Int = streamingThreshold, article: (Article) -> Void = { _ in },
        claim: (Claim) -> Void
    ) throws(DocumentError) {
        try read(path: path, streamingAbove: threshold, hashedArticle: { decoded, _ in article(decoded) }, claim: claim)
    }

    /// `read`, handing the article with the SHA-256 of its text as the file records it (checked
    /// against the text already, so it is not worked out twice).
    public static func read(
        path: String, streamingAbove threshold: Int = streamingThreshold, hashedArticle article: (Article, String) -> Void,
        claim: (Claim) -> Void
    ) throws(DocumentError) {
        let file: OpenInputFile
        let bytes: [UInt8]?
        do throws(XMLError) {
            file = try OpenInputFile(path)
            bytes = file.size > threshold ? nil : try file.readUncompressed()
        } catch {
            throw DocumentError(error)
        }
        guard let bytes else {
            try stream(file, hashedArticle: article) { decoded, _ in claim(decoded) }
            return
        }
        let loaded = try DocumentLoader.load(bytes: bytes, path: path)
        article(loaded.document.article, loaded.textHash)
        loaded.document.claims.forEach(claim)
    }

    /// Streams `file` whatever its size, handing out each claim with where its parts are (their
    /// columns only within the file's first 64 KiB): `read` for a file already open.
    static func stream(
        _ file: OpenInputFile, article: (Article) -> Void, claim: (Claim, SourceMap.ClaimLocations) -> Void
    ) throws(DocumentError) {
        try stream(file, hashedArticle: { decoded, _ in article(decoded) }, claim: claim)
    }

    static func stream(
        _ file: OpenInputFile, hashedArticle article: (Article, String) -> Void, claim: (Claim, SourceMap.ClaimLocations) -> Void
    ) throws(DocumentError) {
        do throws(XMLError) {
            try checkingSchemaMeanwhile(file) { () throws(XMLError) in
                try decode(file, path: file.path, article: article, claim: claim)
            }
        } catch {
            // Only a failed read looks for git's markers: reading on costs nothing otherwise.
            if case .malformed = error, let bytes = try? file.readUncompressed(), let line = ConflictMarkers.firstLine(in: bytes) {
                throw ConflictMarkers.error(path: file.path, line: line)
            }
            throw DocumentError(error)
        }
    }

    /// Runs `work` (decoding the document and applying the semantic rules) while libxml2 validates
    /// `file` against the schema on another core. On a long document the validation is most of the
    /// work, and the decoding does not depend on it. The schema's findings come first, as in a
    /// whole read.
    private static func checkingSchemaMeanwhile(
        _ file: OpenInputFile, _ work: () throws(XMLError) -> Void
    ) throws(XMLError) {
        let schemaCheck = BackgroundWork("factcheck.schema-check") { () throws(XMLError) in
            try Schemas.annotation.validate(streaming: file)
        }
        var failure: XMLError?
        do {
            try work()
        } catch {
            failure = error
        }
        try schemaCheck.wait()
        if let failure { throw failure }
    }

    /// Decodes `file` with a reader that checks well-formedness only (the schema check runs beside it)
    /// and applies the semantic rules.
    private static func decode(
        _ file: OpenInputFile, path: String, article articleBody: (Article, String) -> Void,
        claim body: (Claim, SourceMap.ClaimLocations) -> Void
    ) throws(XMLError) {
        let reader = try XMLStreamReader(file: file)
        var checker = SemanticRules.Checker(path: path, map: SourceMap(source: reader.source))
        var article: Article?
        guard let root = try reader.nextElement(atDepth: 0),
              root.name == "factcheck", root.namespace == AnnotationDocument.namespace
        else {
            // Not an annotation document: the schema check says what is wrong.
            throw .malformed([XMLDiagnostic(file: path, message: "not an annotation document")])
        }
        do throws(DocumentError) {
            while let child = try reader.nextElementOrThrow(atDepth: 1) {
                let element = try reader.expandedViewOrThrow()
                switch child.name {
                case "article":
                    let storedHash = element.element(named: "text")?[attribute: "sha256"]
                    let (decoded, textLocation) = try AnnotationCodec.decodeArticle(element, path: path, source: reader.source)
                    checker = SemanticRules.Checker(path: path, map: SourceMap(source: reader.source, text: textLocation))
                    checker.checkArticle(decoded, storedTextHash: storedHash)
                    article = decoded
                    if checker.diagnostics.isEmpty { articleBody(decoded, storedHash ?? decoded.textHash) }
                case "claim":
                    let (claim, locations) = try AnnotationCodec.decodeClaim(element, path: path, source: reader.source)
                    checker.checkClaim(claim, locations: locations)
                    if checker.diagnostics.isEmpty { body(claim, locations) }
                default:
                    break  // the schema check reports it
                }
            }
        } catch {
            throw .malformed(error.diagnostics.map(XMLDiagnostic.init))
        }
        try reader.finish()
        let findings = checker.diagnostics
        guard findings.isEmpty, article != nil else {
            throw .malformed(findings.isEmpty ? [XMLDiagnostic(file: path, message: "document has no article")] : findings.map(XMLDiagnostic.init))
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

    fileprivate func expandedViewOrThrow() throws(DocumentError) -> XMLNodeView {
        do {
            return try expandedView()
        } catch {
            throw DocumentError(error)
        }
    }
}
