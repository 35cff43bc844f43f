/// Merges two versions of an annotation document that grew from a common one, claim by claim, as
/// `factcheck merge-file` does for git.
///
/// - History events, notes, superseded verdicts and sources are unions: a thing is identified by
///   its content, so nothing is lost and nothing is doubled. Events keep each side's order and
///   interleave by time.
/// - The status is where the merged history leads, replayed through the workflow table.
/// - Two different outcomes (verified, disputed, unverifiable, dismissed) reached on the two sides
///   are a conflict: the claim goes back to review with both outcomes recorded, until a reviewer
///   resolves it.
/// - Claims both sides added with the same anchor become one; different claims both sides numbered
///   alike are renumbered, ours keeping its ids.
/// - The article must be the same on both sides (or changed on one side only): two different texts
///   are not merged, since every anchor depends on the text.
///
/// The result does not depend on which side is "ours", except for the ids of renumbered claims, the
/// order of claims, and which outcome a conflict calls ours.
public enum DocumentMerge {
    /// What a merge made.
    public struct Outcome: Sendable {
        public var document: AnnotationDocument
        /// Claims of theirs given a new id: theirs' id, and the id in the merged document.
        public var renumbered: [(from: String, to: String)]
        /// Claims both sides added with the same anchor, made one: theirs' id, and ours.
        public var joined: [(theirs: String, ours: String)]
        /// Claims left with a verdict conflict.
        public var conflicts: [String]
    }

    /// Why two versions were not merged.
    public enum Refusal: Error, Sendable, CustomStringConvertible {
        /// The sides have different article texts (or both changed the article's details differently).
        case articleDiffers(what: String)

        public var description: String {
            switch self {
            case .articleDiffers(let what): "the two sides have different \(what); the tool does not guess which is right"
            }
        }
    }

    /// The actor recorded on a conflict event: the merge itself.
    public static let mergeActor = "factcheck merge"

    /// Merges `ours` and `theirs`, which both grew from `base` (nil when both added the document).
    public static func merge(
        base: AnnotationDocument?, ours: AnnotationDocument, theirs: AnnotationDocument
    ) throws(Refusal) -> Outcome {
        let article = try mergeArticle(base: base?.article, ours: ours.article, theirs: theirs.article)
        let baseClaims = Dictionary((base?.claims ?? []).map { ($0.id, $0) }) { first, _ in first }
        var claims = ours.claims
        var oursIndex = Dictionary(ours.claims.enumerated().map { ($1.id, $0) }) { first, _ in first }
        var paired = Set<Int>()
        var used = Set(ours.claims.map(\.id)).union(baseClaims.keys)
        var renumbered: [(from: String, to: String)] = []
        var joined: [(theirs: String, ours: String)] = []
        var conflicts: [String] = []
        var next = (used.union(theirs.claims.map(\.id)).compactMap(claimNumber).max() ?? 0) + 1

        for claim in theirs.claims {
            var match: Int?
            if let index = oursIndex[claim.id], !paired.contains(index),
               claims[index].anchor.start == claim.anchor.start, claims[index].anchor.end == claim.anchor.end {
                match = index
            } else if let index = ours.claims.indices.first(where: {
                !paired.contains($0) && baseClaims[ours.claims[$0].id] == nil && baseClaims[claim.id] == nil
                    && ours.claims[$0].anchor.start == claim.anchor.start && ours.claims[$0].anchor.end == claim.anchor.end
            }) {
                match = index
                joined.append((claim.id, ours.claims[index].id))
            }
            if let index = match {
                paired.insert(index)
                let common = baseClaims[claims[index].id].flatMap { $0.anchor == claim.anchor ? $0 : nil }
                let merged = mergeClaim(base: common, ours: claims[index], theirs: claim)
                if merged.conflict != nil && claims[index].conflict == nil && claim.conflict == nil {
                    conflicts.append(merged.id)
                }
                claims[index] = merged
                continue
            }
            // A claim only theirs has: kept, under a new id if ours uses its id for another.
            var added = claim
            if used.contains(claim.id) {
                added.id = "c\(next)"
                next += 1
                renumbered.append((claim.id, added.id))
            }
            used.insert(added.id)
            oursIndex[added.id] = claims.count
            paired.insert(claims.count)
            claims.append(added)
        }
        return Outcome(
            document: AnnotationDocument(article: article, claims: claims), renumbered: renumbered, joined: joined,
            conflicts: conflicts)
    }

