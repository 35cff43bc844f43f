/// Records reviewers' changes to claims in a workspace's documents on disk (`ClaimChange.apply`
/// makes the change to a claim in memory).
public enum ReviewStore {
    /// What a change did.
    public struct Outcome: Sendable {
        public var path: String
        public var from: Status
        public var claim: Claim
    }

    /// Applies `change` to the claim `reference` names, as `actor` at `time`, and writes the document.
    ///
    /// A refused change is a located error and leaves the file as it was.
    public static func record(
        _ change: ClaimChange, to reference: ClaimReference, in workspace: Workspace, by actor: String,
        at time: String = UTCClock.now(), lockTimeout: Double = DocumentStore.defaultLockTimeout
    ) throws(DocumentError) -> Outcome {
        var made: Outcome?
        return try record(change, to: reference, in: workspace, by: actor, at: time, lockTimeout: lockTimeout, made: &made)
    }

    /// `record`, leaving in `made` the change once it is made, so that a write in place but not
    /// flushed (`.writtenNotFlushed`) still tells what it wrote.
    private static func record(
        _ change: ClaimChange, to reference: ClaimReference, in workspace: Workspace, by actor: String,
        at time: String, lockTimeout: Double, made: inout Outcome?
    ) throws(DocumentError) -> Outcome {
        let path = try workspace.documentPath(for: reference.document)
        return try DocumentStore.updateClaim(path, id: reference.claim, lockTimeout: lockTimeout, indexing: workspace.root) {
            claim, location, map throws(DocumentError) in
            let from = claim.status
            do throws(WorkflowError) {
                try change.apply(to: &claim, by: actor, at: time)
            } catch {
                throw .invalid([map.diagnostic(path, at: location, error.description)])
            }
            let outcome = Outcome(path: path, from: from, claim: claim)
            made = outcome
            return outcome
        }
    }

    /// What became of one claim of a batch.
    public struct Applied: Sendable {
        public var reference: ClaimReference
        /// The change made (or, in a dry run, that would be made), or why the claim was refused.
        public var outcome: Result<Outcome, DocumentError>
    }

    /// Applies `change` to every claim `references` names, as `actor` at `time`: a document at a
    /// time, all its claims under one hold of its lock and in one write (a document with one claim
    /// to change takes `record`'s path, which splices a large document rather than rewriting it).
    /// A claim whose change is refused (or that does not exist) is reported and the document's other
    /// claims are still changed; a document that cannot be read or written fails all of its claims.
    /// With `dryRun`, every change is made and the changed documents checked as a write would check
    /// them, and no file is written. Results come in the order of `references`, each claim once;
    /// `notFlushed` tells of documents written whose folder could not be flushed (the changes stand).
    public static func recordEach(
        _ change: ClaimChange, to references: [ClaimReference], in workspace: Workspace, by actor: String,
        at time: String = UTCClock.now(), dryRun: Bool = false, lockTimeout: Double = DocumentStore.defaultLockTimeout
    ) -> (applied: [Applied], notFlushed: [Diagnostic]) {
        var unique: [ClaimReference] = []
        var seen = Set<ClaimReference>()
        for reference in references where seen.insert(reference).inserted { unique.append(reference) }
        var byDocument: [String: [ClaimReference]] = [:]
        var documents: [String] = []
        for reference in unique {
            if byDocument[reference.document] == nil { documents.append(reference.document) }
            byDocument[reference.document, default: []].append(reference)
        }
        var outcomes: [ClaimReference: Result<Outcome, DocumentError>] = [:]
        var notFlushed: [Diagnostic] = []
        for id in documents {
            let claims = byDocument[id] ?? []
            // What the change made, kept for a write that is in place but not flushed.
            var computed: [(ClaimReference, Result<Outcome, DocumentError>)] = []
            do throws(DocumentError) {
                if claims.count == 1 && !dryRun {
                    var made: Outcome?
                    defer { computed = made.map { [(claims[0], .success($0))] } ?? [] }
                    _ = try record(change, to: claims[0], in: workspace, by: actor, at: time, lockTimeout: lockTimeout, made: &made)
                } else {
                    let path = try workspace.documentPath(for: id)
                    _ = try DocumentStore.update(
                        path, lockTimeout: lockTimeout, indexing: workspace.root,
                        writing: { (results: [(ClaimReference, Result<Outcome, DocumentError>)]) in
                            !results.contains { if case .success = $0.1 { true } else { false } } ? .skip : dryRun ? .check : .write
                        }
                    ) { document, map throws(DocumentError) in
                        computed = claims.map { reference in
                            (reference, apply(change, to: reference.claim, of: &document, map: map, path: path, by: actor, at: time))
                        }
                        return computed
                    }
                }
                for (reference, outcome) in computed { outcomes[reference] = outcome }
            } catch {
                if case .writtenNotFlushed(let diagnostics) = error, !computed.isEmpty {
                    for (reference, outcome) in computed { outcomes[reference] = outcome }
                    notFlushed += diagnostics
                } else {
                    for reference in claims { outcomes[reference] = .failure(error) }
                }
            }
        }
        let applied = unique.map { Applied(reference: $0, outcome: outcomes[$0] ?? .failure(.invalid([]))) }
        return (applied, notFlushed)
    }

    /// One claim's change within a document, or why it is refused.
    private static func apply(
        _ change: ClaimChange, to id: String, of document: inout AnnotationDocument, map: SourceMap, path: String,
        by actor: String, at time: String
    ) -> Result<Outcome, DocumentError> {
        let index: Int
        do throws(DocumentError) {
            index = try document.index(ofClaim: id, path: path)
        } catch {
            return .failure(error)
        }
        var claim = document.claims[index]
        let from = claim.status
        do throws(WorkflowError) {
            try change.apply(to: &claim, by: actor, at: time)
        } catch {
            return .failure(.invalid([map.diagnostic(path, at: map.claim(at: index).claim, error.description)]))
        }
        document.claims[index] = claim
        return .success(Outcome(path: path, from: from, claim: claim))
    }
}
