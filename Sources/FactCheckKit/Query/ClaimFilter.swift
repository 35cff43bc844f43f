/// Which claims a listing shows; applied on the worker that read the document, so only matching
/// rows are kept.
public struct ClaimFilter: Sendable {
    public var statuses: Set<Status>
    public var assignee: String?
    public var rating: Rating?
    /// Document ids; empty means every document.
    public var documents: Set<String>
    /// Only claims with a verdict conflict from a merge.
    public var conflicts: Bool

    public init(
        statuses: Set<Status>, assignee: String? = nil, rating: Rating? = nil, documents: Set<String> = [],
        conflicts: Bool = false
    ) {
        self.statuses = statuses
        self.assignee = assignee
        self.rating = rating
        self.documents = documents
        self.conflicts = conflicts
    }

    public func matches(_ claim: Claim, document: String) -> Bool {
        matches(
            status: claim.status, assignee: claim.assignee, rating: claim.verdict?.rating, document: document,
            conflicted: claim.conflict != nil)
    }

    /// The same test on a claim's listed fields (an index row).
    public func matches(status: Status, assignee: String?, rating: Rating?, document: String, conflicted: Bool) -> Bool {
        (documents.isEmpty || documents.contains(document)) && statuses.contains(status)
            && (self.assignee == nil || assignee == self.assignee) && (self.rating == nil || rating == self.rating)
            && (!conflicts || conflicted)
    }
}
