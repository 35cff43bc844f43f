import LibXML

/// Changes annotation documents on disk safely (PRODUCT.md §6): lock, re-read, apply, validate,
/// write atomically. Concurrent writers queue on the lock and lose nothing.
public enum DocumentStore {
    /// How long a writer waits for another to finish, in seconds.
    public static let defaultLockTimeout = 30.0

    /// Applies `change` to the document at `path` (with where its parts stand in the file) and writes
    /// the result, or writes nothing.
    ///
    /// The result is checked like any document read (XSD and semantic rules) before it replaces the file.
    public static func update<Result>(
        _ path: String, lockTimeout: Double = defaultLockTimeout,
        _ change: (inout AnnotationDocument, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> Result {
        let lock = try FileLock(guarding: path, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        let loaded = try DocumentLoader.load(path: path)
        var document = loaded.document
        let result = try change(&document, loaded.sourceMap)
        let bytes = try checkedBytes(of: document, path: path)
        try AtomicFile.replace(path, with: bytes)
        return result
    }

    /// Writes a new document at `path`; refuses to overwrite one that exists.
    public static func create(_ document: AnnotationDocument, at path: String) throws(DocumentError) {
        try AtomicFile.create(path, with: checkedBytes(of: document, path: path))
    }

    /// The document's bytes, after proving them valid: the written XML against the schema, and
    /// the document (the same value the bytes were written from) against the semantic rules.
    private static func checkedBytes(of document: AnnotationDocument, path: String) throws(DocumentError) -> [UInt8] {
        let bytes: [UInt8]
        var findings: [XMLDiagnostic]
        do {
            bytes = Array(try AnnotationCodec.serialize(document).utf8)
            findings = Schemas.annotation.validate(try XMLDocument.parse(bytes, path: path))
        } catch {
            throw .invalid(error.diagnostics.map { XMLDiagnostic(file: path, message: "the change cannot be written: \($0.message)") })
        }
        if findings.isEmpty { findings = SemanticRules.check(document, path: path) }
        guard findings.isEmpty else {
            throw .invalid(findings.map {
                XMLDiagnostic(file: path, message: "the change would make the document invalid, so nothing was written: \($0.message)")
            })
        }
        return bytes
    }
}
