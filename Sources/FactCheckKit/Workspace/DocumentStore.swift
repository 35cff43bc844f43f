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

    /// Applies `change` to claim `id` of the document at `path` (handing it where the claim's tag
    /// is, for errors) and writes the result, or writes nothing.
    ///
    /// A document up to `threshold` bytes is changed like `update` does. A larger
    /// one is streamed, every part checked as for any read, and when the claim is stored exactly as
    /// the tool writes it, only the claim's bytes are replaced. That is as safe as a full check of
    /// the result: the rest of the file was just proven valid and is copied unchanged, the changed
    /// claim is checked against the schema and the semantic rules with the article it is anchored in,
    /// and a claim's change cannot break another claim (ids and article stay as they are).
    public static func updateClaim<Result>(
        _ path: String, id: String, lockTimeout: Double = defaultLockTimeout,
        streamingAbove threshold: Int = DocumentStream.streamingThreshold,
        _ change: (inout Claim, SourceLocation, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> Result {
        let lock = try FileLock(guarding: path, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        let file: OpenInputFile
        do {
            file = try OpenInputFile(path)
        } catch {
            throw DocumentError(error)
        }
        guard file.size > threshold else {
            let bytes: [UInt8]
            do {
                bytes = try file.readUncompressed()
            } catch {
                throw DocumentError(error)
            }
            return try changeWhole(bytes, path: path, claim: id, change)
        }

        var bytes: [UInt8] = []
        var article: Article?
        var found: (claim: Claim, locations: SourceMap.ClaimLocations)?
        var firstIDs: [String] = []
        var prepared: Swift.Result<(Result, AtomicFile.Replacement?), DocumentError>?
        try DocumentStream.stream(file, article: { article = $0 }) { claim, locations in
            if claim.id == id { found = (claim, locations) }
            if firstIDs.count <= 12 { firstIDs.append(claim.id) }
        } decoded: { read in
            bytes = read
            // The new file is written while the schema check finishes on the other core; it
            // takes the document's place only once the check has passed.
            prepared = Swift.Result { () throws(DocumentError) in
                try splice(bytes, path: path, id: id, article: article, found: found, firstIDs: firstIDs, change)
            }
        }
        switch prepared {
        case .success((let result, let replacement?))?:
            try replacement.commit()
            return result
        case .success((_, nil))?:
            // Laid out some other way (edited by hand): write the whole document the tool's way.
            return try changeWhole(bytes, path: path, claim: id, change)
        case .failure(let error)?:
            throw error
        case nil:
            preconditionFailure("a document that streams without error has been decoded")
        }
    }

    /// Applies `change` to the claim `found` of the streamed document `bytes`, checks it with the
    /// article, and writes the document with just that claim's bytes replaced, not yet in place;
    /// no replacement when the claim is not stored the way the tool writes it.
    private static func splice<Result>(
        _ bytes: [UInt8], path: String, id: String, article: Article?,
        found: (claim: Claim, locations: SourceMap.ClaimLocations)?, firstIDs: [String],
        _ change: (inout Claim, SourceLocation, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> (Result, AtomicFile.Replacement?) {
        guard let article, let found else {
            let error = WorkflowError.noSuchClaim(document: article?.id ?? "", claim: id, known: firstIDs)
            throw .invalid([XMLDiagnostic(file: path, message: error.description)])
        }
        var claim = found.claim
        let source = SourceText(bytes)
        let result = try change(&claim, found.locations.claim, SourceMap(source: source))
        precondition(claim.id == id, "a claim change must not change the claim's id")
        _ = try checkedBytes(of: AnnotationDocument(article: article, claims: [claim]), path: path)

        let stored: [UInt8], replacement: [UInt8]
        do {
            stored = Array(try AnnotationCodec.serialize(found.claim).utf8)
            replacement = Array(try AnnotationCodec.serialize(claim).utf8)
        } catch {
            throw .invalid(error.diagnostics.map { XMLDiagnostic(file: path, message: "the change cannot be written: \($0.message)") })
        }
        guard let start = source.offset(ofLine: found.locations.claim.line), bytes[start...].starts(with: stored) else {
            return (result, nil)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count - stored.count + replacement.count)
        output += bytes[..<start]
        output += replacement
        output += bytes[(start + stored.count)...]
        return (result, try AtomicFile.Replacement(path, with: output))
    }

    /// `updateClaim` by reading, changing and writing the whole document.
    private static func changeWhole<Result>(
        _ bytes: [UInt8], path: String, claim id: String,
        _ change: (inout Claim, SourceLocation, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> Result {
        let loaded = try DocumentLoader.load(bytes: bytes, path: path)
        var document = loaded.document
        let index = try document.index(ofClaim: id, path: path)
        let result = try change(&document.claims[index], loaded.sourceMap.claim(at: index).claim, loaded.sourceMap)
        try AtomicFile.replace(path, with: checkedBytes(of: document, path: path))
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
