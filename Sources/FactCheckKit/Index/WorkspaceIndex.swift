#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SQLiteStore

/// A cache of the workspace's claims in SQLite (`.factcheck/index.sqlite`), never the record: built
/// from the documents and checked against them the way git checks its index. A document whose size,
/// modification time (nanoseconds), inode or change time differs from what the index noted, or
/// whose modification time is not older than the moment its rows were written (git's "racy" rule:
/// a change within that same instant would not show), is read, validated and indexed again; a
/// document gone is dropped. The tool's version and the schemas' hash are stored, and any change
/// rebuilds it; so does a damaged file, with a warning. Deleting it loses nothing.
public final class WorkspaceIndex {
    public static let folder = ".factcheck"
    public static let file = "index.sqlite"
    /// What the index's tables mean; with the tool's version and the schemas, any change rebuilds it.
    static let format = "2"

    private let database: Database
    public let path: String

    /// A claim as the index holds it.
    public struct Row: Sendable, Hashable {
        public var path: String
        public var document: String
        public var claim: String
        public var status: Status
        public var score: Double?
        public var rating: Rating?
        public var assignee: String?
        public var quote: String
    }

    /// A search result: the claim, its quote with the matched words between `\u{1}` and `\u{2}`,
    /// and its bm25 rank (lower is better).
    public struct Hit: Sendable, Hashable {
        public var row: Row
        public var highlighted: String
        public var rank: Double
    }

    /// What a refresh did.
    public struct Refresh: Sendable, Hashable {
        public var read = 0
        public var unchanged = 0
        public var removed = 0
        /// Documents that failed validation, and that could not be read, this time or before.
        public var invalid = 0
        public var unreadable = 0

        public init(read: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.read = read
            self.unchanged = unchanged
            self.removed = removed
        }

        public static func == (lhs: Refresh, rhs: Refresh) -> Bool {
            (lhs.read, lhs.unchanged, lhs.removed) == (rhs.read, rhs.unchanged, rhs.removed)
        }
    }

    private init(database: Database, path: String) {
        self.database = database
        self.path = path
    }

    /// The index of the workspace at `root`, created or rebuilt as needed; `warn` hears why one was
    /// rebuilt. Nil when no index can be kept there (a read-only workspace, say): the caller reads
    /// the documents cold.
    public static func open(workspace root: String, version: String, warn: (String) -> Void) -> WorkspaceIndex? {
        let folder = PathNames.join(root, Self.folder)
        guard (try? FileSystem.makeFolder(folder)) != nil else { return nil }
        let path = PathNames.join(folder, file)
        for attempt in 0..<2 {
            do throws(SQLiteError) {
                let index = WorkspaceIndex(database: try Database(path: path), path: path)
                try index.prepare(version: version, warn: warn)
                return index
            } catch {
                guard attempt == 0 else { break }
                warn("the index \(path) cannot be used (\(error.message)); rebuilding it")
                for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
            }
        }
        return nil
    }

    /// An index in memory, for reading cold (`--no-index`) with the same queries.
    public static func inMemory() -> WorkspaceIndex? {
        guard let database = try? Database(path: ":memory:") else { return nil }
        let index = WorkspaceIndex(database: database, path: ":memory:")
        return (try? index.prepare(version: "memory", warn: { _ in })) != nil ? index : nil
    }

    private func prepare(version: String, warn: (String) -> Void) throws(SQLiteError) {
        try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
        try database.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        let identity = "\(Self.format) \(version) \(Schemas.hash)"
        let stored = try database.rows("SELECT value FROM meta WHERE key = 'identity'").first?.first?.text
        if stored != identity {
            if stored != nil { warn("the index \(path) was made by another version of the tool or its schemas; rebuilding it") }
            try database.execute("""
                DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS claims; DROP TABLE IF EXISTS claims_text;
                CREATE TABLE documents(path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER,
                    indexed INTEGER, id TEXT, problems TEXT);
                CREATE TABLE claims(row INTEGER PRIMARY KEY, path TEXT NOT NULL, document TEXT NOT NULL, claim TEXT NOT NULL,
                    number INTEGER, status TEXT NOT NULL, score REAL, rating TEXT, assignee TEXT, quote TEXT NOT NULL,
                    conflict INTEGER NOT NULL);
                CREATE INDEX claims_path ON claims(path);
                CREATE VIRTUAL TABLE claims_text USING fts5(quote, summary, notes, sources, tokenize = 'porter unicode61');
                """)
            try database.run("INSERT OR REPLACE INTO meta VALUES ('identity', ?)", [.text(identity)])
        }
    }

