import LibXML

/// An annotation document read from a file, checked, with where its parts stand in the file.
public struct LoadedDocument: Sendable {
    public var path: String
    public var document: AnnotationDocument
    public var sourceMap: SourceMap
    /// The SHA-256 of the article's text, as the file records it and as it was checked to be.
    public var textHash: String
}

/// Reads annotation documents: safe parse, XSD validation, decoding, then the semantic rules.
public enum DocumentLoader {
    /// The document at `path`, or every reason it cannot be used.
    public static func load(path: String) throws(DocumentError) -> LoadedDocument {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path)
        } catch {
            throw DocumentError(error)
        }
        return try load(bytes: bytes, path: path)
    }

    /// The document in `bytes`, named `path` in diagnostics; the same checks as a file read.
    public static func load(bytes: [UInt8], path: String) throws(DocumentError) -> LoadedDocument {
        // The libxml2 tree is freed as soon as it is validated and decoded, before the semantic rules.
        let (document, map, storedHash) = try decodeValidated(bytes, path: path)
        let findings = SemanticRules.check(document, map: map, path: path, storedTextHash: storedHash)
        guard findings.isEmpty else { throw .invalid(findings) }
        return LoadedDocument(path: path, document: document, sourceMap: map, textHash: storedHash ?? document.article.textHash)
    }

    /// Parses and validates `bytes`, then decodes the document from libxml2's tree in place.
    private static func decodeValidated(
        _ bytes: [UInt8], path: String
    ) throws(DocumentError) -> (AnnotationDocument, SourceMap, storedHash: String?) {
        let xml: XMLDocument
        do {
            xml = try XMLDocument.parse(bytes, path: path)
        } catch {
            if let line = ConflictMarkers.firstLine(in: bytes) { throw ConflictMarkers.error(path: path, line: line) }
            throw DocumentError(error)
        }
        let schemaErrors = Schemas.annotation.findings(xml)
        guard schemaErrors.isEmpty else { throw .invalid(schemaErrors) }
        let root = xml.rootView
        let storedHash = root.element(named: "article")?.element(named: "text")?[attribute: "sha256"]
        let (document, map) = try AnnotationCodec.decode(root, path: path, source: xml.source)
        return (document, map, storedHash)
    }
}
