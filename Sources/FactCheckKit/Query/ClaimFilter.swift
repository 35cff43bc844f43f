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
    /// Only claims changed at or after this time (a `UTCTime.sortNumber`: see `changedSince`).
    public var since: Int64?

    public init(
        statuses: Set<Status>, assignee: String? = nil, rating: Rating? = nil, documents: Set<String> = [],
        conflicts: Bool = false, since: Int64? = nil
    ) {
        self.since = since
        self.statuses = statuses
        self.assignee = assignee
        self.rating = rating
        self.documents = documents
        self.conflicts = conflicts
    }

    public func matches(_ claim: Claim, document: String) -> Bool {
        (documents.isEmpty || documents.contains(document)) && statuses.contains(claim.status)
            && (assignee == nil || claim.assignee == assignee) && (rating == nil || claim.verdict?.rating == rating)
            && (!conflicts || claim.conflict != nil)
            && (since.map { ClaimRow.changeKey(of: claim) >= $0 } ?? true)
    }

    /// The `since` of claims changed at or after `time`: a date (`2026-12-01`, from the start of that
    /// day) or a UTC time (`2026-12-01T09:30:00Z`); nil if it is neither, or names no real day or time.
    public static func changedSince(_ time: String) -> Int64? {
        guard CalendarDate.validated(time) != nil, time.utf8.count == 10 || time.hasSuffix("Z") else { return nil }
        return UTCTime.sortNumber(time)
    }
}
