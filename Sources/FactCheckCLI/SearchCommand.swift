import ArgumentParser
import FactCheckKit

/// `factcheck search QUERY`: full-text search over the workspace's claims, through its index.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search claims by their words: quotes, verdict summaries, notes and sources, best match first.",
        discussion: """
            QUERY is words (all must appear), "a phrase", prefix* or AND, OR and NOT between terms \
            (SQLite FTS5; words are stemmed). Ranked by bm25, a quote's words weighing most. Reads the \
            workspace index (.factcheck/index.sqlite), updating it for documents that changed; \
            --no-index reads every document instead.

            Examples:
              factcheck search "security council"
              factcheck search 'refer* AND icc' --status disputed
              factcheck search abstentions --json
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "What to search for.")
    var query: String

    @Option(name: .customLong("status"), help: "Only claims with this status; repeat for more (default: all).")
    var statuses: [Status] = []

    @Option(help: "Only claims assigned to this reviewer ('me': you).")
    var assignee: String?

    @Option(help: "Only claims with this verdict rating.")
    var rating: Rating?

    @Option(name: .customLong("doc"), help: "Only claims of this document id; repeat for more.")
    var documents: [String] = []

    @Option(help: "Show at most this many.")
    var limit = 20

    @Flag(help: "Read every document instead of the index.")
    var noIndex = false

    func run() throws {
        let root = workspace.path
        let index = (noIndex ? nil : WorkspaceIndex.open(workspace: root, version: FactCheck.version) {
            Terminal.error("factcheck: warning: \($0)")
        }) ?? WorkspaceIndex.inMemory(workspace: root)
        guard let index else { throw ExitCode(3) }
        let filter = ClaimFilter(
            statuses: statuses.isEmpty ? Set(Status.allCases) : Set(statuses),
            assignee: try assigneeFilter(assignee, workspace: root), rating: rating, documents: Set(documents))
        var hits: [WorkspaceIndex.Hit] = []
        do {
            try index.refresh { Terminal.report($0.diagnostics) }
            hits = try index.search(query, filter: filter)
        } catch {
            Terminal.error("factcheck: error: the index \(index.path): \(error.message)")
            throw ExitCode(3)
        }
        let shown = Array(hits.prefix(limit))
        if output.json {
            try JSONOutput.print(shown.map {
                SearchJSON(
                    ref: "\($0.row.document):\($0.row.claim)", status: $0.row.status.rawValue, rating: $0.row.rating?.rawValue,
                    assignee: $0.row.assignee, quote: $0.row.quote, path: $0.row.path)
            })
            return
        }
        let bold = Terminal.useColor(fileDescriptor: 1)
        var table = Table(headers: ["CLAIM", "STATUS", "RATING", "QUOTE"])
        for hit in shown {
            let quote = Self.excerpt(hit.highlighted, around: 70)
            let marked = bold
                ? quote.replacing("\u{1}", with: "\u{1B}[1m").replacing("\u{2}", with: "\u{1B}[0m")
                : quote.replacing("\u{1}", with: "").replacing("\u{2}", with: "")
            table.rows.append(["\(hit.row.document):\(hit.row.claim)", hit.row.status.rawValue, hit.row.rating?.rawValue ?? "-", marked])
        }
        let count = hits.count == shown.count
            ? "\(hits.count) claim\(hits.count == 1 ? "" : "s") found"
            : "\(shown.count) of \(hits.count) claims found (--limit shows more)"
        Terminal.out(shown.isEmpty ? "no claim matches \(query)" : table.render() + "\n" + count)
    }

    /// About `width` characters of `text`, from a little before its first match.
    static func excerpt(_ text: String, around width: Int) -> String {
        let characters = Array(text)
        let first = characters.firstIndex(of: "\u{1}") ?? 0
        let start = max(0, min(first - 15, characters.count - width))
        var end = min(characters.count, start + width)
        // The markers take no room on the screen.
        end = min(characters.count, end + characters[start..<end].filter { $0 == "\u{1}" || $0 == "\u{2}" }.count)
        var piece = String(characters[start..<end])
        if piece.filter({ $0 == "\u{1}" }).count > piece.filter({ $0 == "\u{2}" }).count { piece += "\u{2}" }
        return (start > 0 ? "…" : "") + piece + (end < characters.count ? "…" : "")
    }
}

struct SearchJSON: Encodable {
    var ref: String
    var status: String
    var rating: String?
    var assignee: String?
    var quote: String
    var path: String
}
