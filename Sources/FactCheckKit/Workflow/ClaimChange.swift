/// A change a reviewer makes to one claim; applying it checks the workflow and its requirements
/// and appends the history event.
public enum ClaimChange: Sendable, Hashable {
    /// pending → in-review, assigned to `assignee`.
    case assign(assignee: String)
    /// in-review → pending.
    case unassign
    /// pending or in-review → verified or disputed (with a rating that fits) or unverifiable (with a note).
    case mark(Status, rating: Rating?, sources: [Source], note: String?)
    /// pending → dismissed, with a note saying why.
    case dismiss(note: String)
    /// verified, disputed, unverifiable or dismissed → in-review, with a note saying why; the
    /// verdict is superseded, and the assignee stays unless another is given.
    case reopen(note: String, assignee: String? = nil)
    /// Cites one more source; the status stays.
    case addSource(Source)
    /// Stops citing the source with this url; the status stays.
    case removeSource(url: String)
    /// Settles a merge's verdict conflict by taking one side's outcome.
    case resolve(Side)
    /// Adds a free-text note; the status stays.
    case note(String)

    /// The workflow step this change takes, if it moves the claim.
    var step: Workflow.Step? {
        switch self {
        case .assign: .assign
        case .unassign: .unassign
        case .mark(let status, _, _, _): .mark(status)
        case .dismiss: .dismiss
        case .reopen: .reopen
        case .addSource, .removeSource, .note, .resolve: nil
        }
    }

    /// A side of a merge's verdict conflict.
    public enum Side: String, Sendable, Hashable, CaseIterable {
        case ours
        case theirs
    }

    /// Applies the change to `claim`, made by `actor` at `time` (UTC ISO 8601).
    ///
    /// Throws when the workflow refuses the step or a requirement is missing; `claim` is then unchanged.
    public func apply(to claim: inout Claim, by actor: String, at time: String) throws(WorkflowError) {
        var updated = claim
        let from = claim.status
        var to = from
        if let step {
            guard let target = Workflow.target(of: step, from: from) else {
                throw .refused(claim: claim.id, status: from, step: step, allowed: Workflow.steps(from: from))
            }
            to = target
        }
        // Later events never predate earlier ones, even if this machine's clock is behind.
        let last = claim.history.last?.time ?? time
        let eventTime = UTCTime.precedes(time, last) ? last : time
        var eventNote: String?
        var eventRating: Rating?
        var eventURLs: [String] = []
        /// The current verdict no longer stands: it is kept, superseded.
        func supersedeVerdict() {
            if let verdict = updated.verdict {
                updated.superseded.append(SupersededVerdict(verdict: verdict, by: actor, at: eventTime))
                updated.verdict = nil
            }
        }
        /// A conflict's outcomes, settled otherwise, are kept among the superseded verdicts.
        func settleConflict(keeping kept: VerdictConflict.Outcome? = nil) {
            guard let conflict = updated.conflict else { return }
            for outcome in [conflict.ours, conflict.theirs] where outcome != kept {
                if let verdict = outcome.verdict {
                    updated.superseded.append(SupersededVerdict(verdict: verdict, by: actor, at: eventTime))
                }
            }
            updated.conflict = nil
        }

        switch self {
        case .assign(let assignee):
            updated.assignee = assignee
        case .unassign:
            // A conflicted claim stays in review until a reviewer settles it.
            guard claim.conflict == nil else {
                throw .missing(claim: claim.id, what: "its verdict conflict settled first (resolve --take ours|theirs, or mark)")
            }
            updated.assignee = nil
        case .mark(let status, let rating, let sources, let note):
            // A url already cited is not cited twice.
            for source in sources where !updated.sources.contains(where: { $0.url == source.url }) {
                updated.sources.append(source)
                eventURLs.append(source.url)
            }
            eventNote = note
            supersedeVerdict()
            settleConflict()
            if !status.hasVerdict {
                guard let note = note.nonBlank else { throw .missing(claim: claim.id, what: "a note saying why it cannot be verified (--note)") }
                guard rating == nil else { throw .ratingNotAllowed(claim: claim.id) }
                eventNote = note
                updated.verdict = nil
            } else {
                let fitting = status.ratings
                guard let rating else {
                    throw .missing(claim: claim.id, what: "a rating (--rating \(fitting.map(\.rawValue).joined(separator: "|")))")
                }
                guard rating.status == status else {
                    throw .ratingMismatch(claim: claim.id, status: status, rating: rating, allowed: fitting)
                }
                guard !updated.sources.isEmpty else {
                    throw .missing(claim: claim.id, what: "at least one source (--source URL)")
                }
                updated.verdict = Verdict(rating: rating, summary: note.nonBlank, reviewer: actor, time: eventTime)
                eventRating = rating
            }
            if updated.assignee == nil { updated.assignee = actor }
        case .dismiss(let note):
            guard let note = note.nonBlank else { throw .missing(claim: claim.id, what: "a note saying why (--note)") }
            eventNote = note
        case .reopen(let note, let assignee):
            guard let note = note.nonBlank else { throw .missing(claim: claim.id, what: "a note saying why (--note)") }
            eventNote = note
            supersedeVerdict()
            updated.assignee = assignee ?? claim.assignee ?? actor
        case .addSource(let source):
            // Repeating a command (after an interrupted or uncertain write) never applies it twice.
            if let cited = claim.sources.first(where: { $0.url == source.url }) {
                throw .alreadyDone(claim: claim.id, what: "cites \(cited.url)")
            }
            updated.sources.append(source)
            eventURLs = [source.url]
        case .removeSource(let url):
            guard let index = claim.sources.firstIndex(where: { $0.url == url }) else {
                throw .notCited(claim: claim.id, url: url, cited: claim.sources.map(\.url))
            }
            if claim.status.hasVerdict && claim.sources.count == 1 {
                throw .missing(
                    claim: claim.id,
                    what: "another source before its only one is removed: it is \(claim.status.rawValue) (reopen it first, or cite another)")
            }
            updated.sources.remove(at: index)
            eventURLs = [url]
        case .resolve(let side):
            guard let conflict = claim.conflict else {
                throw .noConflict(claim: claim.id)
            }
            let outcome = side == .ours ? conflict.ours : conflict.theirs
            if outcome.status.hasVerdict && claim.sources.isEmpty {
                throw .missing(claim: claim.id, what: "at least one source for its \(outcome.status.rawValue) verdict (source add)")
            }
            settleConflict(keeping: outcome)
            to = outcome.status
            updated.verdict = outcome.verdict
            eventRating = outcome.verdict?.rating
            eventNote = outcome.verdict?.summary ?? outcome.note
        case .note(let text):
            guard let text = text.nonBlank else { throw .missing(claim: claim.id, what: "the note's text") }
            if let last = claim.notes.last, last.author == actor, last.text == text {
                throw .alreadyDone(claim: claim.id, what: "has this note from \(actor), added at \(last.time)")
            }
            updated.notes.append(Note(author: actor, time: eventTime, text: text))
        }
        updated.status = to
        updated.history.append(
            HistoryEvent(
                time: eventTime, actor: actor, action: self.action, from: from, to: to, note: eventNote, rating: eventRating,
                urls: eventURLs))
        claim = updated
    }

