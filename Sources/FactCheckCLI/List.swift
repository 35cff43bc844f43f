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
        var scan = DocumentScan()
        var rows = scan.map(paths.isEmpty ? [workspace.path] : paths) { path throws(DocumentError) in
            var rows: [ClaimRowJSON] = []
            var document = ""
            try DocumentStream.read(path: path, article: { document = $0.id }) { claim in
                if filter.matches(claim, document: document) { rows.append(ClaimRowJSON(claim, document: document, path: path)) }
            }
            return rows
        }.flatMap { $0 }
        rows.sort { lhs, rhs in
            let left = lhs.score ?? -1
            let right = rhs.score ?? -1
            if left != right { return left > right }
            if lhs.document != rhs.document { return lhs.document < rhs.document }
            return Int(lhs.claim.dropFirst())! < Int(rhs.claim.dropFirst())!
        }
        if output.json {
            try JSONOutput.printArray(rows)
        } else if scan.checked == 0 {
            let place = paths.isEmpty ? workspace.path : paths.joined(separator: ", ")
            Terminal.out("no annotation documents (*.factcheck.xml) in \(place); add one with: factcheck import ARTICLE")
        } else if rows.isEmpty {
            Terminal.out("no \(all ? "" : filter.statuses.map(\.rawValue).sorted().joined(separator: " or ") + " ")claims")
        } else {
            var table = Table(headers: ["CLAIM", "STATUS", "SCORE", "RATING", "ASSIGNEE", "QUOTE"])
            for row in rows {
                table.rows.append([
                    row.ref, row.status, row.score.map { String(format2: $0) } ?? "-", row.rating ?? "-",
                    row.assignee ?? "-", row.quote.truncated(to: 60),
                ])
            }
            Terminal.outLines(table.forEachLine)
        }
        try scan.finish()
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
