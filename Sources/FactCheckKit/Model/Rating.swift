/// A verdict's rating, ordered best to worst (PRODUCT.md §3).
public enum Rating: String, Sendable, Hashable, CaseIterable, Codable {
    case accurate
    case mostlyAccurate = "mostly-accurate"
    case mixed
    case misleading
    case inaccurate

    /// The ClaimReview `ratingValue`: 5 for accurate down to 1 for inaccurate.
    public var value: Int {
        switch self {
        case .accurate: 5
        case .mostlyAccurate: 4
        case .mixed: 3
        case .misleading: 2
        case .inaccurate: 1
        }
    }

    /// The status a claim with this rating takes when it is marked: verified or disputed.
    public var status: Status {
        value >= 4 ? .verified : .disputed
    }

    /// The rating in words, as ClaimReview's `alternateName` and the report show it.
    public var label: String {
        switch self {
        case .accurate: "Accurate"
        case .mostlyAccurate: "Mostly accurate"
        case .mixed: "Mixed"
        case .misleading: "Misleading"
        case .inaccurate: "Inaccurate"
        }
    }
}