    /// The action its history event records.
    var action: Action {
        switch self {
        case .addSource: .addSource
        case .removeSource: .removeSource
        case .resolve: .resolve
        case .note: .note
        default: step!.action
        }
    }
}

extension Optional<String> {
    /// The text without surrounding white space, or nil when there is none.
    fileprivate var nonBlank: String? {
        self?.nonBlank
    }
}

extension String {
    fileprivate var nonBlank: String? {
        let trimmed = trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// Why a change to a claim was refused; nothing is written.
public enum WorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The step is not allowed from the claim's status.
    case refused(claim: String, status: Status, step: Workflow.Step, allowed: [(step: Workflow.Step, to: Status)])
    /// A requirement of the step is missing.
    case missing(claim: String, what: String)
    /// The rating does not fit the status asked for.
    case ratingMismatch(claim: String, status: Status, rating: Rating, allowed: [Rating])
    /// Unverifiable claims carry no rating.
    case ratingNotAllowed(claim: String)
    /// No claim with that id in the document.
    case noSuchClaim(document: String, claim: String, known: [String])
    /// The change is already there (the same command run again): nothing is added twice.
    case alreadyDone(claim: String, what: String)
    /// The source to remove is not cited.
    case notCited(claim: String, url: String, cited: [String])
    /// There is no merge conflict to resolve.
    case noConflict(claim: String)

    public var description: String {
        switch self {
        case .refused(let claim, let status, let step, let allowed):
            let next = allowed.isEmpty
                ? "none"
                : allowed.map { "\($0.step) (→ \($0.to.rawValue))" }.joined(separator: ", ")
            return "cannot \(step) claim \(claim): it is \(status.rawValue); allowed from \(status.rawValue): \(next)"
        case .missing(let claim, let what):
            return "claim \(claim) needs \(what)"
        case .ratingMismatch(let claim, let status, let rating, let allowed):
            return "cannot mark claim \(claim) \(status.rawValue) with rating \(rating.rawValue); "
                + "\(status.rawValue) takes \(allowed.map(\.rawValue).joined(separator: " or "))"
        case .ratingNotAllowed(let claim):
            return "claim \(claim): an unverifiable claim takes no rating; leave out --rating"
        case .noSuchClaim(let document, let claim, let known):
            let list = known.count > 12 ? known.prefix(12).joined(separator: ", ") + ", …" : known.joined(separator: ", ")
            return "document \(document) has no claim \(claim) (claims: \(list.isEmpty ? "none" : list))"
        case .alreadyDone(let claim, let what):
            return "claim \(claim) already \(what); nothing changed"
        case .notCited(let claim, let url, let cited):
            return "claim \(claim) does not cite \(url) (it cites \(cited.isEmpty ? "no source" : cited.joined(separator: ", ")))"
        case .noConflict(let claim):
            return "claim \(claim) has no verdict conflict to resolve"
        }
    }

    public static func == (lhs: WorkflowError, rhs: WorkflowError) -> Bool {
        lhs.description == rhs.description
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(description)
    }
}
