/// Where a claim stands in the review workflow (PRODUCT.md §4).
public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
    case pending
    case inReview = "in-review"
    case verified
    case disputed
    case unverifiable
    case dismissed
}
