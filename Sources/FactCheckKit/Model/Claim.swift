/// One claim found in an article, with everything the desk has recorded about it.
public struct Claim: Sendable, Hashable {
    /// `c1`, `c2`, …: stable, never reused within a document.
    public var id: String
    public var status: Status
    /// When the claim was created, UTC ISO 8601.
    public var created: String
    public var anchor: Anchor
    /// Who made the claim, e.g. "Human Rights Watch".
    public var claimant: String?
    public var topics: [String]
    public var assignee: String?
    /// The check-worthiness score, when the claim came from the extractor.
    public var score: Score?
    /// The current verdict: present only while the status carries one.
    public var verdict: Verdict?
    /// Earlier verdicts, oldest first: a reopened claim's verdict is kept here, never deleted.
    public var superseded: [SupersededVerdict]
    /// Two outcomes a merge brought together that the desk has yet to choose between.
    public var conflict: VerdictConflict?
    public var sources: [Source]
    public var notes: [Note]
    /// Append-only: every change to the claim, oldest first.
    public var history: [HistoryEvent]

    public init(
        id: String, status: Status, created: String, anchor: Anchor, claimant: String? = nil,
        topics: [String] = [], assignee: String? = nil, score: Score? = nil, verdict: Verdict? = nil,
        superseded: [SupersededVerdict] = [], conflict: VerdictConflict? = nil,
        sources: [Source] = [], notes: [Note] = [], history: [HistoryEvent]
    ) {
        self.id = id
        self.status = status
        self.created = created
        self.anchor = anchor
        self.claimant = claimant
        self.topics = topics
        self.assignee = assignee
        self.score = score
        self.verdict = verdict
        self.superseded = superseded
        self.conflict = conflict
        self.sources = sources
        self.notes = notes
        self.history = history
    }
}

/// Where a claim sits in the article text: W3C TextPositionSelector plus TextQuoteSelector.
public struct Anchor: Sendable, Hashable {
    /// Offset of the first character, counting Unicode scalars from 0.
    public var start: Int
    /// Offset just past the last character.
    public var end: Int
    /// Up to 32 characters before the quote.
    public var prefix: String
    /// The quoted text itself.
    public var exact: String
    /// Up to 32 characters after the quote.
    public var suffix: String

    /// The most context characters kept on each side of a quote.
    public static let contextLength = 32

    public init(start: Int, end: Int, prefix: String, exact: String, suffix: String) {
        self.start = start
        self.end = end
        self.prefix = prefix
        self.exact = exact
        self.suffix = suffix
    }
}

/// A check-worthiness score in [0, 1] and the named features that produced it.
public struct Score: Sendable, Hashable {
    public var value: Double
    public var features: [Feature]

    public init(value: Double, features: [Feature]) {
        self.value = value
        self.features = features
    }
}

/// One feature's contribution to a score.
public struct Feature: Sendable, Hashable {
    public var name: String
    public var weight: Double

    public init(name: String, weight: Double) {
        self.name = name
        self.weight = weight
    }
}

/// A reviewer's conclusion on a claim.
public struct Verdict: Sendable, Hashable {
    public var rating: Rating
    /// A short explanation of the rating, when the reviewer gave one.
    public var summary: String?
    public var reviewer: String
    /// UTC ISO 8601.
    public var time: String

    public init(rating: Rating, summary: String?, reviewer: String, time: String) {
        self.rating = rating
        self.summary = summary
        self.reviewer = reviewer
        self.time = time
    }
}

/// A verdict that no longer stands: who set it aside, and when.
public struct SupersededVerdict: Sendable, Hashable {
    public var verdict: Verdict
    /// Who reopened (or re-marked) the claim.
    public var by: String
    /// UTC ISO 8601.
    public var at: String

    public init(verdict: Verdict, by: String, at: String) {
        self.verdict = verdict
        self.by = by
        self.at = at
    }
}

/// Two different outcomes for one claim, from the two sides of a merge. While it stands the claim
/// is in review and publishes nothing; `resolve --take` or a new `mark` settles it.
public struct VerdictConflict: Sendable, Hashable {
    /// One side's outcome: the status it reached and, for verified or disputed, its verdict; for
    /// unverifiable or dismissed, the note saying why.
    public struct Outcome: Sendable, Hashable {
        public var status: Status
        public var verdict: Verdict?
        public var note: String?
        /// Who closed the claim this way, and when.
        public var actor: String
        public var time: String

        public init(status: Status, verdict: Verdict?, note: String?, actor: String, time: String) {
            self.status = status
            self.verdict = verdict
            self.note = note
            self.actor = actor
            self.time = time
        }
    }

    /// The side the merge was made on (git's "ours") and the side merged in ("theirs").
    public var ours: Outcome
    public var theirs: Outcome

    public init(ours: Outcome, theirs: Outcome) {
        self.ours = ours
        self.theirs = theirs
    }
}

/// How a source bears on a claim.
public enum Relation: String, Sendable, Hashable, CaseIterable, Codable {
    case supports
    case refutes
    case context
}

/// Evidence cited for a verdict.
public struct Source: Sendable, Hashable {
    /// An http or https url.
    public var url: String
    public var relation: Relation
    /// The date the source was read, `YYYY-MM-DD`, when recorded.
    public var accessed: String?
    public var title: String?
    public var publisher: String?
    /// An archived copy, e.g. on the Wayback Machine.
    public var archived: String?
    public var excerpt: String?

    public init(
        url: String, relation: Relation, accessed: String? = nil, title: String? = nil, publisher: String? = nil,
        archived: String? = nil, excerpt: String? = nil
    ) {
        self.url = url
        self.relation = relation
        self.accessed = accessed
        self.title = title
        self.publisher = publisher
        self.archived = archived
        self.excerpt = excerpt
    }
}

/// A reviewer's free-text note on a claim.
public struct Note: Sendable, Hashable {
    public var author: String
    public var time: String
    public var text: String

    public init(author: String, time: String, text: String) {
        self.author = author
        self.time = time
        self.text = text
    }
}

/// What a history event did.
public enum Action: String, Sendable, Hashable, CaseIterable, Codable {
    case create
    case assign
    case unassign
    case mark
    case dismiss
    case reopen
    case note
    case addSource = "add-source"
    case removeSource = "remove-source"
    /// A merge found two different outcomes: the claim went back to review.
    case conflict
    /// A reviewer chose one side of a conflict.
    case resolve
}

/// One change to a claim, as recorded in its append-only history.
public struct HistoryEvent: Sendable, Hashable {
    /// UTC ISO 8601.
    public var time: String
    public var actor: String
    public var action: Action
    /// The status before the change; nil for the event that created the claim.
    public var from: Status?
    public var to: Status
    /// The note given with the change; for a verdict, its summary.
    public var note: String?
    /// The rating a `mark` or `resolve` set.
    public var rating: Rating?
    /// The source an `add-source` or `remove-source` (or a `mark` citing one) concerns; several for a `mark`.
    public var urls: [String]

    public init(
        time: String, actor: String, action: Action, from: Status?, to: Status, note: String? = nil,
        rating: Rating? = nil, urls: [String] = []
    ) {
        self.time = time
        self.actor = actor
        self.action = action
        self.from = from
        self.to = to
        self.note = note
        self.rating = rating
        self.urls = urls
    }
}
