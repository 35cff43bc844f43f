import Dispatch
import Synchronization

/// Proposes claims: the article's sentences whose check-worthiness reaches a threshold.
public enum ClaimExtractor {
    /// The default threshold: sentences more likely to be checked than the average sentence of
    /// the transcripts the scorer learned from.
    public static let defaultThreshold = 0.5
    /// The most claims proposed at once: the best-scored ones. A news article has a few dozen; a page
    /// of tens of thousands of sentences would otherwise become a document too large to review. The
    /// sentences left out are proposed by the next `extract`, the claims made now being skipped.
    public static let proposalLimit = 1000

    /// A sentence and its score.
    public struct Proposal: Sendable {
        public var sentence: Sentence
        public var score: Score
    }

    /// The most sentences one extraction scores: a book's worth (scoring takes about 50 µs a
    /// sentence, so a page of more would keep a reviewer waiting for nothing a desk can review).
    public static let sentenceLimit = 20_000

    /// Every sentence of `text` with its score, in text order.
    public static func proposals(for text: String) -> [Proposal] {
        score(SentenceSplitter.split(text))
    }

    /// Every sentence of `text` with its score, or, past `sentenceLimit` sentences, why not:
    /// about the document at `path`.
    public static func proposals(for text: String, path: String) throws(DocumentError) -> [Proposal] {
        let sentences = SentenceSplitter.split(text, limit: sentenceLimit)
        guard sentences.count <= sentenceLimit else {
            throw .invalid([Diagnostic(
                file: path,
                message: "the article has more than the \(sentenceLimit) sentences claim extraction scores; add its claims by hand (import --no-extract, then add)")])
        }
        return score(sentences)
    }

    /// Sentences scored by one worker at a time: a long page's are shared among the cores.
    static let scoringBatch = 512

    private static func score(_ sentences: [Sentence]) -> [Proposal] {
        guard sentences.count > scoringBatch else {
            return sentences.map { Proposal(sentence: $0, score: CheckWorthiness.score($0.text)) }
        }
        let batches = (sentences.count + scoringBatch - 1) / scoringBatch
        let scored = Mutex([[Score]](repeating: [], count: batches))
        DispatchQueue.concurrentPerform(iterations: batches) { batch in
            let range = batch * scoringBatch..<min(sentences.count, (batch + 1) * scoringBatch)
            let scores = sentences[range].map { CheckWorthiness.score($0.text) }
            scored.withLock { $0[batch] = scores }
        }
        return zip(sentences, scored.withLock { $0.joined() }).map { Proposal(sentence: $0, score: $1) }
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
        // Sentences do not overlap one another, so only the claims there before can overlap one.
        let existing = ExistingAnchors(document.claims)
        var chosen = (given ?? proposals(for: document.article.text)).filter {
            $0.score.value >= threshold && !existing.overlap(start: $0.sentence.start, end: $0.sentence.end)
        }
        if chosen.count > proposalLimit {
            // The best, ties to the earlier sentence, then back in text order.
            chosen = Array(chosen.enumerated().sorted { ($1.element.score.value, $0.offset) < ($0.element.score.value, $1.offset) }
                .prefix(proposalLimit)).sorted { $0.offset < $1.offset }.map(\.element)
        }
        for proposal in chosen {
            let sentence = proposal.sentence
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

/// The anchors of a document's claims, sorted, to tell in logarithmic time whether a range overlaps
/// one: a long page's thousands of sentences are each checked against thousands of claims.
struct ExistingAnchors {
    /// Anchor starts, ascending.
    private var starts: [Int] = []
    /// The largest end among the anchors up to each index.
    private var furthestEnds: [Int] = []

    init(_ claims: [Claim]) {
        for anchor in claims.map(\.anchor).sorted(by: { $0.start < $1.start }) {
            starts.append(anchor.start)
            furthestEnds.append(max(furthestEnds.last ?? Int.min, anchor.end))
        }
    }

    /// Whether any anchor overlaps `start..<end`: one starting before `end` ends after `start`.
    func overlap(start: Int, end: Int) -> Bool {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < end { low = middle + 1 } else { high = middle }
        }
        return low > 0 && furthestEnds[low - 1] > start
    }
}
