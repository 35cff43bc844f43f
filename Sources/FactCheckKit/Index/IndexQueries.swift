import SQLiteStore

extension WorkspaceIndex {
    /// The claims `filter` matches in `order` (by default best score first, then document id and
    /// claim number: `ClaimRow.precedes`), the first `limit` of them, `quoteLimit` characters of each
    /// quote kept; with their documents' paths unless `paths` is false. The rows' `changed` is left
    /// empty: the order is the index's to keep, and the listing's covering index does not hold it.
    public func rows(
        _ filter: ClaimFilter, order: ListingOrder = .score, limit: Int = .max, quoteLimit: Int?, paths withPaths: Bool = true,
        _ body: (ClaimRow) -> Void
    ) throws(SQLiteError) {
        let (conditions, values) = Self.conditions(filter)
        let paths = withPaths ? try filePaths() : [:]
        let statement = try database.prepare("""
            SELECT c.score, c.document, c.file, c.number, c.status, c.rating, c.assignee, c.quote FROM claims c
            WHERE \(conditions) ORDER BY \(Self.ordering(order)) LIMIT ?
            """)
        try statement.bind(values + [.integer(Int64(min(limit, Int(Int64.max))))])
        while try statement.step() {
            guard let status = statement.text(4).flatMap(Status.init(rawValue:)) else { continue }
            let quote = statement.text(7) ?? ""
            body(ClaimRow(
                score: statement.real(0), document: statement.text(1) ?? "", path: paths[statement.integer(2) ?? 0] ?? "",
                number: Int(statement.integer(3) ?? 0), status: status, rating: statement.text(5).flatMap(Rating.init(rawValue:)),
                assignee: statement.text(6), quote: quoteLimit.map { quote.truncated(to: $0) } ?? quote))
        }
    }