    /// Brings the index up to date with the documents at `paths` (every document of the workspace),
    /// reading only those that changed. A document that cannot be read is noted with its
    /// diagnostics, handed to `onFailure` now and on every later refresh until it is fixed.
    @discardableResult
    public func refresh(_ paths: [String], onFailure: (DocumentError) -> Void) throws(SQLiteError) -> Refresh {
        var known: [String: (size: Int64, mtime: Int64, ctime: Int64, inode: Int64, indexed: Int64, problems: String?)] = [:]
        for row in try database.rows("SELECT path, size, mtime, ctime, inode, indexed, problems FROM documents") {
            known[row[0].text ?? ""] = (
                row[1].integer ?? -1, row[2].integer ?? -1, row[3].integer ?? -1, row[4].integer ?? -1, row[5].integer ?? 0,
                row[6].text)
        }
        var report = Refresh()
        var stale: [String: FileStat] = [:]
        var failures: [(path: String, error: DocumentError)] = []
        for path in paths {
            guard let stat = FileStat(path) else { continue }
            if let noted = known[path], noted.size == stat.size, noted.mtime == stat.mtime, noted.ctime == stat.ctime,
               noted.inode == stat.inode, stat.mtime < noted.indexed {
                report.unchanged += 1
                if let problems = noted.problems { failures.append((path, .invalid(Self.diagnostics(problems)))) }
            } else {
                stale[path] = stat
            }
        }
        let present = Set(paths)
        let gone = known.keys.filter { !present.contains($0) }
        // Read on every core, a batch at a time (memory stays flat), and written in one transaction,
        // so readers see the index before or after.
        let stalePaths = stale.keys.sorted()
        if !stalePaths.isEmpty || !gone.isEmpty {
            let writer = try Writer(database)
            try database.transaction { () throws(SQLiteError) in
                for path in gone { try writer.remove(path) }
                // The next batch is read while this one is written.
                let batches = stride(from: 0, to: stalePaths.count, by: Self.batch).map {
                    Array(stalePaths[$0..<min($0 + Self.batch, stalePaths.count)])
                }
                var reading = batches.first.map(Self.readInBackground)
                for number in batches.indices {
                    let updates = reading!.wait()
                    reading = number + 1 < batches.count ? Self.readInBackground(batches[number + 1]) : nil
                    for update in updates {
                        guard let stat = stale[update.path] else { continue }
                        if let error = update.error { failures.append((update.path, error)) }
                        try writer.remove(update.path)
                        try writer.document(update, stat: stat)
                        for claim in update.claims { try writer.claim(claim, document: update.id, path: update.path) }
                    }
                    report.read += updates.count
                }
            }
        }
        report.removed = gone.count
        for failure in failures.sorted(by: { $0.path < $1.path }) {
            if case .unreadable = failure.error { report.unreadable += 1 } else { report.invalid += 1 }
            onFailure(failure.error)
        }
        return report
    }

    /// Documents read at a time while the index is brought up to date.
    static let batch = 128

    /// Reads `paths` on every core, on a thread of its own.
    private static func readInBackground(_ paths: [String]) -> BackgroundWork<[Update], Never> {
        BackgroundWork("factcheck.index-read") {
            var scan = WorkspaceScan()
            return scan.map(paths) { path in
                // Noted before the read: a change during it leaves the file not older, so read again.
                let indexed = FileStat.now()
                var id = ""
                var claims: [Claim] = []
                var failure: DocumentError?
                do throws(DocumentError) {
                    try DocumentStream.read(path: path, article: { id = $0.id }) { claims.append($0) }
                } catch {
                    failure = error
                    claims = []
                }
                return Update(path: path, indexed: indexed, id: id, claims: claims, error: failure)
            }
        }
    }

    /// The statements a refresh writes with, prepared once.
    private struct Writer {
        let database: Database
        let removeText: Statement
        let removeClaims: Statement
        let removeDocument: Statement
        let insertDocument: Statement
        let insertClaim: Statement
        let insertText: Statement

