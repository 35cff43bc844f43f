/// One claim as a listing shows it: what `list` sorts and writes, one per matching claim.
public struct ClaimRow: Sendable, Equatable {
    public var score: Double?
    public var document: String
    public var path: String
    /// The claim id's number (ids are `c` and a number).
    public var number: Int
    public var status: Status
    public var rating: Rating?
    public var assignee: String?
    public var quote: String
    /// When the claim last changed (its last history event), as a number that sorts like the time
    /// (`UTCTime.sortNumber`); 0 when not worked out.
    public var changed: Int64

    /// The row of `claim`; its `changed` only with `keepingChange` (a listing by time), as working
    /// it out costs a little on every claim of a large listing.
    public init(_ claim: Claim, document: String, path: String, quoteLimit: Int?, keepingChange: Bool = false) {
        score = claim.score?.value
        self.document = document
        self.path = path
        number = Int(claim.id.dropFirst()) ?? 0
        status = claim.status
        rating = claim.verdict?.rating
        assignee = claim.assignee
        quote = quoteLimit.map { claim.anchor.exact.truncated(to: $0) } ?? claim.anchor.exact
        changed = keepingChange ? Self.changeKey(of: claim) : 0
    }

    /// The sort number of the time claim `claim` last changed.
    public static func changeKey(of claim: Claim) -> Int64 {
        UTCTime.sortNumber(claim.history.last?.time ?? claim.created)
    }

    public init(
        score: Double?, document: String, path: String, number: Int, status: Status, rating: Rating?,
        assignee: String?, quote: String, changed: Int64 = 0
    ) {
        (self.score, self.document, self.path, self.number) = (score, document, path, number)
        (self.status, self.rating, self.assignee, self.quote, self.changed) = (status, rating, assignee, quote, changed)
    }

    /// Whether `lhs` comes before `rhs` in a listing in `order`. Ties on what the order sorts by
    /// go by document id and claim number; no score counts as below every score.
    public static func precedes(_ lhs: ClaimRow, _ rhs: ClaimRow, by order: ListingOrder = .score) -> Bool {
        switch order {
        case .score:
            break
        case .time:
            if lhs.changed != rhs.changed { return lhs.changed > rhs.changed }
        case .doc:
            if lhs.document != rhs.document { return lhs.document < rhs.document }
            return lhs.number < rhs.number
        case .status:
            if lhs.status != rhs.status { return lhs.status.workflowRank < rhs.status.workflowRank }
        }
        let left = lhs.score ?? -1, right = rhs.score ?? -1
        if left != right { return left > right }
        if lhs.document != rhs.document { return lhs.document < rhs.document }
        return lhs.number < rhs.number
    }
}

/// The orders a listing can take.
public enum ListingOrder: String, CaseIterable, Sendable {
    /// Best check-worthiness first, claims without a score last.
    case score
    /// The most recently changed first.
    case time
    /// By document id, then claim number: each document's claims in their order.
    case doc
    /// By status in the workflow's order (pending, in-review, verified, disputed, unverifiable,
    /// dismissed), each status best score first.
    case status
}

extension Status {
    /// Where the status stands in the workflow's order (`Status.allCases`).
    public var workflowRank: Int { Status.allCases.firstIndex(of: self)! }
}
