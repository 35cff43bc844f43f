@testable import FactCheckKit
import Foundation
import TestSupport
import Testing

/// Random reviewers' work on one copy of a document, with the change set a desk really makes.
struct RandomReviewer {
    let name: String
    var clock: Int

    /// Applies `count` random changes (refused ones are skipped, as the tool refuses them) to `document`.
    mutating func work(on document: inout AnnotationDocument, count: Int, using random: inout SeededGenerator) {
        // Few words and few open claims, so that the two reviewers often meet on the same one.
        let words = Array(Set(document.article.text.split(separator: " ").map(String.init).filter { $0.count > 3 && $0.allSatisfy(\.isLetter) }).sorted().prefix(6))
        for _ in 0..<count {
            clock += Int.random(in: 0...2, using: &random)
            let time = "2026-12-01T10:\(String(format: "%02d", clock / 60 % 60)):\(String(format: "%02d", clock % 60))Z"
            if Int.random(in: 0..<8, using: &random) == 0, let word = words.randomElement(using: &random) {
                // Add a claim, as `add` does.
                guard let anchor = try? QuoteAnchor.find(word, in: document.article.text, occurrence: 1),
                      !document.claims.contains(where: { $0.anchor.start == anchor.start && $0.anchor.end == anchor.end })
                else { continue }
                let number = (document.claims.compactMap { Int($0.id.dropFirst()) }.max() ?? 0) + 1
                document.claims.append(
                    Claim(
                        id: "c\(number)", status: .pending, created: time, anchor: anchor,
                        history: [HistoryEvent(time: time, actor: name, action: .create, from: nil, to: .pending)]))
                continue
            }
            let open = document.claims.indices.filter { !document.claims[$0].status.isReviewed && document.claims[$0].status != .dismissed }
            guard let index = (Bool.random(using: &random) ? open.suffix(3).randomElement(using: &random) : nil)
                ?? document.claims.indices.randomElement(using: &random) else { continue }
            let url = "https://example.org/\(name.prefix(3).lowercased())/\(Int.random(in: 0..<4, using: &random))"
            let cited = document.claims[index].sources.map(\.url)
            let change: ClaimChange
            switch Int.random(in: 0..<10, using: &random) {
            case 0: change = .assign(assignee: name)
            case 1: change = .unassign
            case 2:
                let rating = Rating.allCases.filter(\.status.hasVerdict).randomElement(using: &random)!
                change = .mark(
                    rating.status, rating: rating, sources: [Source(url: url, relation: .context)],
                    note: "\(name) says \(rating.rawValue)")
            case 3: change = .mark(.unverifiable, rating: nil, sources: [], note: "\(name) cannot tell")
            case 4: change = .dismiss(note: "\(name) dismisses")
            case 5: change = .reopen(note: "\(name) reopens")
            case 6: change = .addSource(Source(url: url, relation: .context))
            case 7: change = .removeSource(url: cited.randomElement(using: &random) ?? url)
            case 8: change = .resolve(Bool.random(using: &random) ? .ours : .theirs)
            default: change = .note("\(name)'s note \(clock)")
            }
            try? change.apply(to: &document.claims[index], by: name, at: time)
        }
    }
}

/// A document with what depends on which side is ours taken out: claims by anchor (ids can be
/// renumbered), conflicts with their two outcomes in a fixed order.
private func normalized(_ document: AnnotationDocument) -> [String: Claim] {
    var result: [String: Claim] = [:]
    for var claim in document.claims {
        claim.id = ""
        if let conflict = claim.conflict, "\(conflict.theirs)" < "\(conflict.ours)" {
            claim.conflict = VerdictConflict(ours: conflict.theirs, theirs: conflict.ours)
        }
        result["\(claim.anchor.start)-\(claim.anchor.end)"] = claim
    }
    return result
}

/// Where two normalized documents differ: each claim's anchor and the fields that differ.
private func differences(_ a: [String: Claim], _ b: [String: Claim]) -> [String] {
    var found: [String] = []
    for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
        guard let left = a[key], let right = b[key] else {
            found.append("\(key): only on one side")
            continue
        }
        let fields = zip(Mirror(reflecting: left).children, Mirror(reflecting: right).children)
            .filter { "\($0.0.value)" != "\($0.1.value)" }
            .map { "\($0.0.label ?? "?"): \($0.0.value) | \($0.1.value)" }
        found.append("\(key): \(fields.joined(separator: "; "))")
    }
    return found
}

