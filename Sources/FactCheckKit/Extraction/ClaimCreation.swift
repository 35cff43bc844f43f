/// Creates claims in a document on disk: by hand, anchored on a quote, or proposed by the extractor.
public enum ClaimCreation {
    /// Anchors `quote` in document `id` and adds it as a pending claim created by `actor`. With
    /// `dryRun`, the changed document is checked as a write would check it, and nothing is written.
    public static func add(
        quote: String, occurrence: Int?, claimant: String?, topics: [String], to id: String,
        in workspace: Workspace, by actor: String, at time: String = UTCClock.now(), dryRun: Bool = false
    ) throws(DocumentError) -> (path: String, claim: Claim) {
        let path = try workspace.documentPath(for: id)
        return try DocumentStore.update(
            path, indexing: workspace.root, writing: { _ in dryRun ? .check : .write }
        ) { document, _ throws(DocumentError) in
            let anchor: Anchor
            do throws(QuoteAnchor.Failure) {
                anchor = try QuoteAnchor.find(quote, in: document.article.text, occurrence: occurrence)
            } catch {
                throw DocumentError.invalid([Diagnostic(file: path, message: error.description)])
            }
            if let same = document.claims.first(where: { $0.anchor.start == anchor.start && $0.anchor.end == anchor.end }) {
                throw DocumentError.invalid([
                    Diagnostic(file: path, message: "claim \(same.id) already anchors this quote at \(anchor.start)-\(anchor.end)")
                ])
            }
            let number = (document.claims.compactMap { Int($0.id.dropFirst()) }.max() ?? 0) + 1
            let claim = Claim(
                id: "c\(number)", status: .pending, created: time, anchor: anchor, claimant: claimant, topics: topics,
                history: [HistoryEvent(time: time, actor: actor, action: .create, from: nil, to: .pending)])
            document.claims.append(claim)
            return (path, claim)
        }
    }

    /// What `extract` did: the new claims, and every sentence with its score.
    public struct Extraction: Sendable {
        public var path: String
        public var document: AnnotationDocument
        public var added: [Claim]
        public var proposals: [ClaimExtractor.Proposal]
    }

    /// Proposes claims for document `id` again; sentences an existing claim overlaps are skipped.
    /// With `dryRun`, nothing is written.
    public static func extract(
        from id: String, in workspace: Workspace, threshold: Double, dryRun: Bool, at time: String = UTCClock.now()
    ) throws(DocumentError) -> Extraction {
        let path = try workspace.documentPath(for: id)
        func propose(_ document: inout AnnotationDocument) throws(DocumentError) -> Extraction {
            let proposals = try ClaimExtractor.proposals(for: document.article.text, path: path)
            let added = ClaimExtractor.extract(
                into: &document, proposals: proposals, threshold: threshold, actor: "factcheck", time: time)
            return Extraction(path: path, document: document, added: added, proposals: proposals)
        }
        if dryRun {
            var document = try DocumentLoader.load(path: path).document
            return try propose(&document)
        }
        return try DocumentStore.update(path, indexing: workspace.root) { document, _ throws(DocumentError) in try propose(&document) }
    }
}
