import LibXML

/// The rules of PRODUCT.md §3 that XSD cannot express, each with its own message.
public enum SemanticRules {
    /// Every broken rule in `document`, located with `map`; empty when the document is sound.
    ///
    /// `storedTextHash` is the hash the file records for the text, when the document came from a file.
    public static func check(
        _ document: AnnotationDocument, map: SourceMap = SourceMap(), path: String, storedTextHash: String? = nil
    ) -> [Diagnostic] {
        var checker = Checker(path: path, map: map)
        checker.checkArticle(document.article, storedTextHash: storedTextHash)
        for (index, claim) in document.claims.enumerated() {
            checker.checkClaim(claim, locations: map.claim(at: index))
        }
        return checker.diagnostics
    }

    /// The rules applied one part at a time — the article, then each claim — so a document read as
    /// a stream is checked without holding all of it.
    struct Checker {
        private var findings: Findings
        private var text = ScalarText("")
        /// Each claim id seen, with the line of its first definition. Ids are `c` and a number (the
        /// schema says so) and only the numbers are kept, an eighth of the memory of the strings
        /// in a document of 100,000 claims; an id of another form is kept as it is.
        private var seenNumbers: [Int32: Int32] = [:]
        private var seenOthers: [String: Int] = [:]

        init(path: String, map: SourceMap) {
            findings = Findings(path: path, map: map)
        }

        var diagnostics: [Diagnostic] { findings.diagnostics }

        mutating func checkArticle(_ article: Article, storedTextHash: String?) {
            let path = findings.path
            let location = findings.map.text
            if path.hasSuffix(AnnotationDocument.fileSuffix) {
                let name = String(path.split(separator: "/").last ?? "").dropLast(AnnotationDocument.fileSuffix.count)
                if name != article.id {
                    findings.add(
                        location,
                        "article id '\(article.id)' does not match the file name '\(name)\(AnnotationDocument.fileSuffix)'")
                }
            }
            if let storedTextHash, storedTextHash != article.textHash {
                findings.add(
                    location,
                    "article text does not match its sha256 (recorded \(storedTextHash.prefix(12))…, "
                        + "actual \(article.textHash.prefix(12))…); the text was edited after import")
            }
            if article.text.containsASCII(UInt8(ascii: "\r")) {
                findings.add(location, "article text contains a carriage return; normalized text uses line feeds only")
            }
            text = ScalarText(article.text)
        }

        mutating func checkClaim(_ claim: Claim, locations: SourceMap.ClaimLocations) {
            let label = "claim \(claim.id)"
            if let first = firstDefinition(of: claim.id, at: locations.claim.line) {
                findings.add(locations.claim, "\(label) is defined twice (first at line \(first))")
            }
            checkAnchor(claim, label: label, text: text, location: locations.anchor, findings: &findings)
            checkStatus(claim, label: label, locations: locations, findings: &findings)
            checkHistory(claim, label: label, locations: locations, findings: &findings)
        }

        /// The line where `id` was first defined, if it was; otherwise notes that it is defined at `line`.
        private mutating func firstDefinition(of id: String, at line: Int) -> Int? {
            if let number = Self.claimNumber(id), let line32 = Int32(exactly: line) {
                if let first = seenNumbers[number] { return Int(first) }
                seenNumbers[number] = line32
                return nil
            }
            if let first = seenOthers[id] { return first }
            seenOthers[id] = line
            return nil
        }

