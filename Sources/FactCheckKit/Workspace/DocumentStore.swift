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
    /// With `workspace`, the workspace's index (if it has one) is updated too, still under the lock.
    public static func update<Result>(
        _ path: String, lockTimeout: Double = defaultLockTimeout, indexing workspace: String? = nil,
        _ change: (inout AnnotationDocument, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> Result {
        try update(path, lockTimeout: lockTimeout, indexing: workspace, writing: { _ in .write }, change)
    }

    /// What becomes of a changed document.
    public enum Disposition: Sendable {
        /// It replaces the file.
        case write
        /// It is checked as a write would check it, and the file is left as it was (a dry run).
        case check
        /// Nothing changed: the file is left as it was, unchecked.
        case skip
    }

    /// `update`, with `writing` deciding from the change's result whether the changed document
    /// replaces the file, is only checked (for a dry run), or is left alone.
    public static func update<Result>(
        _ path: String, lockTimeout: Double = defaultLockTimeout, indexing workspace: String? = nil,
        writing: (Result) -> Disposition,
        _ change: (inout AnnotationDocument, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> Result {
        let path = try SymbolicLinks.target(of: path)
        let lock = try FileLock(guarding: path, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        StaleTemporaries.remove(beside: path)
        let before = workspace.flatMap { _ in FileStat(path) }
        let loaded = try DocumentLoader.load(path: path)
        var document = loaded.document
        let result = try change(&document, loaded.sourceMap)
        let disposition = writing(result)
        guard disposition != .skip else { return result }
        let bytes = try checkedBytes(of: document, path: path)
        guard disposition == .write else { return result }
        try AtomicFile.replace(path, with: bytes)
        if let workspace, let before { WorkspaceIndex.written(document, path: path, before: before, workspace: workspace) }
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
    /// and a claim's change cannot break another claim (ids and article stay as they are). The new
    /// file is written, on a thread of its own, while the rest of the document is still being read
    /// and checked; it takes the document's place only once all of it has passed.
    ///
    /// With `workspace`, the workspace's index (if it has one) is updated too, still under the lock.
    public static func updateClaim<Result>(
        _ path: String, id: String, lockTimeout: Double = defaultLockTimeout,
        streamingAbove threshold: Int = DocumentStream.streamingThreshold, indexing workspace: String? = nil,
        _ change: (inout Claim, SourceLocation, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> Result {
        let path = try SymbolicLinks.target(of: path)
        let lock = try FileLock(guarding: path, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        StaleTemporaries.remove(beside: path)
        let before = workspace.flatMap { _ in FileStat(path) }
        var changed: Claim?
        let result = try changeClaim(path, id: id, streamingAbove: threshold) {
            claim, location, map throws(DocumentError) in
            let result = try change(&claim, location, map)
            changed = claim
            return result
        }
        if let workspace, let before, let changed {
            WorkspaceIndex.written(changed, path: path, before: before, workspace: workspace)
        }
        return result
    }

    /// `updateClaim`'s work, under the document's lock.
    private static func changeClaim<Result>(
        _ path: String, id: String, streamingAbove threshold: Int,
        _ change: (inout Claim, SourceLocation, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> Result {
        let file: OpenInputFile
        do {
            file = try OpenInputFile(path)
        } catch {
            throw DocumentError(error)
        }
        guard file.size > threshold else { return try changeWhole(file, claim: id, change) }

        var article: Article?
        var firstIDs: [String] = []
        var prepared: Swift.Result<PreparedSplice<Result>, DocumentError>?
        do {
            try DocumentStream.stream(file, article: { article = $0 }) { claim, locations in
                if firstIDs.count <= 12 { firstIDs.append(claim.id) }
                guard claim.id == id, prepared == nil, let article else { return }
                prepared = Swift.Result { () throws(DocumentError) in
                    try prepareSplice(claim, at: locations, of: file, article: article, change)
                }
            }
        } catch {
            // Nothing is written once this returns: the new file, if any, is waited for and removed.
            if case .success(let splice)? = prepared { _ = try? splice.writing.wait() }
            throw error
        }
        guard let prepared else {
            let error = WorkflowError.noSuchClaim(document: article?.id ?? "", claim: id, known: firstIDs)
            throw .invalid([Diagnostic(file: path, message: error.description)])
        }
        let splice = try prepared.get()
        if let replacement = try splice.writing.wait() {
            try replacement.commit()
            return splice.result
        }
        // Laid out some other way (edited by hand): write the whole document the tool's way.
        return try changeWhole(file, claim: id, change)
    }

    /// A claim change on a streamed document, made while the rest is still being read and checked:
    /// the change's result, and the new document being written beside the old one on a thread of
    /// its own (nil when the stored claim is not laid out the way the tool writes it).
    private struct PreparedSplice<Result> {
        let result: Result
        let writing: BackgroundWork<AtomicFile.Replacement?, DocumentError>
    }

    /// Applies `change` to `stored`, a claim of the streamed `file` found at `locations`, checks it
    /// with its article, and starts writing the document with just that claim's bytes replaced.
    ///
    /// The writing copies the rest of the file as it is, a megabyte at a time, and is not put in
    /// place until the caller has seen the whole document pass every check.
    private static func prepareSplice<Result>(
        _ stored: Claim, at locations: SourceMap.ClaimLocations, of file: OpenInputFile, article: Article,
        _ change: (inout Claim, SourceLocation, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> PreparedSplice<Result> {
        let path = file.path
        let line = locations.claim.line
        // Where the claim's line starts, and the line itself, to give errors about the claim a column.
        let start: Int?
        var lineText: [UInt8] = []
        do {
            start = try file.offset(ofLine: line)
            if let start { lineText = try file.bytes(in: start..<min(start + 4096, file.size)) }
        } catch {
            throw DocumentError(error)
        }
        var claim = stored
        let result = try change(&claim, locations.claim, SourceMap(source: SourceText(lineText, firstLine: line)))
        precondition(claim.id == stored.id, "a claim change must not change the claim's id")
        _ = try checkedBytes(of: AnnotationDocument(article: article, claims: [claim]), path: path)

        let old: [UInt8], new: [UInt8]
        do {
            old = Array(try AnnotationCodec.serializeXML(stored).utf8)
            new = Array(try AnnotationCodec.serializeXML(claim).utf8)
        } catch {
            throw .invalid(error.diagnostics.map { Diagnostic(file: path, message: "the change cannot be written: \($0.message)") })
        }
        let writing = BackgroundWork("factcheck.splice") { () throws(DocumentError) -> AtomicFile.Replacement? in
            guard let start else { return nil }
            do throws(XMLError) {
                guard try file.bytes(in: start..<start + old.count) == old else { return nil }
            } catch {
                throw DocumentError(error)
            }
            return try AtomicFile.Replacement(
                path, with: [.copy(file, 0..<start), .bytes(new), .copy(file, start + old.count..<file.size)])
        }
        return PreparedSplice(result: result, writing: writing)
    }

    /// `updateClaim` by reading, changing and writing the whole document.
    private static func changeWhole<Result>(
        _ file: OpenInputFile, claim id: String,
        _ change: (inout Claim, SourceLocation, SourceMap) throws(DocumentError) -> Result
    ) throws(DocumentError) -> Result {
        let path = file.path
        let bytes: [UInt8]
        do {
            bytes = try file.readUncompressed()
        } catch {
            throw DocumentError(error)
        }
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

    /// Checks `document` as `create` would before writing it to `path`, and writes nothing (a dry run):
    /// the document must be valid and `path` free.
    public static func checkCreating(_ document: AnnotationDocument, at path: String) throws(DocumentError) {
        _ = try checkedBytes(of: document, path: path)
        try AtomicFile.checkFree(path)
    }

    /// The document's bytes, after proving them valid: the written XML against the schema, and
    /// the document (the same value the bytes were written from) against the semantic rules.
    package static func checkedBytes(of document: AnnotationDocument, path: String) throws(DocumentError) -> [UInt8] {
        let bytes: [UInt8]
        var findings: [Diagnostic]
        do {
            bytes = Array(try AnnotationCodec.serializeXML(document).utf8)
            findings = Schemas.annotation.findings(try XMLDocument.parse(bytes, path: path))
        } catch {
            throw .invalid(error.diagnostics.map { Diagnostic(file: path, message: "the change cannot be written: \($0.message)") })
        }
        if findings.isEmpty { findings = SemanticRules.check(document, path: path) }
        guard findings.isEmpty else {
            throw .invalid(findings.map {
                Diagnostic(file: path, message: "the change would make the document invalid, so nothing was written: \($0.message)")
            })
        }
        return bytes
    }
}
