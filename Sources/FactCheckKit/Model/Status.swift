/// Where a claim stands in the review workflow (PRODUCT.md §4).
///
/// Everything the tool knows about a status lives here or in `Workflow.table`: which statuses carry
/// a verdict, which count as reviewed, how each is labelled and styled, and what a cited source
/// means by default.
public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
    case pending
    case inReview = "in-review"
    case verified
    case disputed
    case unverifiable
    case dismissed

    /// Whether a claim in this status carries a verdict with a rating and cites a source: verified, disputed.
    public var hasVerdict: Bool {
        switch self {
        case .verified, .disputed: true
        case .pending, .inReview, .unverifiable, .dismissed: false
        }
    }

    /// Whether the review has an outcome to publish: verified, disputed or unverifiable.
    public var isReviewed: Bool {
        switch self {
        case .verified, .disputed, .unverifiable: true
        case .pending, .inReview, .dismissed: false
        }
    }

    /// Whether a claim is closed here by a note saying why rather than by a verdict: unverifiable, dismissed.
    public var isClosedByNote: Bool {
        switch self {
        case .unverifiable, .dismissed: true
        case .pending, .inReview, .verified, .disputed: false
        }
    }

    /// Whether a claim in this status must have an assignee: in-review.
    public var needsAssignee: Bool { self == .inReview }

    /// The ratings a verdict in this status may have, best first; empty for statuses without a verdict.
    public var ratings: [Rating] {
        hasVerdict ? Rating.allCases.filter { $0.status == self } : []
    }

    /// How a source cited while marking a claim bears on it unless the reviewer says otherwise.
    public var defaultSourceRelation: Relation {
        switch self {
        case .verified: .supports
        case .disputed: .refutes
        case .pending, .inReview, .unverifiable, .dismissed: .context
        }
    }

    /// The statuses `mark` leads to, in workflow-table order: verified, disputed, unverifiable.
    public static var markable: [Status] {
        Workflow.table.compactMap { entry in
            if case .mark(let status) = entry.step { status } else { nil }
        }
    }

    /// The status in words, as the report shows it.
    public var label: String {
        switch self {
        case .pending: "Pending"
        case .inReview: "In review"
        case .verified: "Verified"
        case .disputed: "Disputed"
        case .unverifiable: "Unverifiable"
        case .dismissed: "Dismissed"
        }
    }

    /// The CSS class the report styles a claim in this status with.
    public var cssClass: String { rawValue }
}