/// Checks that `merged` keeps everything `side` had.
private func expectNothingLost(from side: AnnotationDocument, in merged: AnnotationDocument, seed: UInt64) {
    let byAnchor = Dictionary(merged.claims.map { ("\($0.anchor.start)-\($0.anchor.end)", $0) }) { first, _ in first }
    for claim in side.claims {
        guard let found = byAnchor["\(claim.anchor.start)-\(claim.anchor.end)"] else {
            Issue.record("seed \(seed): claim \(claim.id) lost")
            continue
        }
        let events = Set(found.history.map(DocumentMerge.eventKey))
        for event in claim.history where event.action != .create && !events.contains(DocumentMerge.eventKey(event)) {
            Issue.record("seed \(seed): claim \(claim.id) lost event \(DocumentMerge.eventKey(event))")
        }
        for note in claim.notes where !found.notes.contains(note) {
            Issue.record("seed \(seed): claim \(claim.id) lost note \(note.text)")
        }
        for source in claim.sources where !found.sources.contains(where: { $0.url == source.url }) {
            let removed = found.history.last { $0.urls.contains(source.url) }?.action == .removeSource
            if !removed { Issue.record("seed \(seed): claim \(claim.id) lost source \(source.url)") }
        }
        let verdicts = [found.verdict].compactMap { $0 } + found.superseded.map(\.verdict)
            + [found.conflict?.ours.verdict, found.conflict?.theirs.verdict].compactMap { $0 }
        for verdict in [claim.verdict].compactMap({ $0 }) + claim.superseded.map(\.verdict) where !verdicts.contains(verdict) {
            Issue.record("seed \(seed): claim \(claim.id) lost verdict \(verdict.rating.rawValue) by \(verdict.reviewer)")
        }
    }
}

@Suite struct MergeProperties {
    /// Hundreds of rounds: two reviewers work on copies of a document, the copies are merged both
    /// ways round, then work goes on from the merge.
    @Test func randomTeamworkMergesWithoutLossTheSameEitherWay() throws {
        let start = try DocumentLoader.load(path: Fixture.sample("nk-icc.factcheck.xml")).document
        var seen = (conflicts: 0, renumbered: 0, joined: 0, resolved: 0)
        for round in 0..<300 {
            let seed = UInt64(round) &* 7919 &+ 17
            var random = SeededGenerator(state: seed)
            var base = start
            var ann = RandomReviewer(name: "Ann Example", clock: 0)
            var ben = RandomReviewer(name: "Ben Example", clock: 0)
            // A few merges in a row: the base is each time the last merge.
            for _ in 0..<3 {
                var ours = base
                var theirs = base
                ann.work(on: &ours, count: Int.random(in: 1...8, using: &random), using: &random)
                ben.work(on: &theirs, count: Int.random(in: 1...8, using: &random), using: &random)
                let forward = try DocumentMerge.merge(base: base, ours: ours, theirs: theirs)
                let backward = try DocumentMerge.merge(base: base, ours: theirs, theirs: ours)
                seen.conflicts += forward.conflicts.count
                seen.renumbered += forward.renumbered.count
                seen.joined += forward.joined.count
                seen.resolved += forward.document.claims.filter { $0.history.last?.action == .resolve }.count
                for merged in [forward.document, backward.document] {
                    let problems = SemanticRules.check(merged, path: "merged.xml")
                    #expect(problems.isEmpty, "seed \(seed): \(problems.map(\.message))")
                    // Written and read back, it is the same document.
                    let text = try AnnotationCodec.serialize(merged)
                    #expect(try DocumentLoader.load(bytes: Array(text.utf8), path: "merged.xml").document == merged, "seed \(seed)")
                }
                let difference = differences(normalized(forward.document), normalized(backward.document))
                #expect(difference.isEmpty, "seed \(seed): the merge depends on the side: \(difference)")
                expectNothingLost(from: ours, in: forward.document, seed: seed)
                expectNothingLost(from: theirs, in: forward.document, seed: seed)
                // Merging a merge with either side again changes nothing.
                let again = try DocumentMerge.merge(base: ours, ours: forward.document, theirs: ours)
                #expect(again.document == forward.document, "seed \(seed): merging again changed the document")
                base = forward.document
                ann.clock = max(ann.clock, ben.clock)
                ben.clock = ann.clock
            }
        }
        // The rounds reach every kind of merge.
        #expect(seen.conflicts > 50 && seen.renumbered > 50 && seen.joined > 5 && seen.resolved > 5, "\(seen)")
        print("merge rounds: \(seen)")
    }
}
