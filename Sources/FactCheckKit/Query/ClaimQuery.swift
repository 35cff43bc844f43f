/// The claims under some paths that a filter matches, as rows in a listing's order (by default best
/// check-worthiness first, then by document id and claim number: `ClaimRow.precedes`).
///
/// Every document is read on a worker as a stream; its matching rows join the others only once all
/// of it has been read and found valid. Past `rowsInMemory` rows, rows are sorted into unlinked
/// temporary files in `temporaryFolder` (see `RowSpill`), so memory stays flat on any archive.
public struct ClaimQuery: Sendable {
    /// How many rows a query gathers in memory (about 200 bytes each) before it sorts them into a
    /// temporary file. One such batch may be being written while the next gathers, and each
    /// worker holds its current document's rows.
    public static let defaultRowsInMemory = 8_192

    public var filter: ClaimFilter
    /// Quotes are cut to this many characters (see `String.truncated(to:)`); nil keeps them whole.
    public var quoteLimit: Int?
    public var rowsInMemory: Int
    public var temporaryFolder: String
    public var order: ListingOrder

    public init(
        filter: ClaimFilter, quoteLimit: Int? = nil, rowsInMemory: Int = ClaimQuery.defaultRowsInMemory,
        temporaryFolder: String, order: ListingOrder = .score
    ) {
        self.order = order
        self.filter = filter
        self.quoteLimit = quoteLimit
        self.rowsInMemory = rowsInMemory
        self.temporaryFolder = temporaryFolder
    }

    /// What a query found.
    public struct Result: Sendable {
        /// The matching rows; read them in order with `forEachSorted`.
        public let rows: RowSpill
        /// Per column, the widest of `initialWidths` and what `widen` measured over the rows of
        /// every valid document.
        public let widths: [Int]
    }

    /// Runs the query over the documents under `paths`, counting them in `scan`; failed documents go
    /// to `onFailure` in path order. `widen`, when given, is called on the worker for each matching
    /// row to widen a document's column widths (which start at zero) to the row's cells, so that a
    /// table can be laid out in one pass over the sorted rows.
    public func run(
        _ paths: [String], scan: inout WorkspaceScan, initialWidths: [Int] = [],
        widen: (@Sendable (ClaimRow, inout [Int]) -> Void)? = nil,
        onFailure: (DocumentError) -> Void = { _ in }
    ) -> Result {
        let shared = SharedRows(budget: rowsInMemory, temporaryFolder: temporaryFolder, order: order)
        let widths = ColumnWidths(initialWidths)
        let (filter, quoteLimit, budget, folder, order) = (filter, quoteLimit, rowsInMemory, temporaryFolder, order)
        _ = scan.map(paths, { path throws(DocumentError) in
            let rows = RowSpill(budget: budget, temporaryFolder: folder, order: order)
            var documentWidths = [Int](repeating: 0, count: initialWidths.count)
            var id = ""
            try DocumentStream.read(path: path, article: { id = $0.id }) { claim in
                if filter.matches(claim, document: id) {
                    let row = ClaimRow(claim, document: id, path: path, quoteLimit: quoteLimit, keepingChange: order == .time)
                    widen?(row, &documentWidths)
                    rows.append(row)
                }
            }
            shared.absorb(rows)
            if widen != nil { widths.widen(to: documentWidths) }
        }, onFailure: onFailure)
        return Result(rows: shared.take(), widths: widths.current)
    }
}
