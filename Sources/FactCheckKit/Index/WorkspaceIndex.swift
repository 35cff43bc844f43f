#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SQLiteStore

/// A cache of the workspace's claims and archived checks in SQLite (`.factcheck/index.sqlite`),
/// never the record: built from the files and checked against them the way git checks its index.
/// A file whose size, modification time (nanoseconds), inode or change time differs from what the
/// index noted, or whose modification time is not older than the moment its rows were written
/// (git's "racy" rule: a change within that same instant would not show), is read, validated and
/// indexed again; a file gone is dropped. The tool's version and the schemas' hash are stored, and
/// any change rebuilds it; so does a damaged file, with a warning. Deleting it loses nothing.
///
/// `list` needs only the claims' rows, so that is all a refresh writes at first; the full-text
/// tables (`search`) and the matcher's postings (`similar`) are built the first time they are
/// asked for, and from then on kept up to date with the rows.
public final class WorkspaceIndex {
    public static let folder = ".factcheck"
    public static let file = "index.sqlite"
    /// What the index's tables mean; with the tool's version and the schemas, any change rebuilds it.
    static let format = "10"

    let database: Database
    public let path: String
    /// The workspace folder; the index names files relative to it.
    public let root: String
    /// Counts the documents a refresh reads again, for a progress line.
    public var counter: ReadCounter?
    let parameters = ClaimMatcher.Parameters()

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

    /// A check of the archive (`import-claimreview`) as the index holds it.
    public struct ArchivedRow: Sendable, Hashable {
        public var url: String
        public var publisher: String
        public var rating: Rating?
        public var claim: String
        public var summary: String?
    }

    /// A search result from the archive: the check, its claim with the matched words marked.
    public struct ArchiveHit: Sendable, Hashable {
        public var check: ArchivedRow
        public var highlighted: String
        public var rank: Double
    }

    /// What a refresh did.
    public struct Refresh: Sendable, Hashable {
        public var read = 0
        public var unchanged = 0
        public var removed = 0
        /// Annotation documents in the workspace (the archive's files are not counted).
        public var documents = 0
        /// Files that failed validation, and that could not be read, this time or before.
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

