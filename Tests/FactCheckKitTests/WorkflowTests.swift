import FactCheckKit
import Testing

/// PRODUCT.md §4, written out by hand so the table in the code is checked against the spec.
private let specified: [Status: [Workflow.Step: Status]] = [
    .pending: [.assign: .inReview, .mark(.verified): .verified, .mark(.disputed): .disputed,
               .mark(.unverifiable): .unverifiable, .dismiss: .dismissed],
    .inReview: [.unassign: .pending, .mark(.verified): .verified, .mark(.disputed): .disputed,
                .mark(.unverifiable): .unverifiable],
    .verified: [.reopen: .inReview],
    .disputed: [.reopen: .inReview],
    .unverifiable: [.reopen: .inReview],
    .dismissed: [.reopen: .inReview],
]

private let allSteps: [Workflow.Step] = [
    .assign, .unassign, .mark(.verified), .mark(.disputed), .mark(.unverifiable), .dismiss, .reopen,
    .mark(.pending), .mark(.inReview), .mark(.dismissed),
]

private func claim(_ status: Status, sources: [Source] = []) -> Claim {
    Claim(
        id: "c3", status: status, created: "2026-11-27T09:00:00Z",
        anchor: Anchor(start: 0, end: 4, prefix: "", exact: "Text", suffix: ""),
        assignee: status == .inReview ? "Alex Example" : nil, sources: sources,
        history: [HistoryEvent(time: "2026-11-27T09:00:00Z", actor: "factcheck", action: .create, from: nil, to: status)])
}

private let source = Source(url: "https://example.org/record", relation: .supports)

@Suite struct TransitionTable {
    @Test(arguments: Status.allCases)
    func everyStepFromEveryStatus(status: Status) {
        for step in allSteps {
            #expect(Workflow.target(of: step, from: status) == specified[status]?[step], "\(step) from \(status)")
        }
    }

    @Test func allowedStepsAreListedInOrder() {
        #expect(Workflow.steps(from: .verified).map(\.step) == [.reopen])
        #expect(Workflow.steps(from: .pending).map(\.step) == [.assign, .mark(.verified), .mark(.disputed), .mark(.unverifiable), .dismiss])
    }
}

@Suite struct ClaimChanges {
    @Test func refusalNamesTheStatusAndTheNextSteps() {
        var subject = claim(.verified)
        #expect(throws: WorkflowError.self) {
            try ClaimChange.assign(assignee: "Alex Example").apply(to: &subject, by: "Alex Example", at: "2026-11-28T09:00:00Z")
        }
        do {
            try ClaimChange.dismiss(note: "dup").apply(to: &subject, by: "Alex Example", at: "2026-11-28T09:00:00Z")
        } catch {
            #expect(error.description == "cannot dismiss claim c3: it is verified; allowed from verified: reopen (→ in-review)")
        }
        #expect(subject == claim(.verified))
    }

    @Test func markVerifiedNeedsAFittingRatingAndASource() throws {
        var subject = claim(.inReview)
        #expect(throws: WorkflowError.missing(claim: "c3", what: "a rating (--rating accurate|mostly-accurate)")) {
            try ClaimChange.mark(.verified, rating: nil, sources: [source], note: nil).apply(to: &subject, by: "A", at: "2026-11-28T09:00:00Z")
        }
        #expect(throws: WorkflowError.ratingMismatch(claim: "c3", status: .verified, rating: .mixed, allowed: [.accurate, .mostlyAccurate])) {
            try ClaimChange.mark(.verified, rating: .mixed, sources: [source], note: nil).apply(to: &subject, by: "A", at: "2026-11-28T09:00:00Z")
        }
        #expect(throws: WorkflowError.missing(claim: "c3", what: "at least one source (--source URL)")) {
            try ClaimChange.mark(.verified, rating: .accurate, sources: [], note: nil).apply(to: &subject, by: "A", at: "2026-11-28T09:00:00Z")
        }
        try ClaimChange.mark(.verified, rating: .accurate, sources: [source], note: "Matches the record.")
            .apply(to: &subject, by: "Alex Example", at: "2026-11-28T09:00:00Z")
        #expect(subject.status == .verified)
        #expect(subject.verdict == Verdict(rating: .accurate, summary: "Matches the record.", reviewer: "Alex Example", time: "2026-11-28T09:00:00Z"))
        #expect(subject.history.last == HistoryEvent(
            time: "2026-11-28T09:00:00Z", actor: "Alex Example", action: .mark, from: .inReview, to: .verified, note: "Matches the record.",
            rating: .accurate, urls: [source.url]))
    }

    @Test func earlierSourcesCount() throws {
        var subject = claim(.pending, sources: [source])
        try ClaimChange.mark(.disputed, rating: .misleading, sources: [], note: nil).apply(to: &subject, by: "A", at: "2026-11-28T09:00:00Z")
        #expect(subject.status == .disputed)
        #expect(subject.assignee == "A")
    }

    @Test func unverifiableNeedsANoteAndNoRating() throws {
        var subject = claim(.pending)
        #expect(throws: WorkflowError.self) {
            try ClaimChange.mark(.unverifiable, rating: nil, sources: [], note: "  ").apply(to: &subject, by: "A", at: "2026-11-28T09:00:00Z")
        }
        #expect(throws: WorkflowError.ratingNotAllowed(claim: "c3")) {
            try ClaimChange.mark(.unverifiable, rating: .mixed, sources: [], note: "No record.").apply(to: &subject, by: "A", at: "2026-11-28T09:00:00Z")
        }
        try ClaimChange.mark(.unverifiable, rating: nil, sources: [], note: "No record.").apply(to: &subject, by: "A", at: "2026-11-28T09:00:00Z")
        #expect(subject.status == .unverifiable)
        #expect(subject.verdict == nil)
    }

    @Test func notesAndSourcesKeepTheStatus() throws {
        var subject = claim(.disputed)
        try ClaimChange.note("Asked the ministry.").apply(to: &subject, by: "A", at: "2026-11-28T09:00:00Z")
        try ClaimChange.addSource(source).apply(to: &subject, by: "A", at: "2026-11-28T09:05:00Z")
        #expect(subject.status == .disputed)
        #expect(subject.notes == [Note(author: "A", time: "2026-11-28T09:00:00Z", text: "Asked the ministry.")])
        #expect(subject.history.suffix(2).map(\.action) == [.note, .addSource])
        #expect(subject.history.suffix(2).allSatisfy { $0.from == .disputed && $0.to == .disputed })
    }

    @Test func aClockBehindTheHistoryDoesNotBreakItsOrder() throws {
        var subject = claim(.pending)
        try ClaimChange.assign(assignee: "A").apply(to: &subject, by: "A", at: "2026-11-26T09:00:00Z")
        #expect(subject.history.last?.time == "2026-11-27T09:00:00Z")
    }
}
