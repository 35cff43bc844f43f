import SQLiteStore

extension WorkspaceIndex {
    /// The claims `filter` matches, in listing order (best score first, then document id and claim
    /// number), `quoteLimit` characters of each quote kept.
    public func rows(_ filter: ClaimFilter, quoteLimit: Int?, _ body: (ClaimRow) -> Void) throws(SQLiteError) {
        var conditions = ["c.status IN (\(filter.statuses.map { _ in "?" }.joined(separator: ", ")))"]
        var values: [SQLiteValue] = filter.statuses.map(\.rawValue).sorted().map(SQLiteValue.text)
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
        let paths = try filePaths()
        let statement = try database.prepare("""
            SELECT c.score, c.document, c.file, c.number, c.status, c.rating, c.assignee, c.quote FROM claims c
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY COALESCE(c.score, -1) DESC, c.document, c.number
            """)
        try statement.bind(values)
        while try statement.step() {
            guard let status = statement.text(4).flatMap(Status.init(rawValue:)) else { continue }
            let quote = statement.text(7) ?? ""
            body(ClaimRow(
                score: statement.real(0), document: statement.text(1) ?? "", path: paths[statement.integer(2) ?? 0] ?? "",
                number: Int(statement.integer(3) ?? 0), status: status, rating: statement.text(5).flatMap(Rating.init(rawValue:)),
                assignee: statement.text(6), quote: quoteLimit.map { quote.truncated(to: $0) } ?? quote))
        }
    }

    /// Each file's path, by its row.
    func filePaths() throws(SQLiteError) -> [Int64: String] {
        var paths: [Int64: String] = [:]
        let statement = try database.prepare("SELECT row, path FROM files")
        while try statement.step() { paths[statement.integer(0) ?? 0] = absolute(statement.text(1) ?? "") }
        return paths
    }

    /// Builds the full-text tables the first time a search needs them; from then on every refresh
    /// keeps them.
    func prepareText() throws(SQLiteError) {
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

    /// Claims matching `query` (FTS5: words, "a phrase", prefix*, AND/OR/NOT), best first, that
    /// `filter` accepts. A query FTS5 cannot parse is searched as its words, each quoted.
    public func search(_ query: String, filter: ClaimFilter) throws(SQLiteError) -> [Hit] {
        try search(query) {
            filter.matches(status: $0.status, assignee: $0.assignee, rating: $0.rating, document: $0.document, conflicted: false)
        }
    }

    func search(_ query: String, keep: (Row) -> Bool) throws(SQLiteError) -> [Hit] {
        try prepareText()
        let rows = try matching(query, """
            SELECT f.path, c.document, c.claim, c.status, c.score, c.rating, c.assignee, c.quote,
                   highlight(claims_text, 0, char(1), char(2)), bm25(claims_text, 4.0, 2.0, 1.0, 1.0)
            FROM claims_text JOIN claims c ON c.row = claims_text.rowid JOIN files f ON f.row = c.file
            WHERE claims_text MATCH ? ORDER BY bm25(claims_text, 4.0, 2.0, 1.0, 1.0), f.path, c.number
            """)
        return rows.compactMap { values -> Hit? in
            guard let status = values[3].text.flatMap(Status.init(rawValue:)) else { return nil }
            let row = Row(
                path: absolute(values[0].text ?? ""), document: values[1].text ?? "", claim: values[2].text ?? "", status: status,
                score: values[4].real, rating: values[5].text.flatMap(Rating.init(rawValue:)), assignee: values[6].text,
                quote: values[7].text ?? "")
            guard keep(row) else { return nil }
            return Hit(row: row, highlighted: values[8].text ?? row.quote, rank: values[9].real ?? 0)
        }
    }

    /// The archive's checks matching `query`, best first (`rating`, if given, the only one kept).
    public func searchArchive(_ query: String, rating: Rating? = nil) throws(SQLiteError) -> [ArchiveHit] {
        try prepareText()
        let rows = try matching(query, """
            SELECT k.url, k.publisher, k.rating, k.claim, k.summary, highlight(checks_text, 0, char(1), char(2)),
                   bm25(checks_text, 2.0, 1.0)
            FROM checks_text JOIN checks k ON k.row = checks_text.rowid
            WHERE checks_text MATCH ? ORDER BY bm25(checks_text, 2.0, 1.0), k.row
            """)
        return rows.compactMap { values -> ArchiveHit? in
            let check = ArchivedRow(
                url: values[0].text ?? "", publisher: values[1].text ?? "", rating: values[2].text.flatMap(Rating.init(rawValue:)),
                claim: values[3].text ?? "", summary: values[4].text)
            if let rating, check.rating != rating { return nil }
            return ArchiveHit(check: check, highlighted: values[5].text ?? check.claim, rank: values[6].real ?? 0)
        }
    }

    /// The rows of `sql`, its one parameter `query`; a query FTS5 cannot parse is tried again as
    /// its words, each quoted.
    private func matching(_ query: String, _ sql: String) throws(SQLiteError) -> [[SQLiteValue]] {
        do {
            return try database.rows(sql, [.text(query)])
        } catch where error.code & 0xFF == 1 {  // SQLITE_ERROR: a syntax error in the query
            let quoted = query.split(whereSeparator: \.isWhitespace).map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }
            guard !quoted.isEmpty else { return [] }
            return try database.rows(sql, [.text(quoted.joined(separator: " "))])
        }
    }
}
