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
}
