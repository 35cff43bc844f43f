/// Proposes claims: the article's sentences whose check-worthiness reaches a threshold.
public enum ClaimExtractor {
    /// The default threshold: sentences more likely to be checked than the average sentence of
    /// the transcripts the scorer learned from.
    public static let defaultThreshold = 0.5

    /// A sentence and its score.
    public struct Proposal: Sendable {
        public var sentence: Sentence
        public var score: Score
    }

    /// Every sentence of `text` with its score, in text order.
    public static func proposals(for text: String) -> [Proposal] {
        SentenceSplitter.split(text).map { Proposal(sentence: $0, score: CheckWorthiness.score($0.text)) }
    }

    /// Adds a claim for each sentence scoring at least `threshold` that no existing claim overlaps,
    /// created by `actor` at `time`; returns the new claims. `proposals` are the article's scored
    /// sentences, when the caller has them already.
    @discardableResult
    public static func extract(
        into document: inout AnnotationDocument, proposals given: [Proposal]? = nil,
        threshold: Double = defaultThreshold, actor: String, time: String
    ) -> [Claim] {
        let text = ScalarText(document.article.text)
        var nextNumber = (document.claims.compactMap { Int($0.id.dropFirst()) }.max() ?? 0) + 1
        var added: [Claim] = []
        for proposal in given ?? proposals(for: document.article.text) where proposal.score.value >= threshold {
            let sentence = proposal.sentence
            let overlaps = document.claims.contains { $0.anchor.start < sentence.end && sentence.start < $0.anchor.end }
            guard !overlaps else { continue }
            let claim = Claim(
                id: "c\(nextNumber)", status: .pending, created: time,
                anchor: text.anchor(start: sentence.start, end: sentence.end), score: proposal.score,
                history: [HistoryEvent(time: time, actor: actor, action: .create, from: nil, to: .pending)])
            document.claims.append(claim)
            added.append(claim)
            nextNumber += 1
        }
        return added
    }
}
