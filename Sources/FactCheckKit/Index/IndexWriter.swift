import SQLiteStore

/// A claim reduced to what the index keeps of it: worked out on the reading threads, so the
/// writing one only binds values.
struct IndexedClaim: Sendable {
    var id: String
    var number: Int64?
    var status: Status
    var score: Double?
    var rating: Rating?
    var assignee: String?
    var conflict: Bool
    var quote: String
    var summary: String?
    var notes: String?
    var sources: String?
    /// A reviewed claim's title for matching: its verdict's summary, else the note that closed it.
    var title: String?
    /// Its postings, when the index keeps them.
    var terms: EntryTerms?

    init(_ claim: Claim, terms: Bool) {
        id = claim.id
        number = Int64(claim.id.dropFirst())
        status = claim.status
        score = claim.score?.value
        rating = claim.verdict?.rating
        assignee = claim.assignee
        conflict = claim.conflict != nil
        quote = claim.anchor.exact
        summary = claim.verdict?.summary
        notes = claim.notes.isEmpty ? nil : claim.notes.map(\.text).joined(separator: "\n")
        sources = claim.sources.isEmpty
            ? nil : claim.sources.map { [$0.title, $0.publisher, $0.url].compactMap { $0 }.joined(separator: " ") }.joined(separator: "\n")
        if claim.status.isReviewed {
            let closing = claim.history.last { $0.to == claim.status && $0.from != claim.status }?.note
            title = claim.verdict?.summary ?? closing ?? ""
            if terms { self.terms = EntryTerms(claim: quote, title: title ?? "") }
        }
    }
}

/// A check of the archive, as the index keeps it.
struct IndexedCheck: Sendable {
    var url: String
    var publisher: String
    var rating: Rating?
    var claim: String
    var summary: String?
    var terms: EntryTerms?
}

/// One matchable entry's terms: each stem with its count in the claim and in the title, and the
/// fields' lengths in words.
struct EntryTerms: Sendable {
    var counts: [(term: String, claim: Int64, title: Int64)]
    var claimLength: Int64
    var titleLength: Int64

    init(claim: String, title: String) {
        let claimWords = MatchText.words(claim)
        let titleWords = MatchText.words(title)
        var counts: [String: (claim: Int64, title: Int64)] = [:]
        for word in claimWords { counts[word, default: (0, 0)].claim += 1 }
        for word in titleWords { counts[word, default: (0, 0)].title += 1 }
        self.counts = counts.map { ($0.key, $0.value.claim, $0.value.title) }
        claimLength = Int64(claimWords.count)
        titleLength = Int64(titleWords.count)
    }
}

/// The statements a refresh writes with, prepared once, inside its transaction.
final class IndexWriter {
    let database: Database
    /// Whether the full-text tables and the postings have been built (and so must be kept).
    let text: Bool
    let matching: Bool
    private let findFile: Statement
    private let removeFile: Statement
    private let insertFile: Statement
    private let insertClaim: Statement
    private let insertClaimText: Statement
    private let insertCheck: Statement
    private var textStatements: (claim: Statement, check: Statement)?
    private var postingStatements: (insert: Statement, remove: Statement)?
    /// The change in the matcher's totals: entries, and words in claims and in titles.
    private var totals = (entries: Int64(0), claim: Int64(0), title: Int64(0))

