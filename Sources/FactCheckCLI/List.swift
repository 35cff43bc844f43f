import ArgumentParser
import FactCheckKit
import Synchronization

/// `factcheck list [PATH…]`: claims across the workspace, best check-worthiness first.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List claims across the workspace (default: pending ones), best check-worthiness first.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Files or folders to list (default: the workspace).")
    var paths: [String] = []

    @Option(name: .customLong("status"), help: "Only claims with this status; repeat for more (default: pending).")
    var statuses: [Status] = []

    @Flag(help: "Claims of every status.")
    var all = false

    @Option(help: "Only claims assigned to this reviewer.")
    var assignee: String?

    @Option(help: "Only claims with this verdict rating.")
    var rating: Rating?

    @Option(name: .customLong("doc"), help: "Only claims of this document id; repeat for more.")
    var documents: [String] = []

    func validate() throws {
        if all && !statuses.isEmpty { throw ValidationError("--all and --status do not go together") }
    }

    func run() throws {
        let wanted = all ? Set(Status.allCases) : Set(statuses.isEmpty ? [.pending] : statuses)
        let filter = ClaimFilter(
            statuses: wanted, assignee: assignee, rating: rating, documents: Set(documents))
        // The table shows the start of each quote: only that much is kept.
        let quoteLimit = output.json ? nil : Self.quoteWidth
        let shared = SharedRows(budget: Self.rowsInMemory)
        // The table's column widths, measured by the workers as they go: the table is then written
        // in one pass over the sorted rows.
        let widths = ColumnWidths(Self.headers.map(\.characterCount))
        let measure = !output.json
        var scan = DocumentScan()
        _ = scan.map(paths.isEmpty ? [workspace.path] : paths) { path throws(DocumentError) in
            // A document's rows join the others only once all of it has been read and found valid.
            let rows = RowSpill(budget: Self.rowsInMemory)
            var documentWidths = [Int](repeating: 0, count: Self.headers.count)
            var id = ""
            try DocumentStream.read(path: path, article: { id = $0.id }) { claim in
                if filter.matches(claim, document: id) {
                    let row = ListedRow(claim, document: id, path: path, quoteLimit: quoteLimit)
                    if measure {
                        for (column, cell) in Self.cells(of: row).enumerated() {
                            documentWidths[column] = max(documentWidths[column], cell.characterCount)
                        }
                    }
                    rows.append(row)
                }
            }
            shared.absorb(rows)
            widths.widen(to: documentWidths)
        }
        let rows = shared.take()
        do {
            if output.json {
                var failure: SpillError?
                try JSONOutput.printArray(count: rows.count) { (next: (ClaimRowJSON) -> Void) in
                    do throws(SpillError) {
                        try rows.forEachSorted { next(ClaimRowJSON($0)) }
                    } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
            } else if scan.checked == 0 {
                let place = paths.isEmpty ? workspace.path : paths.joined(separator: ", ")
                Terminal.out("no annotation documents (*.factcheck.xml) in \(place); add one with: factcheck import ARTICLE")
            } else if rows.count == 0 {
                Terminal.out("no \(all ? "" : filter.statuses.map(\.rawValue).sorted().joined(separator: " or ") + " ")claims")
            } else {
                try Self.printTable(rows, widths: widths.current)
            }
        } catch let error as SpillError {
            Terminal.error("factcheck: error: \(error.message)")
            throw ExitCode(3)
        }
        try scan.finish()
    }

    static let headers = ["CLAIM", "STATUS", "SCORE", "RATING", "ASSIGNEE", "QUOTE"]

    static func cells(of row: ListedRow) -> [String] {
        [
            "\(row.document):c\(row.number)", row.status.rawValue, row.score.map { String(format2: $0) } ?? "-",
            row.rating?.rawValue ?? "-", row.assignee ?? "-", row.quote,
        ]
    }

    /// The table, written in one pass over the sorted rows (never all held) with the column widths
    /// measured while they were gathered.
    private static func printTable(_ rows: RowSpill, widths: [Int]) throws(SpillError) {
        var failure: SpillError?
        let table = Table(headers: headers, widths: widths) { (cells: ([String]) -> Void) in
            do throws(SpillError) {
                try rows.forEachSorted { cells(Self.cells(of: $0)) }
            } catch {
                failure = error
            }
        }
        Terminal.outLines(table.forEachLine)
        if let failure { throw failure }
    }

    /// How many rows `list` gathers in memory (about 200 bytes each) before it sorts them into a
    /// temporary file. One such batch may be being written while the next gathers, and each
    /// worker holds its current document's rows.
    static let rowsInMemory = 8_192

    static let quoteWidth = 60

}

/// The widest cell of each column so far, over every worker's documents.
final class ColumnWidths: Sendable {
    private let widths: Mutex<[Int]>

    init(_ initial: [Int]) {
        widths = Mutex(initial)
    }

    func widen(to others: [Int]) {
        widths.withLock { widths in
            for column in widths.indices { widths[column] = max(widths[column], others[column]) }
        }
    }

    var current: [Int] { widths.withLock { $0 } }
}

/// Which claims `list` shows; applied on the worker that read the document, so only matching
/// rows are kept.
struct ClaimFilter: Sendable {
    var statuses: Set<Status>
    var assignee: String?
    var rating: Rating?
    var documents: Set<String>

    func matches(_ claim: Claim, document: String) -> Bool {
        (documents.isEmpty || documents.contains(document)) && statuses.contains(claim.status)
            && (assignee == nil || claim.assignee == assignee) && (rating == nil || claim.verdict?.rating == rating)
    }
}

extension String {
    /// A score with two decimals, e.g. `0.62`.
    init(format2 value: Double) {
        self = DecimalFormat.fixed(value, places: 2)
    }
}
