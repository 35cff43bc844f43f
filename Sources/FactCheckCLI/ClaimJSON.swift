import FactCheckKit

/// One row of `list --json`.
struct ClaimRowJSON: Encodable, Sendable {
    var ref: String
    var document: String
    var claim: String
    var status: String
    var score: Double?
    var rating: String?
    var assignee: String?
    var quote: String
    var path: String

    init(_ row: ClaimRow) {
        claim = "c\(row.number)"
        ref = "\(row.document):\(claim)"
        document = row.document
        status = row.status.rawValue
        score = row.score
        rating = row.rating?.rawValue
        assignee = row.assignee
        quote = row.quote
        path = row.path
    }
}

/// Everything about one claim, for `show --json`.
struct ClaimJSON: Encodable {
    struct AnchorJSON: Encodable {
        var start: Int
        var end: Int
        var prefix: String
        var exact: String
        var suffix: String
    }

    struct ScoreJSON: Encodable {
        var value: Double
        var features: [String: Double]
    }

    struct VerdictJSON: Encodable {
        var rating: String
        var ratingValue: Int
        var summary: String?
        var reviewer: String
        var time: String

        init(_ verdict: Verdict) {
            rating = verdict.rating.rawValue
            ratingValue = verdict.rating.value
            summary = verdict.summary
            reviewer = verdict.reviewer
            time = verdict.time
        }
    }

    struct SupersededJSON: Encodable {
        var verdict: VerdictJSON
        var by: String
        var at: String
    }

    struct OutcomeJSON: Encodable {
        var status: String
        var verdict: VerdictJSON?
        var note: String?
        var actor: String
        var time: String

        init(_ outcome: VerdictConflict.Outcome) {
            status = outcome.status.rawValue
            verdict = outcome.verdict.map(VerdictJSON.init)
            note = outcome.note
            actor = outcome.actor
            time = outcome.time
        }
    }

    struct ConflictJSON: Encodable {
        var ours: OutcomeJSON
        var theirs: OutcomeJSON
    }

    struct SourceJSON: Encodable {
        var url: String
        var relation: String
        var accessed: String?
        var title: String?
        var publisher: String?
        var archived: String?
        var excerpt: String?
    }

    struct NoteJSON: Encodable {
        var author: String
        var time: String
        var text: String
    }

    var ref: String
    var document: String
    var claim: String
    var path: String
    var status: String
    var created: String
    var anchor: AnchorJSON
    var claimant: String?
    var topics: [String]
    var assignee: String?
    var score: ScoreJSON?
    var verdict: VerdictJSON?
    var superseded: [SupersededJSON]
    var conflict: ConflictJSON?
    var sources: [SourceJSON]
    var notes: [NoteJSON]
    var history: [EventJSON]

    init(_ claim: Claim, document: String, path: String) {
        ref = "\(document):\(claim.id)"
        self.document = document
        self.claim = claim.id
        self.path = path
        status = claim.status.rawValue
        created = claim.created
        let a = claim.anchor
        anchor = AnchorJSON(start: a.start, end: a.end, prefix: a.prefix, exact: a.exact, suffix: a.suffix)
        claimant = claim.claimant
        topics = claim.topics
        assignee = claim.assignee
        score = claim.score.map { score in
            ScoreJSON(value: score.value, features: Dictionary(score.features.map { ($0.name, $0.weight) }) { $1 })
        }
        verdict = claim.verdict.map(VerdictJSON.init)
        superseded = claim.superseded.map { SupersededJSON(verdict: VerdictJSON($0.verdict), by: $0.by, at: $0.at) }
        conflict = claim.conflict.map { ConflictJSON(ours: OutcomeJSON($0.ours), theirs: OutcomeJSON($0.theirs)) }
        sources = claim.sources.map {
            SourceJSON(
                url: $0.url, relation: $0.relation.rawValue, accessed: $0.accessed, title: $0.title,
                publisher: $0.publisher, archived: $0.archived, excerpt: $0.excerpt)
        }
        notes = claim.notes.map { NoteJSON(author: $0.author, time: $0.time, text: $0.text) }
        history = claim.history.map(EventJSON.init)
    }
}

/// One history event, for `show --json` and `history --json`.
struct EventJSON: Encodable {
    var time: String
    var actor: String
    var action: String
    var from: String?
    var to: String
    var note: String?
    var rating: String?
    var sources: [String]?

    init(_ event: HistoryEvent) {
        time = event.time
        actor = event.actor
        action = event.action.rawValue
        from = event.from?.rawValue
        to = event.to.rawValue
        note = event.note
        rating = event.rating?.rawValue
        sources = event.urls.isEmpty ? nil : event.urls
    }
}

/// `stats --json`: every status and rating by its name, zero when none.
struct StatsJSON: Encodable {
    var documents: Int
    var claims: Int
    var byStatus: [String: Int]
    var byRating: [String: Int]
    var byReviewer: [String: Int]

    init(_ counts: ClaimCounts) {
        documents = counts.documents
        claims = counts.claims
        byStatus = Dictionary(uniqueKeysWithValues: counts.byStatus.map { ($0.key.rawValue, $0.value) })
        byRating = Dictionary(uniqueKeysWithValues: counts.byRating.map { ($0.key.rawValue, $0.value) })
        byReviewer = counts.byReviewer
    }
}