    private init(database: Database, path: String, root: String) {
        self.database = database
        self.path = path
        self.root = root
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
                let index = WorkspaceIndex(database: try Database(path: path), path: path, root: root)
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

    /// The workspace's index if it has one already (of this version), for a write to keep up to
    /// date; nil otherwise, never creating one.
    public static func existing(workspace root: String, version: String) -> WorkspaceIndex? {
        let path = PathNames.join(PathNames.join(root, Self.folder), file)
        guard access(path, F_OK) == 0, let database = try? Database(path: path, create: false) else { return nil }
        let index = WorkspaceIndex(database: database, path: path, root: root)
        guard let stored = try? database.rows("SELECT value FROM meta WHERE key = 'identity'").first?.first?.text,
              stored == Self.identity(version)
        else { return nil }
        return index
    }

    /// An index in memory, for reading cold (`--no-index`) with the same queries.
    public static func inMemory(workspace root: String) -> WorkspaceIndex? {
        guard let database = try? Database(path: ":memory:") else { return nil }
        let index = WorkspaceIndex(database: database, path: ":memory:", root: root)
        return (try? index.prepare(version: "memory", warn: { _ in })) != nil ? index : nil
    }

    static func identity(_ version: String) -> String { "\(format) \(version) \(Schemas.hash)" }

    private func prepare(version: String, warn: (String) -> Void) throws(SQLiteError) {
        try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
        try database.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        let identity = Self.identity(version)
        let stored = try database.rows("SELECT value FROM meta WHERE key = 'identity'").first?.first?.text
        guard stored != identity else { return }
        try database.transaction { () throws(SQLiteError) in
            // Another process may have rebuilt it meanwhile.
            let now = try database.rows("SELECT value FROM meta WHERE key = 'identity'").first?.first?.text
            guard now != identity else { return }
            if now != nil { warn("the index \(path) was made by another version of the tool or its schemas; rebuilding it") }
            // Virtual tables first (dropping one drops its shadow tables), then the rest.
            for virtual in [true, false] {
                let rows = try database.rows(
                    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name != 'meta' AND name NOT LIKE 'sqlite_%' AND (sql LIKE 'CREATE VIRTUAL%') = ?",
                    [.integer(virtual ? 1 : 0)])
                for name in rows.compactMap({ $0.first?.text }) { try database.execute("DROP TABLE IF EXISTS \"\(name)\"") }
            }
            for row in try database.rows("SELECT name FROM sqlite_schema WHERE type = 'view'") {
                if let name = row.first?.text { try database.execute("DROP VIEW IF EXISTS \"\(name)\"") }
            }
            try database.execute("""
                DELETE FROM meta;
                CREATE TABLE files(row INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL,
                    size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER, indexed INTEGER, id TEXT, problems TEXT);
                CREATE TABLE articles(file INTEGER PRIMARY KEY, url TEXT, text_hash TEXT NOT NULL);
                CREATE TABLE claims(row INTEGER PRIMARY KEY, file INTEGER NOT NULL, document TEXT NOT NULL,
                    claim TEXT NOT NULL, number INTEGER NOT NULL, status TEXT NOT NULL, score REAL, rating TEXT,
                    assignee TEXT, conflict INTEGER NOT NULL, quote TEXT NOT NULL, changed INTEGER NOT NULL);
                \(Self.claimIndexes)
                CREATE TABLE claim_texts(row INTEGER PRIMARY KEY, summary TEXT, notes TEXT, sources TEXT, title TEXT);
                CREATE VIEW claims_content AS SELECT c.row AS row, c.file AS file, c.quote AS quote, t.summary AS summary,
                    t.notes AS notes, t.sources AS sources, t.title AS title FROM claims c LEFT JOIN claim_texts t ON t.row = c.row;
                CREATE TABLE checks(row INTEGER PRIMARY KEY, file INTEGER NOT NULL, url TEXT NOT NULL,
                    publisher TEXT NOT NULL, rating TEXT, claim TEXT NOT NULL, summary TEXT);
                CREATE INDEX checks_file ON checks(file);
                """)
            try database.run("INSERT INTO meta VALUES ('identity', ?)", [.text(identity)])
        }
    }

    /// Brings the index up to date with the workspace: its annotation documents and its archive.
    @discardableResult
    public func refresh(onFailure: (DocumentError) -> Void) throws(SQLiteError) -> Refresh {
        // The folders are walked on another core while the index's notes are loaded.
        let walking = walkInBackground()
        let known: [String: NotedFile]
        do {
            known = try notedFiles()
        } catch {
            _ = walking.wait()
            throw error
        }
        return try refresh(walking.wait(), known: known, onFailure: onFailure)
    }

    /// Brings the index up to date with the documents at `paths` and the archive files at
    /// `archives` (every one the workspace has), reading only those that changed. A file that
    /// cannot be read is noted with its diagnostics, handed to `onFailure` now and on every later
    /// refresh until it is fixed.
    @discardableResult
    public func refresh(_ paths: [String], archives: [String] = [], onFailure: (DocumentError) -> Void) throws(SQLiteError)
        -> Refresh
    {
        var found: [Found] = []
        for (kind, list) in [(FileKind.document, paths), (.archive, archives)] {
            for path in list {
                if let stat = FileStat(path) { found.append(Found(name: relative(path), kind: kind, stat: stat)) }
            }
        }
        var report = try refresh(found, known: notedFiles(), onFailure: onFailure)
        report.documents = paths.count
        return report
    }

    /// A file of the workspace as the walk found it (by its name in the index: its path is
    /// `absolute(name)`, made only for the few read).
    struct Found: Sendable {
        var name: String
        var kind: FileKind
        var stat: FileStat
    }

    /// What the index noted of each file, by name.
    private func notedFiles() throws(SQLiteError) -> [String: NotedFile] {
        var known: [String: NotedFile] = [:]
        let statement = try database.prepare("SELECT path, size, mtime, ctime, inode, indexed, problems FROM files")
        while try statement.step() {
            known[statement.text(0) ?? ""] = NotedFile(
                stat: FileStat(
                    size: statement.integer(1) ?? -1, mtime: statement.integer(2) ?? -1, ctime: statement.integer(3) ?? -1,
                    inode: statement.integer(4) ?? -1),
                indexed: statement.integer(5) ?? 0, problems: statement.text(6))
        }
        return known
    }

    private func refresh(_ found: [Found], known: [String: NotedFile], onFailure: (DocumentError) -> Void) throws(SQLiteError)
        -> Refresh
    {
        var plan = plan(found, known: known)
        try carry(&plan)
        return finish(plan, onFailure: onFailure)
    }

    /// What a refresh found: the files to read again, those gone, and what it reports.
    private struct Plan {
        var report = Refresh()
        var stale: [Stale] = []
        var gone: [String] = []
        var failures: [(path: String, error: DocumentError)] = []
        var current: Bool { stale.isEmpty && gone.isEmpty }
    }

    private func plan(_ found: [Found], known: [String: NotedFile]) -> Plan {
        var plan = Plan()
        var seen = 0
        for file in found {
            if file.kind == .document { plan.report.documents += 1 }
            guard let noted = known[file.name] else {
                plan.stale.append(Stale(path: absolute(file.name), name: file.name, kind: file.kind, stat: file.stat))
                continue
            }
            seen += 1
            if noted.stat == file.stat, file.stat.mtime < noted.indexed {
                plan.report.unchanged += 1
                if let problems = noted.problems { plan.failures.append((absolute(file.name), .invalid(Self.diagnostics(problems)))) }
            } else {
                plan.stale.append(Stale(path: absolute(file.name), name: file.name, kind: file.kind, stat: file.stat))
            }
        }
        // Every file the index knows was found, unless some are gone.
        if seen < known.count {
            let present = Set(found.map(\.name))
            plan.gone = known.keys.filter { !present.contains($0) }.sorted()
        }
        plan.report.read = plan.stale.count
        plan.report.removed = plan.gone.count
        return plan
    }

    /// Reads and writes what `plan` found stale or gone.
    private func carry(_ plan: inout Plan) throws(SQLiteError) {
        guard !plan.current else { return }
        var failures = plan.failures
        try write(plan.stale.sorted { $0.name.bytePrecedes($1.name) }, gone: plan.gone) { failures.append(($0, $1)) }
        plan.failures = failures
    }

    private func finish(_ plan: Plan, onFailure: (DocumentError) -> Void) -> Refresh {
        var report = plan.report
        for failure in plan.failures.sorted(by: { $0.path.bytePrecedes($1.path) }) {
            if case .unreadable = failure.error { report.unreadable += 1 } else { report.invalid += 1 }
            onFailure(failure.error)
        }
        return report
    }

    /// Brings the index up to date with the workspace (as `refresh(onFailure:)`), then runs
    /// `measure` and `body` in one read of it, so both see the same index, the one this refresh
    /// left. While the folders are walked, `measure` already runs on the index as it was; when
    /// nothing needed reading again, that is the index `body` reads, and the walk's time is not
    /// added to it.
    public func reading<Measure>(
        onFailure: (DocumentError) -> Void, measure: () throws -> Measure, _ body: (Refresh, Measure) throws -> Void
    ) throws {
        let walking = walkInBackground()
        try database.execute("BEGIN")
        var open = true
        defer { if open { try? database.execute("ROLLBACK") } }
        let known: [String: NotedFile]
        let early: Measure
        do {
            known = try notedFiles()
            early = try measure()
        } catch {
            _ = walking.wait()
            throw error
        }
        var plan = plan(walking.wait(), known: known)
        if plan.current {
            let report = finish(plan, onFailure: onFailure)
            try body(report, early)
            open = false
            try database.execute("COMMIT")
            return
        }
        open = false
        try database.execute("COMMIT")
        try carry(&plan)
        let report = finish(plan, onFailure: onFailure)
        try database.execute("BEGIN")
        open = true
        let measured = try measure()
        try body(report, measured)
        open = false
        try database.execute("COMMIT")
    }

    /// The workspace's documents and archive files with their stats, found on a thread of its own.
    private func walkInBackground() -> BackgroundWork<[Found], Never> {
        let root = root
        return BackgroundWork("factcheck.index-walk") { () -> [Found] in
            var found = Self.walk(root)
            for path in CheckArchive.paths(in: root) {
                if let stat = FileStat(path) { found.append(Found(name: Self.relative(path, to: root), kind: .archive, stat: stat)) }
            }
            return found
        }
    }

    /// Every `*.factcheck.xml` below `root` (as `DocumentFinder` finds them, hidden folders left
    /// out) with its stat, each file looked up from its folder's descriptor: a path walk per file
    /// would cost more than the rest of a warm listing.
    static func walk(_ root: String) -> [Found] {
        var found: [Found] = []
        var pending: [(path: String, name: String)] = [(root, "")]
        while let (folder, folderName) = pending.popLast() {
            guard let directory = opendir(folder) else { continue }
            defer { closedir(directory) }
            let descriptor = dirfd(directory)
            while let entry = readdir(directory) {
                var info = stat()
                let looked = withUnsafePointer(to: &entry.pointee.d_name) { field -> (name: String, stat: Bool)? in
                    let name = UnsafeRawPointer(field).assumingMemoryBound(to: CChar.self)
                    guard name[0] != 0x2E else { return nil }  // "." "..", and hidden files and folders
                    let type = entry.pointee.d_type
                    let text = String(cString: name)
                    guard type == UInt8(DT_DIR) || text.hasSuffix(AnnotationDocument.fileSuffix) || type == UInt8(DT_UNKNOWN)
                        || type == UInt8(DT_LNK)
                    else { return nil }
                    return (text, fstatat(descriptor, name, &info, 0) == 0)
                }
                guard let looked, looked.stat else { continue }
                let name = folderName.isEmpty ? looked.name : folderName + "/" + looked.name
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append((PathNames.join(folder, looked.name), name))
                case S_IFREG where looked.name.hasSuffix(AnnotationDocument.fileSuffix):
                    found.append(Found(name: name, kind: .document, stat: FileStat(info)))
                default:
                    break
                }
            }
        }
        return found
    }