        init(_ database: Database) throws(SQLiteError) {
            self.database = database
            removeText = try database.prepare("DELETE FROM claims_text WHERE rowid IN (SELECT row FROM claims WHERE path = ?)")
            removeClaims = try database.prepare("DELETE FROM claims WHERE path = ?")
            removeDocument = try database.prepare("DELETE FROM documents WHERE path = ?")
            insertDocument = try database.prepare("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            insertClaim = try database.prepare(
                "INSERT INTO claims(path, document, claim, number, status, score, rating, assignee, quote, conflict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            insertText = try database.prepare("INSERT INTO claims_text(rowid, quote, summary, notes, sources) VALUES (?, ?, ?, ?, ?)")
        }

        private func run(_ statement: Statement, _ values: [SQLiteValue]) throws(SQLiteError) {
            try statement.bind(values)
            while try statement.step() {}
        }

        func remove(_ path: String) throws(SQLiteError) {
            for statement in [removeText, removeClaims, removeDocument] { try run(statement, [.text(path)]) }
        }

        func document(_ update: Update, stat: FileStat) throws(SQLiteError) {
            try run(
                insertDocument,
                [.text(update.path), .integer(stat.size), .integer(stat.mtime), .integer(stat.ctime), .integer(stat.inode),
                 .integer(update.indexed), .text(update.id),
                 update.error.map { .text(WorkspaceIndex.serialize($0.diagnostics)) } ?? .null])
        }

        func claim(_ claim: Claim, document: String, path: String) throws(SQLiteError) {
            try run(
                insertClaim,
                [.text(path), .text(document), .text(claim.id), Int64(claim.id.dropFirst()).map(SQLiteValue.integer) ?? .null,
                 .text(claim.status.rawValue), claim.score.map { .real($0.value) } ?? .null,
                 claim.verdict.map { .text($0.rating.rawValue) } ?? .null, claim.assignee.map(SQLiteValue.text) ?? .null,
                 .text(claim.anchor.exact), .integer(claim.conflict == nil ? 0 : 1)])
            let row = database.lastInsertedRow
            let sources = claim.sources.map { [$0.title, $0.publisher, $0.url].compactMap { $0 }.joined(separator: " ") }
            try run(
                insertText,
                [.integer(row), .text(claim.anchor.exact), .text(claim.verdict?.summary ?? ""),
                 .text(claim.notes.map(\.text).joined(separator: "\n")), .text(sources.joined(separator: "\n"))])
        }
    }

    private struct Update: Sendable {
        var path: String
        var indexed: Int64
        var id: String
        var claims: [Claim]
        var error: DocumentError?
    }

    /// The claims `filter` matches, in listing order (best score first, then document id and claim
    /// number), `quoteLimit` characters of each quote kept.
    public func rows(_ filter: ClaimFilter, quoteLimit: Int?, _ body: (ClaimRow) -> Void) throws(SQLiteError) {
        var conditions = ["status IN (\(filter.statuses.map { _ in "?" }.joined(separator: ", ")))"]
        var values: [SQLiteValue] = filter.statuses.map { .text($0.rawValue) }.sorted { ($0.text ?? "") < ($1.text ?? "") }
        if let assignee = filter.assignee {
            conditions.append("assignee = ?")
            values.append(.text(assignee))
        }
        if let rating = filter.rating {
            conditions.append("rating = ?")
            values.append(.text(rating.rawValue))
        }
        if !filter.documents.isEmpty {
            conditions.append("document IN (\(filter.documents.map { _ in "?" }.joined(separator: ", ")))")
            values += filter.documents.sorted().map { .text($0) }
        }
        if filter.conflicts { conditions.append("conflict = 1") }
        let statement = try database.prepare("""
            SELECT score, document, path, number, status, rating, assignee, quote FROM claims
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY COALESCE(score, -1) DESC, document, number
            """)
        try statement.bind(values)
        while try statement.step() {
            guard let status = statement.text(4).flatMap(Status.init(rawValue:)) else { continue }
            let quote = statement.text(7) ?? ""
            body(ClaimRow(
                score: statement.real(0), document: statement.text(1) ?? "", path: statement.text(2) ?? "",
                number: Int(statement.integer(3) ?? 0), status: status, rating: statement.text(5).flatMap(Rating.init(rawValue:)),
                assignee: statement.text(6), quote: quoteLimit.map { quote.truncated(to: $0) } ?? quote))
        }
    }

