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
        let path = try workspace.documentPath(for: reference.document)
        return try DocumentStore.updateClaim(path, id: reference.claim, lockTimeout: lockTimeout, indexing: workspace.root) {
            claim, location, map throws(DocumentError) in
            let from = claim.status
            do throws(WorkflowError) {
                try change.apply(to: &claim, by: actor, at: time)
            } catch {
                throw .invalid([map.diagnostic(path, at: location, error.description)])
            }
            return Outcome(path: path, from: from, claim: claim)
        }
    }

    /// What became of one claim of a batch.
    public struct Applied: Sendable {
        public var reference: ClaimReference
        /// The change made (or, in a dry run, that would be made), or why the claim was refused.
        public var outcome: Result<Outcome, DocumentError>
    }

    /// Applies `change` to every claim `references` names, as `actor` at `time`: a document at a
    /// time, all its claims under one hold of its lock and in one write. A claim whose change is
    /// refused (or that does not exist) is reported and the document's other claims are still
    /// changed; a document that cannot be read or written fails all of its claims. With `dryRun`,
    /// every change is made and the changed documents checked as a write would check them, and no
    /// file is written. Results come in the order of `references`, each claim once.
    public static func recordEach(
        _ change: ClaimChange, to references: [ClaimReference], in workspace: Workspace, by actor: String,
        at time: String = UTCClock.now(), dryRun: Bool = false, lockTimeout: Double = DocumentStore.defaultLockTimeout
    ) -> [Applied] {
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
        for id in documents {
            let claims = byDocument[id] ?? []
            do throws(DocumentError) {
                let path = try workspace.documentPath(for: id)
                let results = try DocumentStore.update(
                    path, lockTimeout: lockTimeout, indexing: workspace.root,
                    writing: { results in
                        !results.contains { if case .success = $0.1 { true } else { false } } ? .skip : dryRun ? .check : .write
                    }
                ) { document, map throws(DocumentError) in
                    claims.map { reference in
                        (reference, apply(change, to: reference.claim, of: &document, map: map, path: path, by: actor, at: time))
                    }
                }
                for (reference, outcome) in results { outcomes[reference] = outcome }
            } catch {
                for reference in claims where outcomes[reference] == nil { outcomes[reference] = .failure(error) }
            }
        }
        return unique.map { Applied(reference: $0, outcome: outcomes[$0] ?? .failure(.invalid([]))) }
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