    /// `order` as SQL on the claims table (named `c`), as `ClaimRow.precedes` has it.
    private static func ordering(_ order: ListingOrder) -> String {
        let byScore = "COALESCE(c.score, -1) DESC, c.document, c.number"
        switch order {
        case .score: return byScore
        case .time: return "c.changed DESC, " + byScore
        case .doc: return "c.document, c.number"
        case .status:
            let ranks = Status.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.workflowRank)" }.joined(separator: " ")
            return "CASE c.status \(ranks) END, " + byScore
        }
    }

    /// What a table of the claims `filter` matches needs to know before its first line: how many,
    /// the widest `DOC:cN` ref, status, score (two places of a number from 0 to 1, as the schema
    /// has it) and rating, in characters (all ASCII),
    /// and the assignees (for the caller to measure as it shows them).
    public struct ListingMeasures: Sendable, Hashable {
        public var count = 0
        public var ref = 0
        public var status = 0
        public var score = 0
        public var rating = 0
        public var assignees: [String] = []
    }

    public func measures(_ filter: ClaimFilter) throws(SQLiteError) -> ListingMeasures {
        let (conditions, values) = Self.conditions(filter)
        var result = ListingMeasures()
        let row = try database.rows("""
            SELECT count(*), max(length(c.document) + 2 + length(c.number)), max(length(c.status)),
                   max(CASE WHEN c.score IS NULL THEN 1 ELSE 4 END),
                   max(COALESCE(length(c.rating), 1))
            FROM claims c WHERE \(conditions)
            """, values).first ?? []
        guard row.count == 5, let count = row[0].integer, count > 0 else { return result }
        result.count = Int(count)
        result.ref = Int(row[1].integer ?? 0)
        result.status = Int(row[2].integer ?? 0)
        result.score = Int(row[3].integer ?? 0)
        result.rating = Int(row[4].integer ?? 0)
        result.assignees = try database.rows("SELECT DISTINCT c.assignee FROM claims c WHERE \(conditions)", values)
            .compactMap { $0.first?.text }
        return result
    }

    /// The valid documents whose article has `url` or whose text has the hash `textHash`: each
    /// one's id, path, and which of the two it shares (the url first).
    public func documents(url: String?, textHash: String) throws(SQLiteError) -> [(id: String, path: String, same: String)] {
        try database.rows(
            """
            SELECT f.id, f.path, a.url = ? FROM articles a JOIN files f ON f.row = a.file
            WHERE f.problems IS NULL AND (a.url = ? OR a.text_hash = ?) ORDER BY f.path
            """,
            [url.map { .text($0) } ?? .null, url.map { .text($0) } ?? .null, .text(textHash)]
        ).map { row in
            (row[0].text ?? "", absolute(row[1].text ?? ""), row[2].integer == 1 ? "url" : "text")
        }
    }

    /// Everyone some claim is assigned to, in name order.
    public func assignees() throws(SQLiteError) -> [String] {
        try database.rows("SELECT DISTINCT assignee FROM claims WHERE assignee IS NOT NULL ORDER BY assignee").compactMap { $0.first?.text }
    }

    /// `filter` as SQL on the claims table (named `c`), and the values it binds.
    private static func conditions(_ filter: ClaimFilter) -> (String, [SQLiteValue]) {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if filter.statuses != Set(Status.allCases) {
            conditions.append("c.status IN (\(filter.statuses.map { _ in "?" }.joined(separator: ", ")))")
            values = filter.statuses.map(\.rawValue).sorted().map(SQLiteValue.text)
        }
        if let assignee = filter.assignee {
            conditions.append("c.assignee = ?")
            values.append(.text(assignee))
        }
        if let rating = filter.rating {
            conditions.append("c.rating = ?")
            values.append(.text(rating.rawValue))
        }
        if !filter.documents.isEmpty {
            conditions.append("c.document IN (\(filter.documents.map { _ in "?" }.joined(separator: ", ")))")
            values += filter.documents.sorted().map { .text($0) }
        }
        if filter.conflicts { conditions.append("c.conflict = 1") }
        if let since = filter.since {
            conditions.append("c.changed >= ?")
            values.append(.integer(since))
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), values)
    }

    /// Each file's path, by its row.
    func filePaths() throws(SQLiteError) -> [Int64: String] {
        var paths: [Int64: String] = [:]
        let statement = try database.prepare("SELECT row, path FROM files")
        while try statement.step() { paths[statement.integer(0) ?? 0] = absolute(statement.text(1) ?? "") }
        return paths
    }

    /// Builds the full-text tables the first time a search needs them; from then on every refresh
    /// keeps them. Searching does it too; before `reading`, it must be done first.
    public func prepareText() throws(SQLiteError) {
        guard try database.rows("SELECT 1 FROM meta WHERE key = 'text'").isEmpty else { return }
        try database.transaction { () throws(SQLiteError) in
            guard try database.rows("SELECT 1 FROM meta WHERE key = 'text'").isEmpty else { return }
            try database.execute("""
                CREATE VIRTUAL TABLE claims_text USING fts5(quote, summary, notes, sources, content = 'claims_content',
                    content_rowid = 'row', tokenize = 'porter unicode61');
                CREATE VIRTUAL TABLE checks_text USING fts5(claim, summary, content = 'checks', content_rowid = 'row',
                    tokenize = 'porter unicode61');
                INSERT INTO claims_text(claims_text) VALUES ('rebuild');
                INSERT INTO checks_text(checks_text) VALUES ('rebuild');
                INSERT INTO meta VALUES ('text', '1');
                """)
        }
    }

    /// The first `limit` claims `filter` accepts that match `query` (FTS5: words, "a phrase",
    /// prefix*, AND/OR/NOT), best first, and how many match in all. A query FTS5 cannot parse is
    /// searched as its words, each quoted.
    public func search(_ query: String, filter: ClaimFilter, limit: Int = .max) throws(SQLiteError) -> (hits: [Hit], total: Int) {
        try prepareText()
        let (conditions, values) = Self.conditions(filter)
        let from = "FROM claims_text JOIN claims c ON c.row = claims_text.rowid WHERE claims_text MATCH ? AND \(conditions)"
        let (rows, match) = try matching(query, values + [.integer(Int64(min(limit, Int(Int64.max))))], """
            SELECT f.path, c.document, c.claim, c.status, c.score, c.rating, c.assignee, c.quote, c.row,
                   bm25(claims_text, 4.0, 2.0, 1.0, 1.0) AS rank
            \(from.replacing("WHERE", with: "JOIN files f ON f.row = c.file WHERE")) ORDER BY rank, f.path, c.number LIMIT ?
            """)
        // Every claim has its full-text row: with no condition, the count needs no join.
        let counting = conditions == "1" ? "FROM claims_text WHERE claims_text MATCH ?" : from
        let total = try database.rows("SELECT count(*) \(counting)", [.text(match)] + values).first?.first?.integer ?? 0
        // Highlighted only for the rows shown (highlight reads each text again).
        let highlight = try database.prepare(
            "SELECT highlight(claims_text, 0, char(1), char(2)) FROM claims_text WHERE claims_text MATCH ? AND rowid = ?")
        var hits: [Hit] = []
        for values in rows {
            guard let status = values[3].text.flatMap(Status.init(rawValue:)) else { continue }
            let row = Row(
                path: absolute(values[0].text ?? ""), document: values[1].text ?? "", claim: values[2].text ?? "", status: status,
                score: values[4].real, rating: values[5].text.flatMap(Rating.init(rawValue:)), assignee: values[6].text,
                quote: values[7].text ?? "")
            try highlight.bind([.text(match), values[8]])
            let marked = try highlight.step() ? highlight.text(0) : nil
            hits.append(Hit(row: row, highlighted: marked ?? row.quote, rank: values[9].real ?? 0))
        }
        return (hits, Int(total))
    }

    /// Every claim matching `query`, best first.
    func search(_ query: String) throws(SQLiteError) -> [Hit] {
        try search(query, filter: ClaimFilter(statuses: Set(Status.allCases))).hits
    }

    /// The first `limit` of the archive's checks matching `query`, best first (`rating`, if given,
    /// the only one kept), and how many match in all.
    public func searchArchive(_ query: String, rating: Rating? = nil, limit: Int = .max) throws(SQLiteError)
        -> (hits: [ArchiveHit], total: Int)
    {
        try prepareText()
        let condition = rating == nil ? "" : " AND k.rating = ?"
        let values: [SQLiteValue] = rating.map { [.text($0.rawValue)] } ?? []
        let from = "FROM checks_text JOIN checks k ON k.row = checks_text.rowid WHERE checks_text MATCH ?\(condition)"
        let (rows, match) = try matching(query, values + [.integer(Int64(min(limit, Int(Int64.max))))], """
            SELECT k.url, k.publisher, k.rating, k.claim, k.summary, k.row, bm25(checks_text, 2.0, 1.0) AS rank
            \(from) ORDER BY rank, k.row LIMIT ?
            """)
        let total = try database.rows("SELECT count(*) \(from)", [.text(match)] + values).first?.first?.integer ?? 0
        let highlight = try database.prepare(
            "SELECT highlight(checks_text, 0, char(1), char(2)) FROM checks_text WHERE checks_text MATCH ? AND rowid = ?")
        var hits: [ArchiveHit] = []
        for values in rows {
            let check = ArchivedRow(
                url: values[0].text ?? "", publisher: values[1].text ?? "", rating: values[2].text.flatMap(Rating.init(rawValue:)),
                claim: values[3].text ?? "", summary: values[4].text)
            try highlight.bind([.text(match), values[5]])
            let marked = try highlight.step() ? highlight.text(0) : nil
            hits.append(ArchiveHit(check: check, highlighted: marked ?? check.claim, rank: values[6].real ?? 0))
        }
        return (hits, Int(total))
    }

    /// The rows of `sql`, its first parameter `query` and the rest `values`, with the query as
    /// run: one FTS5 cannot parse is tried again as its words, each quoted.
    private func matching(_ query: String, _ values: [SQLiteValue], _ sql: String) throws(SQLiteError)
        -> (rows: [[SQLiteValue]], query: String)
    {
        do {
            return (try database.rows(sql, [.text(query)] + values), query)
        } catch where error.code & 0xFF == 1 {  // SQLITE_ERROR: a syntax error in the query
            let quoted = query.split(whereSeparator: \.isWhitespace).map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }
                .joined(separator: " ")
            guard !quoted.isEmpty else { return ([], quoted) }
            return (try database.rows(sql, [.text(quoted)] + values), quoted)
        }
    }
}
