#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// "Has this been checked before?": ranks an archive of checked claims by how likely each is to
/// check a new text, with BM25F over two fields, every part of which can be shown (`explain`).
///
/// Each archived check has a claim (what was checked) and a title (its headline or summary). A term
/// of the new text counts for a check by its frequency in both fields, each normalized by the
/// field's length against the field's average (`b`), the title weighted `titleWeight`; the sum is
/// saturated (`k1`) and weighted by the term's rarity in the archive (BM25's idf). Terms of a post's
/// signature (who posted it, when) count `signatureWeight` as much as the body's.
///
/// The parameters were chosen on the CLEF 2020 CheckThat! claim-retrieval training split
/// (`make match-benchmark`), and only there.
public struct ClaimMatcher: Sendable {
    /// One checked claim the archive holds.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var claim: String
        public var title: String

        public init(id: String, claim: String, title: String) {
            self.id = id
            self.claim = claim
            self.title = title
        }
    }

    /// One ranked check: its position in the archive's entries and its score.
    public struct Match: Sendable, Hashable {
        public var entry: Int
        public var score: Double
    }

    /// A term's part in a match's score, for `--explain`.
    public struct Contribution: Sendable, Hashable {
        public var term: String
        public var inClaim: Int
        public var inTitle: Int
        public var idf: Double
        public var score: Double
    }

    public struct Parameters: Sendable, Hashable {
        public var k1 = 1.5
        public var claimB = 0.6
        public var titleB = 0.3
        public var titleWeight = 1.0
        public var signatureWeight = 0.75

        public init() {}

        /// BM25's weight for a term held by `holding` of `count` checks.
        public func idf(count: Double, holding: Double) -> Double {
            log(1 + (count - holding + 0.5) / (holding + 0.5))
        }

        /// BM25F's saturated term frequency: both fields' counts, each normalized by its length
        /// against the field's average, then summed and saturated once.
        public func saturated(
            claim claimCount: Double, title titleCount: Double, claimLength: Double, titleLength: Double,
            averageClaim: Double, averageTitle: Double
        ) -> Double {
            let claim = claimCount / (1 - claimB + claimB * claimLength / averageClaim)
            let title = titleCount / (1 - titleB + titleB * titleLength / averageTitle)
            let frequency = claim + titleWeight * title
            return frequency * (k1 + 1) / (frequency + k1)
        }

        /// The query's terms with their weights: the body's 1, the signature's less (once each).
        public func weightedTerms(_ text: String) -> [(term: String, weight: Double)] {
            let terms = MatchText.terms(text)
            var weights: [String: Double] = [:]
            for term in terms.signature { weights[term] = signatureWeight }
            for term in terms.body { weights[term] = 1 }
            return weights.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }

        /// What a check would score holding each of the query's terms once in a claim of average
        /// length and nothing in its title: a match's score over this is its `strength`, near 1 for
        /// a check that says what the text says.
        public func reference(_ terms: [(term: String, weight: Double)], idf: (String) -> Double) -> Double {
            let once = saturated(claim: 1, title: 0, claimLength: 1, titleLength: 1, averageClaim: 1, averageTitle: 1)
            return terms.reduce(0) { $0 + $1.weight * idf($1.term) * once }
        }
    }

    /// The strength above which a match is worth a mention ("checked before?" in `show` and
    /// `import`), chosen on the benchmark's training split (`make match-benchmark`).
    public static let checkedBefore = 0.4

    public let entries: [Entry]
    public let parameters: Parameters
    private let termIDs: [String: Int32]
    /// For each term, the entries holding it with its count in the claim and in the title.
    private let postings: [[(entry: Int32, claim: UInt16, title: UInt16)]]
    private let idf: [Double]
    private let claimLengths: [Float]
    private let titleLengths: [Float]
    private let averageClaim: Double
    private let averageTitle: Double

    public init(_ entries: [Entry], parameters: Parameters = Parameters()) {
        self.entries = entries
        self.parameters = parameters
        var termIDs: [String: Int32] = [:]
        var postings: [[(entry: Int32, claim: UInt16, title: UInt16)]] = []
        var claimLengths: [Float] = []
        var titleLengths: [Float] = []
        var stems: [String: String] = [:]
        for (index, entry) in entries.enumerated() {
            let claimWords = MatchText.words(entry.claim, stems: &stems)
            let titleWords = MatchText.words(entry.title, stems: &stems)
            claimLengths.append(Float(claimWords.count))
            titleLengths.append(Float(titleWords.count))
            var counts: [String: (claim: UInt16, title: UInt16)] = [:]
            for word in claimWords { counts[word, default: (0, 0)].claim &+= 1 }
            for word in titleWords { counts[word, default: (0, 0)].title &+= 1 }
            for (word, count) in counts {
                let id: Int32
                if let known = termIDs[word] {
                    id = known
                } else {
                    id = Int32(postings.count)
                    termIDs[word] = id
                    postings.append([])
                }
                postings[Int(id)].append((Int32(index), count.claim, count.title))
            }
        }
        let total = Double(max(entries.count, 1))
        self.termIDs = termIDs
        self.postings = postings
        idf = postings.map { parameters.idf(count: total, holding: Double($0.count)) }
        self.claimLengths = claimLengths
        self.titleLengths = titleLengths
        averageClaim = max(Double(claimLengths.reduce(0, +)) / total, 1)
        averageTitle = max(Double(titleLengths.reduce(0, +)) / total, 1)
    }

    func weightedTerms(_ text: String) -> [(term: String, weight: Double)] { parameters.weightedTerms(text) }

    /// How strongly `match` says `text` was checked: its score over `Parameters.reference`, at most 1.
    public func strength(of match: Match, for text: String) -> Double {
        let total = Double(max(entries.count, 1))
        let reference = parameters.reference(weightedTerms(text)) { term in
            parameters.idf(count: total, holding: termIDs[term].map { Double(postings[Int($0)].count) } ?? 0)
        }
        return reference > 0 ? min(1, match.score / reference) : 0
    }

    /// The `limit` best checks for `text`, best first; ties go to the earlier entry.
    public func rank(_ text: String, limit: Int = 5) -> [Match] {
        var scores = [Double](repeating: 0, count: entries.count)
        var touched: [Int32] = []
        for (term, weight) in weightedTerms(text) {
            guard let id = termIDs[term] else { continue }
            let termIDF = idf[Int(id)]
            for posting in postings[Int(id)] {
                if scores[Int(posting.entry)] == 0 { touched.append(posting.entry) }
                scores[Int(posting.entry)] += weight * termIDF * saturated(posting.claim, posting.title, entry: Int(posting.entry))
            }
        }
        let ranked = touched.map { Match(entry: Int($0), score: scores[Int($0)]) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
        return Array(ranked.prefix(limit))
    }

    /// How `text`'s terms make up the score of `entry`, largest part first.
    public func explain(_ text: String, entry: Int) -> [Contribution] {
        var result: [Contribution] = []
        for (term, weight) in weightedTerms(text) {
            guard let id = termIDs[term], let posting = postings[Int(id)].first(where: { $0.entry == Int32(entry) }) else { continue }
            let termIDF = idf[Int(id)]
            result.append(
                Contribution(
                    term: term, inClaim: Int(posting.claim), inTitle: Int(posting.title), idf: termIDF,
                    score: weight * termIDF * saturated(posting.claim, posting.title, entry: entry)))
        }
        return result.sorted { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }
    }

    private func saturated(_ claimCount: UInt16, _ titleCount: UInt16, entry: Int) -> Double {
        parameters.saturated(
            claim: Double(claimCount), title: Double(titleCount), claimLength: Double(claimLengths[entry]),
            titleLength: Double(titleLengths[entry]), averageClaim: averageClaim, averageTitle: averageTitle)
    }
}
