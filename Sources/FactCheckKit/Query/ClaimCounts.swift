/// How many claims the documents under some paths hold, by status, by rating and by the reviewer
/// who gave the verdict.
public struct ClaimCounts: Sendable, Equatable {
    public var documents = 0
    public var claims = 0
    /// Every status, counted (zero when none).
    public var byStatus: [Status: Int] = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0, 0) })
    /// Every rating, counted (zero when none).
    public var byRating: [Rating: Int] = Dictionary(uniqueKeysWithValues: Rating.allCases.map { ($0, 0) })
    /// Verdicts per reviewer.
    public var byReviewer: [String: Int] = [:]

    public init() {}

    /// Counts the valid documents under `paths`, each read as a stream on a worker, counting them in
    /// `scan`; failed documents go to `onFailure` in path order.
    public static func count(
        _ paths: [String], scan: inout WorkspaceScan, onFailure: (DocumentError) -> Void = { _ in }
    ) -> ClaimCounts {
        let perDocument = scan.map(paths, { path throws(DocumentError) in
            var claims: [(Status, Rating?, String?)] = []
            try DocumentStream.read(path: path) { claims.append(($0.status, $0.verdict?.rating, $0.verdict?.reviewer)) }
            return claims
        }, onFailure: onFailure)
        var counts = ClaimCounts()
        counts.documents = perDocument.count
        for claims in perDocument {
            for (status, rating, reviewer) in claims {
                counts.claims += 1
                counts.byStatus[status, default: 0] += 1
                if let rating { counts.byRating[rating, default: 0] += 1 }
                if let reviewer { counts.byReviewer[reviewer, default: 0] += 1 }
            }
        }
        return counts
    }
}