    /// The reviewed claims (verified, disputed, unverifiable): ref, status, rating, quote, and the
    /// verdict's summary, in document and claim order.
    public func reviewed(_ body: (_ ref: String, _ status: Status, _ rating: Rating?, _ quote: String, _ summary: String) -> Void)
        throws(SQLiteError)
    {
        let statement = try database.prepare("""
            SELECT c.document, c.claim, c.status, c.rating, c.quote, t.summary
            FROM claims c JOIN claims_text t ON t.rowid = c.row
            WHERE c.status IN ('verified', 'disputed', 'unverifiable') ORDER BY c.document, c.number
            """)
        while try statement.step() {
            guard let status = statement.text(2).flatMap(Status.init(rawValue:)) else { continue }
            body(
                "\(statement.text(0) ?? ""):\(statement.text(1) ?? "")", status, statement.text(3).flatMap(Rating.init(rawValue:)),
                statement.text(4) ?? "", statement.text(5) ?? "")
        }
    }

    /// Claims matching `query` (FTS5: words, "a phrase", prefix*, AND/OR/NOT), best first, that `keep`
    /// accepts. A query FTS5 cannot parse is searched as its words, each quoted.
    public func search(_ query: String, filter: ClaimFilter) throws(SQLiteError) -> [Hit] {
        try search(query) {
            filter.matches(status: $0.status, assignee: $0.assignee, rating: $0.rating, document: $0.document, conflicted: false)
        }
    }

    func search(_ query: String, keep: (Row) -> Bool) throws(SQLiteError) -> [Hit] {
        let sql = """
            SELECT c.path, c.document, c.claim, c.status, c.score, c.rating, c.assignee, c.quote,
                   highlight(claims_text, 0, char(1), char(2)), bm25(claims_text, 4.0, 2.0, 1.0, 1.0)
            FROM claims_text JOIN claims c ON c.row = claims_text.rowid
            WHERE claims_text MATCH ? ORDER BY bm25(claims_text, 4.0, 2.0, 1.0, 1.0), c.path, c.number
            """
        let rows: [[SQLiteValue]]
        do {
            rows = try database.rows(sql, [.text(query)])
        } catch where error.code & 0xFF == 1 {  // SQLITE_ERROR: a syntax error in the query
            let quoted = query.split(whereSeparator: \.isWhitespace).map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }
            guard !quoted.isEmpty else { return [] }
            rows = try database.rows(sql, [.text(quoted.joined(separator: " "))])
        }
        return rows.compactMap { values -> Hit? in
            guard let status = values[3].text.flatMap(Status.init(rawValue:)) else { return nil }
            let row = Row(
                path: values[0].text ?? "", document: values[1].text ?? "", claim: values[2].text ?? "", status: status,
                score: values[4].real, rating: values[5].text.flatMap(Rating.init(rawValue:)), assignee: values[6].text,
                quote: values[7].text ?? "")
            guard keep(row) else { return nil }
            return Hit(row: row, highlighted: values[8].text ?? row.quote, rank: values[9].real ?? 0)
        }
    }

    fileprivate static func serialize(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { "\($0.file)\t\($0.line)\t\($0.column)\t\($0.severity == .error ? "e" : "w")\t\($0.message)" }
            .joined(separator: "\n")
    }

    private static func diagnostics(_ text: String) -> [Diagnostic] {
        text.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { return Diagnostic(file: "", message: String(line)) }
            return Diagnostic(
                file: fields[0], line: Int(fields[1]) ?? 0, column: Int(fields[2]) ?? 0,
                severity: fields[3] == "e" ? .error : .warning, message: fields[4])
        }
    }
}

/// What the index notes of a document's file: size, modification and change times (ns), inode.
struct FileStat: Hashable {
    var size: Int64
    var mtime: Int64
    var ctime: Int64
    var inode: Int64

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        ctime = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = Int64(bitPattern: UInt64(info.st_ino))
    }

    /// The wall clock, in the file system's terms (ns since the epoch).
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
