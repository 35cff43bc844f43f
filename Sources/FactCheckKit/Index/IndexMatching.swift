import SQLiteStore

/// One check found for a text: what it is, its BM25F score, and how strongly it says the text was
/// checked (the score over what a check saying just the text's words would score, at most 1).
public struct SimilarCheck: Sendable, Hashable {
    /// `DOC:CLAIM` for a claim of the workspace; the review's url for an archived check.
    public var ref: String
    public var status: Status?
    public var rating: Rating?
    public var quote: String
    /// Who published it, for an archived check.
    public var publisher: String?
    public var score: Double
    public var strength: Double
    /// Where the archive holds it, for `explain`.
    public var entry: Int64
}

/// What "has this been checked before?" asks of an archive, in memory or in the index.
public protocol CheckedArchive {
    /// The `limit` checks most likely to check `text`, best first, leaving out the check `excluding` names.
    func similar(_ text: String, limit: Int, excluding: String?) throws -> [SimilarCheck]
    /// How `text`'s terms make up `check`'s score, largest part first.
    func explain(_ text: String, _ check: SimilarCheck) throws -> [ClaimMatcher.Contribution]
    /// How many checks it holds.
    func count() throws -> Int
}

extension CheckedArchive {
    /// The best check above `threshold` strength, if any: what `show` and `import` mention.
    public func checkedBefore(_ text: String, excluding: String? = nil, threshold: Double = ClaimMatcher.checkedBefore)
        throws -> SimilarCheck?
    {
        try similar(text, limit: 1, excluding: excluding).first.flatMap { $0.strength >= threshold ? $0 : nil }
    }
}

extension WorkspaceIndex: CheckedArchive {
    /// Builds the matcher's postings the first time `similar` needs them: for each stem, the
    /// reviewed claims and archived checks holding it, with its counts and their fields' lengths.
    func prepareMatching() throws(SQLiteError) {
        guard try database.rows("SELECT 1 FROM meta WHERE key = 'matching'").isEmpty else { return }
        try database.transaction { () throws(SQLiteError) in
            guard try database.rows("SELECT 1 FROM meta WHERE key = 'matching'").isEmpty else { return }
            try database.execute("""
                CREATE TABLE postings(term TEXT NOT NULL, entry INTEGER NOT NULL, shape INTEGER NOT NULL,
                    PRIMARY KEY (term, entry)) WITHOUT ROWID
                """)
            // A chunk of entries at a time, so memory stays flat however large the archive: their
            // terms worked out on every core, then written in key order (appending to the tree's
            // regions is much faster than inserting at random).
            var totals = (entries: 0, claim: Int64(0), title: Int64(0))
            let insert = try database.prepare("INSERT INTO postings VALUES (?, ?, ?)")
            func post(_ texts: [(entry: Int64, claim: String, title: String)]) throws(SQLiteError) {
                let terms = parallelMap(texts, chunk: 256) { EntryTerms(claim: $0.claim, title: $0.title) }
                var postings: [(term: String, entry: Int64, shape: Int64)] = []
                for (text, entry) in zip(texts, terms) {
                    for count in entry.counts {
                        let shape = PostingShape.pack(
                            claim: count.claim, title: count.title, claimLength: entry.claimLength, titleLength: entry.titleLength)
                        postings.append((count.term, text.entry, shape))
                    }
                    totals.claim += entry.claimLength
                    totals.title += entry.titleLength
                }
                totals.entries += texts.count
                postings.sort { $0.term != $1.term ? $0.term.bytePrecedes($1.term) : $0.entry < $1.entry }
                for posting in postings {
                    try insert.bind([.text(posting.term), .integer(posting.entry), .integer(posting.shape)])
                    try insert.run()
                }
            }
            for (sql, sign) in [
                ("SELECT row, quote, title FROM claims_content WHERE title IS NOT NULL ORDER BY row", Int64(1)),
                ("SELECT row, claim, summary FROM checks ORDER BY row", -1),
            ] {
                let select = try database.prepare(sql)
                var texts: [(entry: Int64, claim: String, title: String)] = []
                while try select.step() {
                    texts.append((sign * (select.integer(0) ?? 0), select.text(1) ?? "", select.text(2) ?? ""))
                    if texts.count == 16_384 {
                        try post(texts)
                        texts.removeAll(keepingCapacity: true)
                    }
                }
                try post(texts)
            }
            try database.run(
                "INSERT INTO meta VALUES ('matching', '1'), ('match.entries', ?), ('match.claim', ?), ('match.title', ?)",
                [.text(String(totals.entries)), .text(String(totals.claim)), .text(String(totals.title))])
        }
    }

