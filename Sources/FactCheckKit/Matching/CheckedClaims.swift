import SQLiteStore

/// The archive "has this been checked before?" looks in: the workspace's reviewed claims, or a
/// table of another desk's checks.
public struct CheckedClaims: Sendable {
    /// What a match is about, for showing it.
    public struct Check: Sendable, Hashable {
        /// `DOC:CLAIM` for a claim of the workspace; the table's id otherwise.
        public var ref: String
        public var status: Status?
        public var rating: Rating?
        public var quote: String
        public var publisher: String?
    }

    public let checks: [Check]
    public let matcher: ClaimMatcher

    init(checks: [Check], entries: [ClaimMatcher.Entry]) {
        self.checks = checks
        matcher = ClaimMatcher(entries)
    }

    /// The reviewed claims (verified, disputed, unverifiable) of the documents under `workspace`:
    /// each claim's quote, and its verdict's summary (or the note that closed it) as its title; then
    /// the checks of the workspace's archive (`import-claimreview`), each named by its url.
    /// Documents that cannot be read are handed to `onFailure` and left out.
    public static func workspace(_ workspace: String, onFailure: (DocumentError) -> Void = { _ in }) -> CheckedClaims {
        var checks: [Check] = []
        var entries: [ClaimMatcher.Entry] = []
        for path in DocumentFinder.documents(in: workspace) {
            var id = ""
            var found: [Claim] = []
            do throws(DocumentError) {
                try DocumentStream.read(path: path, article: { id = $0.id }) { claim in
                    if claim.status.isReviewed { found.append(claim) }
                }
            } catch {
                onFailure(error)
                continue
            }
            for claim in found {
                let ref = "\(id):\(claim.id)"
                let closing = claim.history.last { $0.to == claim.status && $0.from != claim.status }?.note
                checks.append(Check(ref: ref, status: claim.status, rating: claim.verdict?.rating, quote: claim.anchor.exact, publisher: nil))
                entries.append(.init(id: ref, claim: claim.anchor.exact, title: claim.verdict?.summary ?? closing ?? ""))
            }
        }
        // Other desks' checks, from the archive.
        let archived = archive(in: workspace, onFailure: onFailure)
        checks += archived.checks
        entries += archived.entries
        return CheckedClaims(checks: checks, entries: entries)
    }

    /// The checks of the workspace's archive (`import-claimreview`), each named by its url.
    static func archive(in workspace: String, onFailure: (DocumentError) -> Void) -> (checks: [Check], entries: [ClaimMatcher.Entry]) {
        var checks: [Check] = []
        var entries: [ClaimMatcher.Entry] = []
        for path in CheckArchive.paths(in: workspace) {
            let archive: CheckArchive
            do throws(DocumentError) {
                archive = try CheckArchive.load(path: path)
            } catch {
                onFailure(error)
                continue
            }
            for check in archive.checks {
                checks.append(Check(ref: check.url, status: nil, rating: check.rating, quote: check.claim, publisher: archive.publisher))
                entries.append(.init(id: check.url, claim: check.claim, title: check.summary ?? ""))
            }
        }
        return (checks, entries)
    }

    /// A table of checks, `id<TAB>claim<TAB>title` a line (a first line with an empty or `id` first
    /// field is a header), as the CLEF CheckThat! claim-retrieval data gives them.
    public static func table(_ text: String, path: String) throws(DocumentError) -> CheckedClaims {
        var checks: [Check] = []
        var entries: [ClaimMatcher.Entry] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            if number == 0 && (fields[0].isEmpty || fields[0] == "id") { continue }
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw .invalid([Diagnostic(file: path, line: number + 1, column: 1, message: "expected id<TAB>claim<TAB>title")])
            }
            checks.append(Check(ref: fields[0], status: nil, rating: nil, quote: fields[1], publisher: nil))
            entries.append(.init(id: fields[0], claim: fields[1], title: fields.count > 2 ? fields[2] : ""))
        }
        return CheckedClaims(checks: checks, entries: entries)
    }
}

extension CheckedClaims: CheckedArchive {
    public func similar(_ text: String, limit: Int, excluding: String? = nil) -> [SimilarCheck] {
        matcher.rank(text, limit: limit + 1).compactMap { match -> SimilarCheck? in
            let check = checks[match.entry]
            guard check.ref != excluding else { return nil }
            return SimilarCheck(
                ref: check.ref, status: check.status, rating: check.rating, quote: check.quote, publisher: check.publisher,
                score: match.score, strength: matcher.strength(of: match, for: text), entry: Int64(match.entry))
        }.prefix(limit).map { $0 }
    }

    public func explain(_ text: String, _ check: SimilarCheck) -> [ClaimMatcher.Contribution] {
        matcher.explain(text, entry: Int(check.entry))
    }

    public func count() -> Int { checks.count }
}
