/// An article's text cut at every claim boundary, each piece with the claims covering it, so
/// overlapping and touching claims can be marked up without crossing elements.
struct TextSegments {
    struct Segment {
        var text: String
        /// Where the piece ends in the text, in Unicode scalars.
        var end: Int
        /// Indexes into the claims given, outermost (earliest start, then longest) first.
        var claims: [Int]
    }

    let segments: [Segment]

    init(text: String, claims: [Claim]) {
        let scalars = ScalarText(text)
        var cuts = Set([0, scalars.count])
        for claim in claims {
            cuts.insert(min(max(claim.anchor.start, 0), scalars.count))
            cuts.insert(min(max(claim.anchor.end, 0), scalars.count))
        }
        let order = claims.indices.sorted {
            let a = claims[$0].anchor, b = claims[$1].anchor
            return a.start != b.start ? a.start < b.start : (a.end != b.end ? a.end > b.end : $0 < $1)
        }
        let sortedCuts = cuts.sorted()
        segments = zip(sortedCuts, sortedCuts.dropFirst()).map { start, end in
            Segment(
                text: scalars.slice(start, end), end: end,
                claims: order.filter { claims[$0].anchor.start <= start && end <= claims[$0].anchor.end })
        }
    }
}