    /// "Checked before?" without bringing the index up to date: the best check above the
    /// threshold from the postings as the last refresh left them, kept only if the file it comes
    /// from is unchanged since. Nil when the postings were never built (a `similar` builds them).
    public func cachedCheckedBefore(_ text: String, excluding: String? = nil) throws -> SimilarCheck? {
        guard try !database.rows("SELECT 1 FROM meta WHERE key = 'matching'").isEmpty,
              let match = try checkedBefore(text, excluding: excluding)
        else { return nil }
        let table = match.entry > 0 ? "claims" : "checks"
        guard let row = try database.rows("""
            SELECT f.path, f.size, f.mtime, f.ctime, f.inode, f.indexed FROM \(table) x JOIN files f ON f.row = x.file
            WHERE x.row = ?
            """, [.integer(abs(match.entry))]).first,
            let stat = FileStat(absolute(row[0].text ?? ""))
        else { return nil }
        let noted = FileStat(size: row[1].integer ?? -1, mtime: row[2].integer ?? -1, ctime: row[3].integer ?? -1, inode: row[4].integer ?? -1)
        return noted == stat && stat.mtime < (row[5].integer ?? 0) ? match : nil
    }

    /// The matcher's totals: entries, and the average lengths of their claims and titles.
    private func matchTotals() throws(SQLiteError) -> (count: Double, averageClaim: Double, averageTitle: Double) {
        var values: [String: Double] = [:]
        for row in try database.rows("SELECT key, value FROM meta WHERE key LIKE 'match.%'") {
            values[row[0].text ?? ""] = Double(row[1].text ?? "") ?? 0
        }
        let count = max(values["match.entries"] ?? 0, 1)
        return (count, max((values["match.claim"] ?? 0) / count, 1), max((values["match.title"] ?? 0) / count, 1))
    }

    public func count() throws -> Int {
        try prepareMatching()
        return Int(try matchTotals().count)
    }