    private static func claimNumber(_ id: String) -> Int? {
        id.hasPrefix("c") ? Int(id.dropFirst()) : nil
    }

    private static func mergeArticle(base: Article?, ours: Article, theirs: Article) throws(Refusal) -> Article {
        if ours == theirs { return ours }
        guard ours.text == theirs.text else { throw .articleDiffers(what: "article texts") }
        if let base, ours == base { return theirs }
        if let base, theirs == base { return ours }
        throw .articleDiffers(what: "article details (title, url, authors, …)")
    }

    // MARK: One claim

    static func mergeClaim(base: Claim?, ours: Claim, theirs: Claim) -> Claim {
        if ours == theirs { return ours }
        if let base, theirs == base { return ours }
        if let base, ours == base { return mergedKeepingID(theirs, id: ours.id) }

        var result = ours
        result.created = UTCTime.precedes(theirs.created, ours.created) ? theirs.created : ours.created
        result.claimant = threeWay(base?.claimant, ours.claimant, theirs.claimant)
        result.topics = threeWay(base?.topics, ours.topics, theirs.topics)
        result.score = threeWay(base?.score, ours.score, theirs.score)
        result.anchor = threeWay(base?.anchor, ours.anchor, theirs.anchor)
        result.history = interleave(ours.history, theirs.history, key: eventKey, time: \.time)
        // A claim both sides added: created once, the first time.
        if let first = result.history.firstIndex(where: { $0.action == .create }) {
            result.history = result.history.enumerated().filter { $0.offset == first || $0.element.action != .create }.map(\.element)
        }
        result.notes = interleave(ours.notes, theirs.notes, key: { "\($0.time)|\($0.author)|\($0.text)" }, time: \.time)
        result.sources = mergeSources(base: base?.sources ?? [], ours.sources, theirs.sources, history: result.history)

        var superseded = union(ours.superseded, theirs.superseded, key: supersededKey)
        let oursOutcome = outcome(of: ours)
        let theirsOutcome = outcome(of: theirs)
        let baseOutcome = base.flatMap(outcome)
        let existingConflict = ours.conflict ?? theirs.conflict
        if let oursOutcome, let theirsOutcome, oursOutcome != theirsOutcome,
           oursOutcome != baseOutcome, theirsOutcome != baseOutcome {
            // Two different outcomes: back to review, both kept.
            let reached = Workflow.replay(result.history) ?? ours.status
            // After everything either side did (the history is in time order).
            let later = result.history.last?.time ?? oursOutcome.time
            let described = [oursOutcome, theirsOutcome].sorted { outcomeKey($0) < outcomeKey($1) }.map(describe)
            result.history.append(
                HistoryEvent(
                    time: later, actor: mergeActor, action: .conflict, from: reached, to: .inReview,
                    note: "two outcomes merged: " + described.joined(separator: "; ")))
            result.conflict = VerdictConflict(ours: oursOutcome, theirs: theirsOutcome)
            result.verdict = nil
        } else {
            result.conflict = existingConflict.flatMap { conflict in
                // Settled on either side (the conflict's resolve or a mark came after it): gone.
                settled(conflict, in: result.history) ? nil : conflict
            }
            result.verdict = currentVerdict(ours: ours, theirs: theirs, history: result.history)
        }
        result.status = result.conflict != nil ? .inReview : (Workflow.replay(result.history) ?? ours.status)
        if !result.status.hasVerdict { result.verdict = nil }
        if let verdict = result.verdict, result.sources.isEmpty {
            // One side removed the last source while the other marked the claim: the verdict keeps
            // the evidence its side cites.
            let sides = [ours, theirs].filter { $0.verdict == verdict }
            let basePosition = Dictionary((base?.sources ?? []).enumerated().map { ($1.url, $0) }) { first, _ in first }
            result.sources = union(sides[0].sources, sides.count > 1 ? sides[1].sources : [], key: \.url).sorted {
                (basePosition[$0.url] ?? Int.max, $0.url) < (basePosition[$1.url] ?? Int.max, $1.url)
            }
        }
        // A verdict that stood on one side and stands no more is kept, superseded.
        let closing = result.history.last { Workflow.Step(action: $0.action, to: $0.to) != nil || $0.action == .resolve }
        for verdict in [ours.verdict, theirs.verdict].compactMap({ $0 }) where verdict != result.verdict {
            let kept = superseded.contains { $0.verdict == verdict }
                || result.conflict.map { $0.ours.verdict == verdict || $0.theirs.verdict == verdict } == true
            if !kept {
                superseded.append(
                    SupersededVerdict(verdict: verdict, by: closing?.actor ?? verdict.reviewer, at: closing?.time ?? verdict.time))
            }
        }
        result.superseded = superseded.sorted { supersededKey($0) < supersededKey($1) }
        result.assignee = mergeAssignee(base: base, ours: ours, theirs: theirs, result: result)
        return result
    }

