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
    /// When it last changed, as `ClaimRow.changeKey`.
    var changed: Int64
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
        changed = ClaimRow.changeKey(of: claim)
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

/// A posting's numbers in one integer column (the postings table's `shape`): the term's count in
/// the claim and in the title, and the two fields' lengths, 16 bits each (more is counted as the most).
enum PostingShape {
    static func pack(claim: Int64, title: Int64, claimLength: Int64, titleLength: Int64) -> Int64 {
        let fields = [claim, title, claimLength, titleLength].map { UInt64(min(max($0, 0), 0xFFFF)) }
        return Int64(bitPattern: fields[0] | fields[1] << 16 | fields[2] << 32 | fields[3] << 48)
    }

    static func unpack(_ shape: Int64) -> (claim: Double, title: Double, claimLength: Double, titleLength: Double) {
        let bits = UInt64(bitPattern: shape)
        return (Double(bits & 0xFFFF), Double(bits >> 16 & 0xFFFF), Double(bits >> 32 & 0xFFFF), Double(bits >> 48 & 0xFFFF))
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
    private let insertArticle: Statement
    private let removeArticle: Statement
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
        insertArticle = try database.prepare("INSERT INTO articles VALUES (?, ?, ?)")
        removeArticle = try database.prepare("DELETE FROM articles WHERE file = ?")
        insertClaim = try database.prepare("""
            INSERT INTO claims(file, document, claim, number, status, score, rating, assignee, conflict, quote, changed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                try database.prepare("INSERT INTO postings VALUES (?, ?, ?)"),
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
        try removeArticle.bind([.integer(file)])
        try removeArticle.run()
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
        let file = try insertFile(
            update.file, indexed: update.indexed, id: update.id, error: update.error, url: update.url, textHash: update.textHash)
        for claim in update.claims { try insert(claim, file: file, document: update.id) }
    }

    /// Writes a file's own row (a document's with its article's url and text hash); returns its row number.
    func insertFile(
        _ file: WorkspaceIndex.Stale, indexed: Int64, id: String, error: DocumentError?, url: String? = nil,
        textHash: String? = nil
    ) throws(SQLiteError) -> Int64 {
        let stat = file.stat
        try insertFile.bind([
            .text(file.name), .integer(file.kind.rawValue), .integer(stat.size), .integer(stat.mtime),
            .integer(stat.ctime), .integer(stat.inode), .integer(indexed), .text(id),
            error.map { .text(WorkspaceIndex.serialize($0.diagnostics)) } ?? .null,
        ])
        try insertFile.run()
        let row = database.lastInsertedRow
        // A document's url and text hash, apart from the rows every refresh reads.
        if let textHash {
            try insertArticle.bind([.integer(row), url.map { .text($0) } ?? .null, .text(textHash)])
            try insertArticle.run()
        }
        return row
    }

    /// Indexes the archive file `file` as it is read, a few thousand checks at a time (their
    /// terms worked out on every core); a file that fails its schema keeps no checks, only its
    /// findings. Returns them.
    func insertArchive(_ file: WorkspaceIndex.Stale) throws(SQLiteError) -> DocumentError? {
        let indexed = FileStat.now()
        let savedTotals = totals
        try database.execute("SAVEPOINT archive")
        let row = try insertFile(file, indexed: indexed, id: "", error: nil)
        var pending: [ArchivedCheck] = []
        var publisher = ""
        var failure: SQLiteError?
        let terms = matching
        func flush() {
            guard failure == nil else { return }
            let checks = parallelMap(pending, chunk: 256) { check in
                IndexedCheck(
                    url: check.url, publisher: "", rating: check.rating, claim: check.claim, summary: check.summary,
                    terms: terms ? EntryTerms(claim: check.claim, title: check.summary ?? "") : nil)
            }
            pending.removeAll(keepingCapacity: true)
            do throws(SQLiteError) {
                for var check in checks {
                    check.publisher = publisher
                    try insert(check, file: row)
                }
            } catch {
                failure = error
            }
        }
        var unreadable: DocumentError?
        do throws(DocumentError) {
            try CheckArchive.stream(path: file.path, publisher: { publisher = $0 }) { check in
                pending.append(check)
                if pending.count == 4096 { flush() }
            }
            flush()
        } catch {
            unreadable = error
        }
        if unreadable == nil, failure == nil {
            try database.run("UPDATE files SET id = ? WHERE row = ?", [.text(publisher), .integer(row)])
            try database.execute("RELEASE archive")
            return nil
        }
        try database.execute("ROLLBACK TO archive; RELEASE archive")
        totals = savedTotals
        if let failure { throw failure }
        _ = try insertFile(file, indexed: indexed, id: "", error: unreadable)
        return unreadable
    }

    func insert(_ claim: IndexedClaim, file: Int64, document: String) throws(SQLiteError) {
        // Bound one by one: a refresh of a whole workspace binds a few hundred thousand values.
        insertClaim.reset()
        try insertClaim.bind(1, .integer(file))
        try insertClaim.bind(2, .text(document))
        try insertClaim.bind(3, .text(claim.id))
        try insertClaim.bind(4, .integer(claim.number ?? 0))
        try insertClaim.bind(5, .text(claim.status.rawValue))
        if let score = claim.score { try insertClaim.bind(6, .real(score)) }
        if let rating = claim.rating { try insertClaim.bind(7, .text(rating.rawValue)) }
        if let assignee = claim.assignee { try insertClaim.bind(8, .text(assignee)) }
        try insertClaim.bind(9, .integer(claim.conflict ? 1 : 0))
        try insertClaim.bind(10, .text(claim.quote))
        try insertClaim.bind(11, .integer(claim.changed))
        try insertClaim.run()
        let row = database.lastInsertedRow
        // Most claims have no text beyond their quote: the view's outer join reads them as none.
        if claim.summary != nil || claim.notes != nil || claim.sources != nil || claim.title != nil {
            insertClaimText.reset()
            try insertClaimText.bind(1, .integer(row))
            if let summary = claim.summary { try insertClaimText.bind(2, .text(summary)) }
            if let notes = claim.notes { try insertClaimText.bind(3, .text(notes)) }
            if let sources = claim.sources { try insertClaimText.bind(4, .text(sources)) }
            if let title = claim.title { try insertClaimText.bind(5, .text(title)) }
            try insertClaimText.run()
        }
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
                .text(count.term), .integer(entry),
                .integer(PostingShape.pack(
                    claim: count.claim, title: count.title, claimLength: terms.claimLength, titleLength: terms.titleLength)),
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
        var error: DocumentError?
        /// The article's url and the hash of its text, by which an import finds it already here.
        var url: String?
        var textHash: String?
    }

    /// Reads the documents `files` on every core, on a thread of its own; with their postings if
    /// `terms`; each counted by `counter` once read.
    static func readInBackground(
        _ files: [WorkspaceIndex.Stale], terms: Bool, counter: ReadCounter? = nil
    ) -> BackgroundWork<[Update], Never> {
        BackgroundWork("factcheck.index-read") {
            parallelMap(files, chunk: 4) { file in
                // Noted before the read: a change during it leaves the file not older, so read again.
                let indexed = FileStat.now()
                var update = Update(file: file, indexed: indexed, id: "", claims: [])
                do throws(DocumentError) {
                    try DocumentStream.read(path: file.path, hashedArticle: { article, textHash in
                        update.id = article.id
                        update.url = article.url
                        update.textHash = textHash
                    }) {
                        update.claims.append(IndexedClaim($0, terms: terms))
                    }
                } catch {
                    update.error = error
                    update.claims = []
                }
                counter?.read()
                return update
            }
        }
    }
}