    enum FileKind: Int64, Sendable {
        case document = 0
        case archive = 1
    }

    private struct NotedFile {
        var stat: FileStat
        var indexed: Int64
        var problems: String?
    }

    struct Stale: Sendable {
        var path: String
        var name: String
        var kind: FileKind
        var stat: FileStat
    }

    /// `path` as the index names it: relative to the workspace folder.
    func relative(_ path: String) -> String { Self.relative(path, to: root) }

    static func relative(_ path: String, to root: String) -> String {
        let prefix = PathNames.join(root, "").utf8
        return path.utf8.starts(with: prefix) ? String(decoding: path.utf8.dropFirst(prefix.count), as: UTF8.self) : path
    }

    /// A name the index holds, as a path to open.
    func absolute(_ name: String) -> String {
        name.hasPrefix("/") ? name : PathNames.join(root, name)
    }

    /// Reads the `stale` files on every core, a batch at a time (memory stays flat), and writes
    /// them, with `gone` removed, in one transaction, so readers see the index before or after.
    private func write(_ stale: [Stale], gone: [String], failed: (String, DocumentError) -> Void) throws(SQLiteError) {
        try database.transaction { () throws(SQLiteError) in
            // Filling an empty table, its indexes are made afterwards, in one sort each: much
            // cheaper than growing them row by row.
            let empty = try database.rows("SELECT 1 FROM claims LIMIT 1").isEmpty
            let bulk = empty && stale.count >= 256
            if bulk { try database.execute("DROP INDEX claims_file; DROP INDEX claims_listing") }
            let writer = try IndexWriter(self)
            for name in gone { try writer.remove(name) }
            // An archive can be large: it is streamed into the index.
            for file in stale where file.kind == .archive {
                try writer.remove(file.name)
                if let error = try writer.insertArchive(file) { failed(file.path, error) }
            }
            // Documents are read on every core; the next batch is read while this one is written.
            let documents = stale.filter { $0.kind == .document }
            let batches = stride(from: 0, to: documents.count, by: Self.batch).map {
                Array(documents[$0..<min($0 + Self.batch, documents.count)])
            }
            let terms = writer.matching
            let counter = counter
            counter?.expect(documents.count)
            var reading = batches.first.map { IndexWriter.readInBackground($0, terms: terms, counter: counter) }
            for number in batches.indices {
                let updates = reading!.wait()
                reading = number + 1 < batches.count
                    ? IndexWriter.readInBackground(batches[number + 1], terms: terms, counter: counter) : nil
                for update in updates {
                    if let error = update.error { failed(update.file.path, error) }
                    try writer.remove(update.file.name)
                    try writer.insert(update)
                }
            }
            try writer.finish()
            if bulk { try database.execute(Self.claimIndexes) }
        }
    }

    /// The claims table's indexes: by file, for a refresh; and one holding every column `list`
    /// shows, in its order, so a listing reads it alone, in order.
    static let claimIndexes = """
        CREATE INDEX claims_file ON claims(file);
        CREATE INDEX claims_listing ON claims(status, COALESCE(score, -1) DESC, document, number, rating, assignee, file,
            score, quote);
        """

    /// Documents read at a time while the index is brought up to date.
    static let batch = 128

    static func serialize(_ diagnostics: [Diagnostic]) -> String {
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

/// What the index notes of a file: size, modification and change times (ns), inode.
struct FileStat: Hashable, Sendable {
    var size: Int64
    var mtime: Int64
    var ctime: Int64
    var inode: Int64

    init(size: Int64, mtime: Int64, ctime: Int64, inode: Int64) {
        self.size = size
        self.mtime = mtime
        self.ctime = ctime
        self.inode = inode
    }

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
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