    private static func mergedKeepingID(_ claim: Claim, id: String) -> Claim {
        var claim = claim
        claim.id = id
        return claim
    }

    /// The side that changed wins; if both changed differently, the smaller description (so the
    /// answer is the same whichever side is ours).
    private static func threeWay<Value: Equatable>(_ base: Value?, _ ours: Value, _ theirs: Value) -> Value {
        if ours == theirs { return ours }
        if let base, ours == base { return theirs }
        if let base, theirs == base { return ours }
        return String(describing: ours) <= String(describing: theirs) ? ours : theirs
    }

    /// What identifies an event: its content. The same event merged in from two sides is one.
    public static func eventKey(_ event: HistoryEvent) -> String {
        [event.time, event.actor, event.action.rawValue, event.from?.rawValue ?? "", event.to.rawValue,
         event.note ?? "", event.rating?.rawValue ?? "", event.urls.joined(separator: " ")].joined(separator: "|")
    }

    private static func supersededKey(_ old: SupersededVerdict) -> String {
        "\(old.at)|\(old.by)|\(old.verdict.time)|\(old.verdict.reviewer)|\(old.verdict.rating.rawValue)|\(old.verdict.summary ?? "")"
    }

    private static func union<Item>(_ ours: [Item], _ theirs: [Item], key: (Item) -> String) -> [Item] {
        var seen = Set(ours.map(key))
        var result = ours
        for item in theirs where seen.insert(key(item)).inserted { result.append(item) }
        return result
    }

    /// The items of both lists, each once (by `key`), ordered by time; items of the same time keep
    /// the order each side gave them, and otherwise go in key order: the same result whichever list
    /// comes first.
    static func interleave<Item>(_ ours: [Item], _ theirs: [Item], key: (Item) -> String, time: (Item) -> String) -> [Item] {
        let oursKeys = ours.map(key)
        let theirsKeys = theirs.map(key)
        let inOurs = Set(oursKeys)
        let inTheirs = Set(theirsKeys)
        var result: [Item] = []
        var emitted = Set<String>()
        var i = 0
        var j = 0
        while true {
            while i < ours.count && emitted.contains(oursKeys[i]) { i += 1 }
            while j < theirs.count && emitted.contains(theirsKeys[j]) { j += 1 }
            if i == ours.count && j == theirs.count { break }
            let takeOurs: Bool
            if i == ours.count {
                takeOurs = false
            } else if j == theirs.count {
                takeOurs = true
            } else if oursKeys[i] == theirsKeys[j] {
                takeOurs = true
            } else {
                let a = time(ours[i])
                let b = time(theirs[j])
                if UTCTime.precedes(a, b) {
                    takeOurs = true
                } else if UTCTime.precedes(b, a) {
                    takeOurs = false
                } else if inTheirs.contains(oursKeys[i]) != inOurs.contains(theirsKeys[j]) {
                    // A head both sides have comes after the other side's head on that side: the
                    // head only one side has goes first.
                    takeOurs = !inTheirs.contains(oursKeys[i])
                } else {
                    takeOurs = oursKeys[i] < theirsKeys[j]
                }
            }
            let item = takeOurs ? ours[i] : theirs[j]
            emitted.insert(takeOurs ? oursKeys[i] : theirsKeys[j])
            result.append(item)
        }
        return result
    }

    /// Sources both sides cite, once each; a source removed on a side (its last mention in the
    /// merged history is a removal) stays removed. Order: the base's, then by first mention.
    private static func mergeSources(base: [Source], _ ours: [Source], _ theirs: [Source], history: [HistoryEvent]) -> [Source] {
        var lastMention: [String: Action] = [:]
        var firstMention: [String: Int] = [:]
        for (index, event) in history.enumerated() where [.addSource, .removeSource, .mark].contains(event.action) {
            for url in event.urls {
                lastMention[url] = event.action
                if firstMention[url] == nil { firstMention[url] = index }
            }
        }
        let baseByURL = Dictionary(base.map { ($0.url, $0) }) { first, _ in first }
        let oursByURL = Dictionary(ours.map { ($0.url, $0) }) { first, _ in first }
        let theirsByURL = Dictionary(theirs.map { ($0.url, $0) }) { first, _ in first }
        let urls = Set(oursByURL.keys).union(theirsByURL.keys).filter { lastMention[$0] != .removeSource }
        let basePosition = Dictionary(base.enumerated().map { ($1.url, $0) }) { first, _ in first }
        let ordered = urls.sorted {
            (basePosition[$0] ?? Int.max, firstMention[$0] ?? Int.max, $0) < (basePosition[$1] ?? Int.max, firstMention[$1] ?? Int.max, $1)
        }
        return ordered.map { url in
            let candidates = [oursByURL[url], theirsByURL[url]].compactMap { $0 }
            if candidates.count == 1 { return candidates[0] }
            return threeWay(baseByURL[url], candidates[0], candidates[1])
        }
    }