        /// The number of an id of the form `c[1-9][0-9]{0,8}`.
        private static func claimNumber(_ id: String) -> Int32? {
            let utf8 = id.utf8
            guard utf8.count >= 2, utf8.count <= 10, utf8.first == UInt8(ascii: "c") else { return nil }
            var number: Int32 = 0
            for (index, byte) in utf8.dropFirst().enumerated() {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), index > 0 || byte != UInt8(ascii: "0") else { return nil }
                number = number * 10 + Int32(byte - UInt8(ascii: "0"))
            }
            return number
        }
    }

    private static func checkAnchor(
        _ claim: Claim, label: String, text: ScalarText, location: SourceLocation, findings: inout Findings
    ) {
        let anchor = claim.anchor
        guard anchor.start < anchor.end else {
            findings.add(location, "\(label): anchor start \(anchor.start) is not before end \(anchor.end)")
            return
        }
        guard anchor.end <= text.count else {
            findings.add(
                location, "\(label): anchor end \(anchor.end) is past the end of the text (\(text.count) characters)")
            return
        }
        // Compared scalar by scalar; strings are built only for a message.
        if !text.matches(anchor.exact, at: anchor.start, length: anchor.end - anchor.start) {
            let (quoted, found) = difference(anchor.exact, text.slice(anchor.start, anchor.end))
            findings.add(
                location,
                "\(label): quote does not match the text at \(anchor.start)-\(anchor.end): "
                    + "the quote has '\(quoted)' where the text has '\(found)'")
        }
        let prefixCount = anchor.prefix.unicodeScalars.count
        if prefixCount > anchor.start || !text.matches(anchor.prefix, at: anchor.start - prefixCount, length: prefixCount) {
            findings.add(location, "\(label): prefix does not match the text before offset \(anchor.start)")
        }
        let suffixCount = anchor.suffix.unicodeScalars.count
        if anchor.end + suffixCount > text.count || !text.matches(anchor.suffix, at: anchor.end, length: suffixCount) {
            findings.add(location, "\(label): suffix does not match the text after offset \(anchor.end)")
        }
    }

    private static func checkStatus(
        _ claim: Claim, label: String, locations: SourceMap.ClaimLocations, findings: inout Findings
    ) {
        if claim.status.hasVerdict {
            if let verdict = claim.verdict {
                if verdict.rating.status != claim.status {
                    findings.add(
                        locations.verdict,
                        "\(label) is \(claim.status.rawValue) but its rating is \(verdict.rating.rawValue); "
                            + "\(claim.status.rawValue) takes \(ratings(for: claim.status))")
                }
                if claim.sources.isEmpty {
                    findings.add(locations.claim, "\(label) is \(claim.status.rawValue) but cites no source")
                }
            } else {
                findings.add(locations.claim, "\(label) is \(claim.status.rawValue) but has no verdict")
            }
        }
        if claim.status.needsAssignee && claim.assignee == nil {
            findings.add(locations.claim, "\(label) is \(claim.status.rawValue) but has no assignee")
        }
        if claim.verdict != nil && !claim.status.hasVerdict {
            findings.add(
                locations.verdict,
                "\(label) is \(claim.status.rawValue) but has a verdict; only verified and disputed claims carry one")
        }
        if let conflict = claim.conflict {
            if claim.status != .inReview {
                findings.add(
                    locations.claim,
                    "\(label) has a verdict conflict but is \(claim.status.rawValue); a conflicted claim is in-review until resolved")
            }
            for (side, outcome) in [("ours", conflict.ours), ("theirs", conflict.theirs)] {
                let fits = outcome.status.hasVerdict
                    ? outcome.verdict.map { $0.rating.status == outcome.status } ?? false
                    : outcome.verdict == nil && outcome.status != .pending && outcome.status != .inReview
                if !fits {
                    findings.add(
                        locations.claim,
                        "\(label): the conflict's \(side) outcome is \(outcome.status.rawValue)"
                            + (outcome.verdict.map { " with rating \($0.rating.rawValue)" } ?? " without a rating")
                            + ", which is not a verdict the workflow gives")
                }
            }
        }
        if let reached = Workflow.replay(claim.history), reached != claim.status {
            let location = locations.history.last ?? locations.claim
            findings.add(
                location,
                "\(label) has status \(claim.status.rawValue) but its history leads to \(reached.rawValue)")
        }
    }

    private static func checkHistory(
        _ claim: Claim, label: String, locations: SourceMap.ClaimLocations, findings: inout Findings
    ) {
        func location(_ index: Int) -> SourceLocation {
            index < locations.history.count ? locations.history[index] : locations.claim
        }
        guard let first = claim.history.first else {
            findings.add(locations.claim, "\(label) has no history")
            return
        }
        if first.action != .create || first.from != nil {
            findings.add(location(0), "\(label): the first history event must be 'create' with no from-status")
        }
        for index in claim.history.indices.dropFirst() {
            let previous = claim.history[index - 1]
            let event = claim.history[index]
            if UTCTime.precedes(event.time, previous.time) {
                findings.add(
                    location(index),
                    "\(label): history is out of time order (\(event.time) comes after \(previous.time))")
            }
            if let problem = transitionProblem(event) {
                findings.add(location(index), "\(label): history event \(event.action.rawValue) \(problem)")
            }
            if event.action == .create {
                findings.add(location(index), "\(label): only the first history event may be 'create'")
            }
        }
    }

    /// What is wrong with the move an event records, judged on its own (events merged from two
    /// clones interleave, so an event need not start where the one before it ended).
    private static func transitionProblem(_ event: HistoryEvent) -> String? {
        if event.action == .create { return nil }  // only first, as checked above
        guard let from = event.from else { return "has no from-status" }
        switch event.action {
        case .create:
            return nil
        case .note, .addSource, .removeSource:
            return from == event.to ? nil : "changes the status (\(from.rawValue) → \(event.to.rawValue)); it cannot"
        case .conflict:
            return event.to == .inReview ? nil : "must lead to in-review, not \(event.to.rawValue)"
        case .resolve:
            return from == .inReview && event.to != .pending && event.to != .inReview
                ? nil : "must lead from in-review to an outcome, not \(from.rawValue) → \(event.to.rawValue)"
        case .assign, .unassign, .mark, .dismiss, .reopen:
            if let step = Workflow.Step(action: event.action, to: event.to), Workflow.target(of: step, from: from) == event.to {
                return nil
            }
            return "leads from \(from.rawValue) to \(event.to.rawValue), which the workflow does not allow"
        }
    }

    /// Short excerpts of `a` and `b` around the first place they differ.
    private static func difference(_ a: String, _ b: String) -> (String, String) {
        let left = Array(a.unicodeScalars)
        let right = Array(b.unicodeScalars)
        var index = 0
        while index < left.count, index < right.count, left[index] == right[index] { index += 1 }
        let start = max(0, index - 12)
        func excerpt(_ scalars: [Unicode.Scalar]) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[min(start, scalars.count)..<min(scalars.count, index + 24)])
            let lead = start > 0 ? "…" : ""
            let tail = index + 24 < scalars.count ? "…" : ""
            return lead + Excerpt.sanitized(String(view), limit: 40) + tail
        }
        return (excerpt(left), excerpt(right))
    }

    private static func ratings(for status: Status) -> String {
        status.ratings.map(\.rawValue).joined(separator: " or ")
    }
}

/// Diagnostics gathered for one document; past a limit only counted, so a huge broken document
/// gives a readable report in bounded time.
struct Findings {
    static let limit = 50

    let path: String
    let map: SourceMap
    private var found: [Diagnostic] = []
    private var dropped = 0

    init(path: String, map: SourceMap) {
        self.path = path
        self.map = map
    }

    mutating func add(_ location: SourceLocation, _ message: String) {
        guard found.count < Self.limit else {
            dropped += 1
            return
        }
        found.append(map.diagnostic(path, at: location, message))
    }

    var diagnostics: [Diagnostic] {
        dropped == 0 ? found : found + [Diagnostic(file: path, message: "\(dropped) more errors not shown")]
    }
}