    init(_ index: WorkspaceIndex) throws(SQLiteError) {
        database = index.database
        let flags = Set(try database.rows("SELECT key FROM meta WHERE key IN ('text', 'matching')").compactMap { $0.first?.text })
        text = flags.contains("text")
        matching = flags.contains("matching")
        findFile = try database.prepare("SELECT row FROM files WHERE path = ?")
        removeFile = try database.prepare("DELETE FROM files WHERE row = ?")
        insertFile = try database.prepare(
            "INSERT INTO files(path, kind, size, mtime, ctime, inode, indexed, id, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        insertClaim = try database.prepare("""
            INSERT INTO claims(file, document, claim, number, status, score, rating, assignee, conflict, quote)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertClaimText = try database.prepare("INSERT INTO claim_texts VALUES (?, ?, ?, ?, ?)")
        insertCheck = try database.prepare(
            "INSERT INTO checks(file, url, publisher, rating, claim, summary) VALUES (?, ?, ?, ?, ?, ?)")
        if text {
            textStatements = (
                try database.prepare("INSERT INTO claims_text(rowid, quote, summary, notes, sources) VALUES (?, ?, ?, ?, ?)"),
                try database.prepare("INSERT INTO checks_text(rowid, claim, summary) VALUES (?, ?, ?)"))
        }
        if matching {
            postingStatements = (
                try database.prepare("INSERT INTO postings VALUES (?, ?, ?, ?, ?, ?)"),
                try database.prepare("DELETE FROM postings WHERE term = ? AND entry = ?"))
        }
    }

    /// Drops the rows of the file the index names `name`, if it has any.
    func remove(_ name: String) throws(SQLiteError) {
        try findFile.bind([.text(name)])
        guard try findFile.step(), let file = findFile.integer(0) else { return }
        findFile.reset()
        try dropClaims(where: "file = ?", file)
        try dropChecks(of: file)
        try removeFile.bind([.integer(file)])
        try removeFile.run()
    }

    /// Drops the claims `condition` (on `claims`, its one parameter `value`) selects, with their
    /// full-text entries and postings.
    private func dropClaims(where condition: String, _ value: Int64) throws(SQLiteError) {
        if text {
            try database.run("""
                INSERT INTO claims_text(claims_text, rowid, quote, summary, notes, sources)
                SELECT 'delete', row, quote, summary, notes, sources FROM claims_content WHERE \(condition)
                """, [.integer(value)])
        }
        if matching {
            // The postings' keys come from the texts they were made from.
            let rows = try database.rows(
                "SELECT row, quote, title FROM claims_content WHERE \(condition) AND title IS NOT NULL", [.integer(value)])
            for row in rows {
                try unpost(EntryTerms(claim: row[1].text ?? "", title: row[2].text ?? ""), entry: row[0].integer ?? 0)
            }
        }
        try database.run("DELETE FROM claim_texts WHERE row IN (SELECT row FROM claims WHERE \(condition))", [.integer(value)])
        try database.run("DELETE FROM claims WHERE \(condition)", [.integer(value)])
    }

    private func dropChecks(of file: Int64) throws(SQLiteError) {
        if text {
            try database.run("""
                INSERT INTO checks_text(checks_text, rowid, claim, summary)
                SELECT 'delete', row, claim, summary FROM checks WHERE file = ?
                """, [.integer(file)])
        }
        if matching {
            for row in try database.rows("SELECT row, claim, summary FROM checks WHERE file = ?", [.integer(file)]) {
                try unpost(EntryTerms(claim: row[1].text ?? "", title: row[2].text ?? ""), entry: -(row[0].integer ?? 0))
            }
        }
        try database.run("DELETE FROM checks WHERE file = ?", [.integer(file)])
    }

    private func unpost(_ terms: EntryTerms, entry: Int64) throws(SQLiteError) {
        guard let remove = postingStatements?.remove else { return }
        for count in terms.counts {
            try remove.bind([.text(count.term), .integer(entry)])
            try remove.run()
        }
        totals.entries -= 1
        totals.claim -= terms.claimLength
        totals.title -= terms.titleLength
    }

    /// Puts `claim` in place of the claim of the same id in `file`.
    func replace(claim: Claim, file: Int64, document: String) throws(SQLiteError) {
        guard let row = try database.rows("SELECT row FROM claims WHERE file = ? AND claim = ?", [.integer(file), .text(claim.id)])
            .first?.first?.integer
        else { return }
        try dropClaims(where: "row = ?", row)
        try insert(IndexedClaim(claim, terms: matching), file: file, document: document)
    }

    /// Puts `claims` in place of all of `file`'s.
    func replaceClaims(of file: Int64, with claims: [Claim], document: String) throws(SQLiteError) {
        try dropClaims(where: "file = ?", file)
        for claim in claims { try insert(IndexedClaim(claim, terms: matching), file: file, document: document) }
    }

    /// Writes a file's rows.
    func insert(_ update: Update) throws(SQLiteError) {
        let stat = update.file.stat
        try insertFile.bind([
            .text(update.file.name), .integer(update.file.kind.rawValue), .integer(stat.size), .integer(stat.mtime),
            .integer(stat.ctime), .integer(stat.inode), .integer(update.indexed), .text(update.id),
            update.error.map { .text(WorkspaceIndex.serialize($0.diagnostics)) } ?? .null,
        ])
        try insertFile.run()
        let file = database.lastInsertedRow
        for claim in update.claims { try insert(claim, file: file, document: update.id) }
        for check in update.checks { try insert(check, file: file) }
    }

    func insert(_ claim: IndexedClaim, file: Int64, document: String) throws(SQLiteError) {
        try insertClaim.bind([
            .integer(file), .text(document), .text(claim.id), .integer(claim.number ?? 0), .text(claim.status.rawValue),
            claim.score.map(SQLiteValue.real) ?? .null, claim.rating.map { .text($0.rawValue) } ?? .null,
            claim.assignee.map(SQLiteValue.text) ?? .null, .integer(claim.conflict ? 1 : 0), .text(claim.quote),
        ])
        try insertClaim.run()
        let row = database.lastInsertedRow
        try insertClaimText.bind([
            .integer(row), claim.summary.map(SQLiteValue.text) ?? .null, claim.notes.map(SQLiteValue.text) ?? .null,
            claim.sources.map(SQLiteValue.text) ?? .null, claim.title.map(SQLiteValue.text) ?? .null,
        ])
        try insertClaimText.run()
        if let statements = textStatements {
            try statements.claim.bind([
                .integer(row), .text(claim.quote), claim.summary.map(SQLiteValue.text) ?? .null,
                claim.notes.map(SQLiteValue.text) ?? .null, claim.sources.map(SQLiteValue.text) ?? .null,
            ])
            try statements.claim.run()
        }
        if matching, let title = claim.title {
            try post(claim.terms ?? EntryTerms(claim: claim.quote, title: title), entry: row)
        }
    }

    func insert(_ check: IndexedCheck, file: Int64) throws(SQLiteError) {
        try insertCheck.bind([
            .integer(file), .text(check.url), .text(check.publisher), check.rating.map { .text($0.rawValue) } ?? .null,
            .text(check.claim), check.summary.map(SQLiteValue.text) ?? .null,
        ])
        try insertCheck.run()
        let row = database.lastInsertedRow
        if let statements = textStatements {
            try statements.check.bind([.integer(row), .text(check.claim), check.summary.map(SQLiteValue.text) ?? .null])
            try statements.check.run()
        }
        if matching { try post(check.terms ?? EntryTerms(claim: check.claim, title: check.summary ?? ""), entry: -row) }
    }

    /// Adds an entry's postings (a workspace claim's row, or an archived check's negated).
    func post(_ terms: EntryTerms, entry: Int64) throws(SQLiteError) {
        guard let insert = postingStatements?.insert else { return }
        for count in terms.counts {
            try insert.bind([
                .text(count.term), .integer(entry), .integer(count.claim), .integer(count.title), .integer(terms.claimLength),
                .integer(terms.titleLength),
            ])
            try insert.run()
        }
        totals.entries += 1
        totals.claim += terms.claimLength
        totals.title += terms.titleLength
    }

    /// Stores the change in the matcher's totals.
    func finish() throws(SQLiteError) {
        guard matching, totals != (0, 0, 0) else { return }
        for (key, change) in [("match.entries", totals.entries), ("match.claim", totals.claim), ("match.title", totals.title)] {
            try database.run(
                "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE key = ?", [.integer(change), .text(key)])
        }
        totals = (0, 0, 0)
    }

    /// What reading one stale file gave.
    struct Update: Sendable {
        var file: WorkspaceIndex.Stale
        var indexed: Int64
        var id: String
        var claims: [IndexedClaim]
        var checks: [IndexedCheck]
        var error: DocumentError?
    }

    /// Reads `files` on every core, on a thread of its own; with their postings if `terms`.
    static func readInBackground(_ files: [WorkspaceIndex.Stale], terms: Bool) -> BackgroundWork<[Update], Never> {
        BackgroundWork("factcheck.index-read") {
            parallelMap(files, chunk: 4) { file in
                // Noted before the read: a change during it leaves the file not older, so read again.
                let indexed = FileStat.now()
                var update = Update(file: file, indexed: indexed, id: "", claims: [], checks: [])
                do throws(DocumentError) {
                    switch file.kind {
                    case .document:
                        try DocumentStream.read(path: file.path, article: { update.id = $0.id }) {
                            update.claims.append(IndexedClaim($0, terms: terms))
                        }
                    case .archive:
                        let archive = try CheckArchive.load(path: file.path)
                        update.id = archive.publisher
                        update.checks = archive.checks.map { check in
                            IndexedCheck(
                                url: check.url, publisher: archive.publisher, rating: check.rating, claim: check.claim,
                                summary: check.summary,
                                terms: terms ? EntryTerms(claim: check.claim, title: check.summary ?? "") : nil)
                        }
                    }
                } catch {
                    update.error = error
                    update.claims = []
                    update.checks = []
                }
                return update
            }
        }
    }
}
