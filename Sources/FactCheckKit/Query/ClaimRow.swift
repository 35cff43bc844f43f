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

    public init(_ claim: Claim, document: String, path: String, quoteLimit: Int?) {
        score = claim.score?.value
        self.document = document
        self.path = path
        number = Int(claim.id.dropFirst()) ?? 0
        status = claim.status
        rating = claim.verdict?.rating
        assignee = claim.assignee
        quote = quoteLimit.map { claim.anchor.exact.truncated(to: $0) } ?? claim.anchor.exact
    }

    public init(
        score: Double?, document: String, path: String, number: Int, status: Status, rating: Rating?,
        assignee: String?, quote: String
    ) {
        (self.score, self.document, self.path, self.number) = (score, document, path, number)
        (self.status, self.rating, self.assignee, self.quote) = (status, rating, assignee, quote)
    }

    /// The listing order: best score first (no score last), then by document id and claim number.
    public static func precedes(_ lhs: ClaimRow, _ rhs: ClaimRow) -> Bool {
        let left = lhs.score ?? -1, right = rhs.score ?? -1
        if left != right { return left > right }
        if lhs.document != rhs.document { return lhs.document < rhs.document }
        return lhs.number < rhs.number
    }
}
