import FactCheckKit

/// "Checked before?": the line `show` and `import` add when a reviewed claim or an archived check
/// matches a claim strongly enough (`ClaimMatcher.checkedBefore`).
enum CheckedBefore {
    static func line(_ match: SimilarCheck) -> String {
        let what = match.status?.rawValue ?? match.rating.map { "archived, \($0.rawValue)" } ?? "archived"
        return "checked before? \(match.ref) \(what), \(DecimalFormat.twoPlaces(match.strength))"
    }
}