    /// The reviewed claims and archived checks most likely to check `text`: BM25F as
    /// `ClaimMatcher` scores it, from the index's postings. Ties go to the workspace's claims, in
    /// the order they were indexed, then to the archive's.
    public func similar(_ text: String, limit: Int, excluding: String? = nil) throws -> [SimilarCheck] {
        try prepareMatching()
        let totals = try matchTotals()
        let terms = parameters.weightedTerms(text)
        let statement = try database.prepare("SELECT entry, shape FROM postings WHERE term = ?")
        // Scores by entry: a workspace claim's row, or an archived check's (negated) row.
        var claimScores: [Double] = []
        var checkScores: [Double] = []
        var touched: [Int64] = []
        var idfs: [String: Double] = [:]
        var found: [(entry: Int64, part: Double)] = []
        for (term, weight) in terms {
            try statement.bind([.text(term)])
            found.removeAll(keepingCapacity: true)
            while try statement.step() {
                let shape = PostingShape.unpack(statement.integer(1) ?? 0)
                let part = parameters.saturated(
                    claim: shape.claim, title: shape.title, claimLength: shape.claimLength, titleLength: shape.titleLength,
                    averageClaim: totals.averageClaim, averageTitle: totals.averageTitle)
                found.append((statement.integer(0) ?? 0, part))
            }
            let idf = parameters.idf(count: totals.count, holding: Double(found.count))
            idfs[term] = idf
            for (entry, part) in found {
                let slot = Int(abs(entry))
                if entry > 0 {
                    if slot >= claimScores.count { claimScores += repeatElement(0, count: max(slot + 1 - claimScores.count, claimScores.count)) }
                    if claimScores[slot] == 0 { touched.append(entry) }
                    claimScores[slot] += weight * idf * part
                } else {
                    if slot >= checkScores.count { checkScores += repeatElement(0, count: max(slot + 1 - checkScores.count, checkScores.count)) }
                    if checkScores[slot] == 0 { touched.append(entry) }
                    checkScores[slot] += weight * idf * part
                }
            }
        }
        let reference = parameters.reference(terms) { idfs[$0] ?? 0 }
        let score = { (entry: Int64) in entry > 0 ? claimScores[Int(entry)] : checkScores[Int(-entry)] }
        let order = { (entry: Int64) in entry > 0 ? entry : Int64.max / 2 - entry }
        let before = { (a: Int64, b: Int64) in score(a) != score(b) ? score(a) > score(b) : order(a) < order(b) }
        // The best few, kept in order as the rest go by (one more than asked, for the one left out).
        var best: [Int64] = []
        for entry in touched {
            guard best.count <= limit || before(entry, best[best.count - 1]) else { continue }
            best.insert(entry, at: best.firstIndex { before(entry, $0) } ?? best.count)
            if best.count > limit + 1 { best.removeLast() }
        }
        let ranked = best.map { ($0, score($0)) }
        var result: [SimilarCheck] = []
        for (entry, score) in ranked {
            guard result.count < limit else { break }
            guard let check = try check(entry, score: score, strength: reference > 0 ? min(1, score / reference) : 0),
                  check.ref != excluding
            else { continue }
            result.append(check)
        }
        return result
    }

    /// The entry's claim or check, to show.
    private func check(_ entry: Int64, score: Double, strength: Double) throws(SQLiteError) -> SimilarCheck? {
        if entry > 0 {
            guard let row = try database.rows(
                "SELECT document, claim, status, rating, quote FROM claims WHERE row = ?", [.integer(entry)]).first
            else { return nil }
            return SimilarCheck(
                ref: "\(row[0].text ?? ""):\(row[1].text ?? "")", status: row[2].text.flatMap(Status.init(rawValue:)),
                rating: row[3].text.flatMap(Rating.init(rawValue:)), quote: row[4].text ?? "", publisher: nil, score: score,
                strength: strength, entry: entry)
        }
        guard let row = try database.rows("SELECT url, rating, claim, publisher FROM checks WHERE row = ?", [.integer(-entry)]).first
        else { return nil }
        return SimilarCheck(
            ref: row[0].text ?? "", status: nil, rating: row[1].text.flatMap(Rating.init(rawValue:)), quote: row[2].text ?? "",
            publisher: row[3].text, score: score, strength: strength, entry: entry)
    }

    public func explain(_ text: String, _ check: SimilarCheck) throws -> [ClaimMatcher.Contribution] {
        try prepareMatching()
        let totals = try matchTotals()
        let held = try database.prepare("SELECT count(*) FROM postings WHERE term = ?")
        let posting = try database.prepare("SELECT shape FROM postings WHERE term = ? AND entry = ?")
        var result: [ClaimMatcher.Contribution] = []
        for (term, weight) in parameters.weightedTerms(text) {
            try posting.bind([.text(term), .integer(check.entry)])
            guard try posting.step() else { continue }
            try held.bind([.text(term)])
            _ = try held.step()
            let idf = parameters.idf(count: totals.count, holding: Double(held.integer(0) ?? 0))
            let shape = PostingShape.unpack(posting.integer(0) ?? 0)
            let part = parameters.saturated(
                claim: shape.claim, title: shape.title, claimLength: shape.claimLength, titleLength: shape.titleLength,
                averageClaim: totals.averageClaim, averageTitle: totals.averageTitle)
            result.append(.init(term: term, inClaim: Int(shape.claim), inTitle: Int(shape.title), idf: idf, score: weight * idf * part))
        }
        return result.sorted { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }
    }
}
