import ArgumentParser
import FactCheckKit

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
        var scan = DocumentScan()
        let documents = scan.map(paths.isEmpty ? [workspace.path] : paths) { path throws(DocumentError) in
            var listed = ListedDocument(id: "", path: path)
            try DocumentStream.read(path: path, article: { listed.id = $0.id }) { claim in
                if filter.matches(claim, document: listed.id) { listed.append(claim, quoteLimit: quoteLimit) }
            }
            return listed
        }
        let order = Self.order(documents)
        if output.json {
            try JSONOutput.printArray(count: order.count) { index in
                let (document, row) = (Int(order[index].document), Int(order[index].row))
                let listed = documents[document]
                return ClaimRowJSON(listed.rows[row], quote: listed.quote(of: row), document: listed.id, path: listed.path)
            }
        } else if scan.checked == 0 {
            let place = paths.isEmpty ? workspace.path : paths.joined(separator: ", ")
            Terminal.out("no annotation documents (*.factcheck.xml) in \(place); add one with: factcheck import ARTICLE")
        } else if order.isEmpty {
            Terminal.out("no \(all ? "" : filter.statuses.map(\.rawValue).sorted().joined(separator: " or ") + " ")claims")
        } else {
            let table = Table(headers: ["CLAIM", "STATUS", "SCORE", "RATING", "ASSIGNEE", "QUOTE"], count: order.count) { index in
                let (document, row) = (Int(order[index].document), Int(order[index].row))
                let listed = documents[document]
                let claim = listed.rows[row]
                return [
                    "\(documents[document].id):c\(claim.number)", claim.status.rawValue,
                    claim.score.map { String(format2: $0) } ?? "-", claim.rating?.rawValue ?? "-", claim.assignee ?? "-",
                    listed.quote(of: row),
                ]
            }
            Terminal.outLines(table.forEachLine)
        }
        try scan.finish()
    }

    static let quoteWidth = 60

    /// Where each row goes: best score first, then by document id and claim number. Sorted as
    /// plain numbers (documents ranked by id once), with no string compared or row copied.
    private static func order(_ documents: [ListedDocument]) -> [RowPlace] {
        var rank = [Int32](repeating: 0, count: documents.count)
        for (position, document) in documents.indices.sorted(by: { documents[$0].id < documents[$1].id }).enumerated() {
            rank[document] = Int32(position)
        }
        var order: [RowPlace] = []
        order.reserveCapacity(documents.reduce(0) { $0 + $1.rows.count })
        for (document, listed) in documents.enumerated() {
            for (row, claim) in listed.rows.enumerated() {
                order.append(
                    RowPlace(
                        score: claim.score ?? -1, rank: rank[document], number: Int32(clamping: claim.number),
                        document: Int32(document), row: Int32(row)))
            }
        }
        order.sort { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
            return lhs.number < rhs.number
        }
        return order
    }
}

/// A row's sort key and where it is.
private struct RowPlace {
    var score: Double
    var rank: Int32
    var number: Int32
    var document: Int32
    var row: Int32
}

/// The matching claims of one document. Their quotes share one string: a list may hold every
/// pending claim of an archive, and a string each, kept while the workers parse on, fragments the
/// heap enough to slow every allocation after it.
struct ListedDocument: Sendable {
    var id: String
    var path: String
    var rows: [ListRow] = []
    /// The rows' quotes, one after the other; `ListRow.quoteEnd` says where each ends.
    private var quotes = ""

    init(id: String, path: String) {
        self.id = id
        self.path = path
    }

    mutating func append(_ claim: Claim, quoteLimit: Int?) {
        quotes += quoteLimit.map { claim.anchor.exact.truncated(to: $0) } ?? claim.anchor.exact
        rows.append(ListRow(claim, quoteEnd: quotes.utf8.count))
    }

    func quote(of row: Int) -> String {
        let start = row == 0 ? 0 : rows[row - 1].quoteEnd
        let utf8 = quotes.utf8
        return String(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: rows[row].quoteEnd)])!
    }
}

/// One claim in a list, kept small.
struct ListRow: Sendable {
    /// The claim id's number (ids are `c` and a number).
    var number: Int
    var status: Status
    var score: Double?
    var rating: Rating?
    var assignee: String?
    /// Where its quote ends in the document's `quotes`, in UTF-8 bytes.
    var quoteEnd: Int

    init(_ claim: Claim, quoteEnd: Int) {
        number = Int(claim.id.dropFirst()) ?? 0
        status = claim.status
        score = claim.score?.value
        rating = claim.verdict?.rating
        assignee = claim.assignee
        self.quoteEnd = quoteEnd
    }
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
