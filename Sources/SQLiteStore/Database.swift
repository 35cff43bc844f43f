import CSQLite

/// An error from SQLite: its result code, its message, and the database it concerns.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var path: String

    /// The file is not a database, or is damaged: it is to be rebuilt.
    public var isCorrupt: Bool { code & 0xFF == SQLITE_CORRUPT || code & 0xFF == SQLITE_NOTADB }

    public var description: String { "\(path): \(message) (SQLite error \(code))" }
}

/// One value of a row.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A connection to one SQLite database file, owned by this value and closed in its `deinit`.
/// Used from one thread at a time.
public final class Database {
    private let handle: OpaquePointer
    public let path: String

    /// Opens (creating if `create`) the database at `path`, waiting up to `busyTimeout` ms for
    /// another process's lock.
    public init(path: String, create: Bool = true, busyTimeout: Int32 = 5000) throws(SQLiteError) {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let opened { sqlite3_close_v2(opened) }
            throw SQLiteError(code: status, message: message, path: path)
        }
        handle = opened
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeout)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    func error(_ status: Int32) -> SQLiteError {
        SQLiteError(code: status, message: String(cString: sqlite3_errmsg(handle)), path: path)
    }

    /// Runs one or more statements that take no parameters and return nothing needed.
    public func execute(_ sql: String) throws(SQLiteError) {
        let status = sqlite3_exec(handle, sql, nil, nil, nil)
        guard status == SQLITE_OK else { throw error(status) }
    }

    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status) }
        return Statement(statement, database: self)
    }

    /// Runs `body` in one transaction, taking the write lock at once (`BEGIN IMMEDIATE`): committed
    /// when it returns, rolled back when it throws, so no reader sees half of it.
    public func transaction<Result>(_ body: () throws(SQLiteError) -> Result) throws(SQLiteError) -> Result {
        try execute("BEGIN IMMEDIATE")
        do throws(SQLiteError) {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rows `sql` returns with `values` bound, each as its columns' values.
    public func rows(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        let statement = try prepare(sql)
        try statement.bind(values)
        var rows: [[SQLiteValue]] = []
        while try statement.step() { rows.append(statement.row) }
        return rows
    }

    /// Runs `sql` with `values` bound, for its effect.
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) {
        let statement = try prepare(sql)
        try statement.bind(values)
        while try statement.step() {}
    }

    public var lastInsertedRow: Int64 { sqlite3_last_insert_rowid(handle) }
}

/// A prepared statement, owned by this value and finalized in its `deinit`.
public final class Statement {
    private let handle: OpaquePointer
    private let database: Database

    init(_ handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Resets the statement and binds `values` to its parameters, in order.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        reset()
        for (offset, value) in values.enumerated() { try bind(Int32(offset + 1), value) }
    }

    /// Makes the statement ready to run again, its parameters unbound.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds `value` to parameter `position` (from 1).
    public func bind(_ position: Int32, _ value: SQLiteValue) throws(SQLiteError) {
        let status: Int32
        switch value {
        case .null: status = sqlite3_bind_null(handle, position)
        case .integer(let number): status = sqlite3_bind_int64(handle, position, number)
        case .real(let number): status = sqlite3_bind_double(handle, position, number)
        case .text(let text): status = sqlite3_bind_text(handle, position, text, -1, fc_sqlite_transient())
        }
        guard status == SQLITE_OK else { throw database.error(status) }
    }

    /// Runs the statement to its end, for its effect.
    public func run() throws(SQLiteError) {
        while try step() {}
    }

    /// Advances to the next row: true while there is one.
    public func step() throws(SQLiteError) -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(status)
        }
    }

    /// Column `column` of the current row as text, nil for NULL.
    public func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    /// Column `column` of the current row as an integer, nil for NULL.
    public func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    /// Column `column` of the current row as a number, nil for NULL.
    public func real(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    /// The current row's values.
    public var row: [SQLiteValue] {
        (0..<sqlite3_column_count(handle)).map { column in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT: .real(sqlite3_column_double(handle, column))
            case SQLITE_NULL: .null
            default: .text(sqlite3_column_text(handle, column).map { String(cString: $0) } ?? "")
            }
        }
    }
}

extension SQLiteValue {
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var integer: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    public var real: Double? {
        switch self {
        case .real(let number): number
        case .integer(let number): Double(number)
        default: nil
        }
    }
}