    /// A claim's outcome, if it is closed: verified, disputed, unverifiable or dismissed.
    private static func outcome(of claim: Claim) -> VerdictConflict.Outcome? {
        guard claim.status.isReviewed || claim.status == .dismissed else { return nil }
        let closing = claim.history.last { $0.to == claim.status && $0.from != claim.status }
        return VerdictConflict.Outcome(
            status: claim.status, verdict: claim.verdict, note: claim.verdict == nil ? closing?.note : nil,
            actor: claim.verdict?.reviewer ?? closing?.actor ?? "unknown", time: claim.verdict?.time ?? closing?.time ?? claim.created)
    }

    private static func outcomeKey(_ outcome: VerdictConflict.Outcome) -> String {
        "\(outcome.time)|\(outcome.actor)|\(outcome.status.rawValue)|\(outcome.verdict?.rating.rawValue ?? "")"
    }

    private static func describe(_ outcome: VerdictConflict.Outcome) -> String {
        let rating = outcome.verdict.map { " (\($0.rating.rawValue))" } ?? ""
        return "\(outcome.status.rawValue)\(rating) by \(outcome.actor) at \(outcome.time)"
    }

    /// Whether a conflict was settled: a resolve or mark follows its conflict event.
    private static func settled(_ conflict: VerdictConflict, in history: [HistoryEvent]) -> Bool {
        guard let raised = history.lastIndex(where: { $0.action == .conflict }) else { return true }
        return history[(raised + 1)...].contains { $0.action == .resolve || $0.action == .mark }
    }

    /// The verdict of the event the replayed history's status comes from.
    private static func currentVerdict(ours: Claim, theirs: Claim, history: [HistoryEvent]) -> Verdict? {
        guard let status = Workflow.replay(history), status.hasVerdict else { return nil }
        let setting = history.last { ($0.action == .mark || $0.action == .resolve) && $0.to == status }
        for verdict in [ours.verdict, theirs.verdict].compactMap({ $0 }) where verdict.rating.status == status {
            guard let setting else { break }
            // A resolve takes an outcome's verdict as its reviewer gave it.
            if setting.action == .resolve || (verdict.reviewer == setting.actor && verdict.time == setting.time) {
                return verdict
            }
        }
        if let setting, let rating = setting.rating {
            return Verdict(rating: rating, summary: setting.note, reviewer: setting.actor, time: setting.time)
        }
        return [ours.verdict, theirs.verdict].compactMap { $0 }.first { $0.rating.status == status }
    }

    private static func mergeAssignee(base: Claim?, ours: Claim, theirs: Claim, result: Claim) -> String? {
        var assignee: String?
        if ours.assignee == theirs.assignee || base.map({ theirs.assignee == $0.assignee }) == true {
            assignee = ours.assignee
        } else if base.map({ ours.assignee == $0.assignee }) == true {
            assignee = theirs.assignee
        } else {
            // Both changed it: the later change, by the events that set an assignee.
            let setting: Set<Action> = [.assign, .unassign, .reopen, .mark]
            let oursTime = ours.history.last { setting.contains($0.action) }?.time ?? ""
            let theirsTime = theirs.history.last { setting.contains($0.action) }?.time ?? ""
            if UTCTime.precedes(oursTime, theirsTime) {
                assignee = theirs.assignee
            } else if UTCTime.precedes(theirsTime, oursTime) {
                assignee = ours.assignee
            } else {
                assignee = [ours.assignee, theirs.assignee].compactMap { $0 }.min()
            }
        }
        if result.status.needsAssignee && assignee == nil {
            assignee = ours.assignee ?? theirs.assignee ?? result.history.last?.actor
        }
        return assignee
    }
}
