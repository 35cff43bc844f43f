import ArgumentParser
import FactCheckKit

/// `factcheck search QUERY`: full-text search over the workspace's claims, through its index.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search claims by their words: quotes, verdict summaries, notes and sources, best match first.",
        discussion: """
            QUERY is words (all must appear), "a phrase", prefix* or AND, OR and NOT between terms \
            (SQLite FTS5; words are stemmed). Ranked by bm25, a quote's words weighing most. Checks \
            other desks published (import-claimreview) are searched too, and listed after the \
            workspace's claims, unless a filter narrows the search to this desk's claims (--status, --all, \
            --assignee, --doc, --conflicts, --since). Reads the \
            workspace index (.factcheck/index.sqlite), updating it for documents that changed; \
            --no-index reads every document instead.

            \(JSONShape.search.help)

            Examples:
              factcheck search "security council"
              factcheck search 'refer* AND icc' --status disputed
              factcheck search abstentions --json
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "What to search for.")
    var query: String

    @OptionGroup var filters: ClaimFilterOptions

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
        let progress = ProgressLine("documents", enabled: !output.json)
        index.counter = progress.counter
        defer { progress.stop() }
        let filter = try filters.filter(workspace: root, defaults: Set(Status.allCases))
        var hits: (hits: [WorkspaceIndex.Hit], total: Int) = ([], 0)
        var archived: (hits: [WorkspaceIndex.ArchiveHit], total: Int) = ([], 0)
        // The archive's checks have no status, assignee, document or history of this desk's.
        let archiveToo = !filters.narrowsToThisDesk
        do {
            // Searched while the folders are walked; again only if something needed reading.
            try index.prepareText()
            try index.reading(onFailure: { Terminal.report($0.diagnostics) }) {
                (try index.search(query, filter: filter, limit: limit),
                 archiveToo ? try index.searchArchive(query, rating: filters.rating, limit: limit) : ([], 0))
            } _: { _, found in
                (hits, archived) = found
            }
        } catch {
            Terminal.error("factcheck: error: the index \(index.path): \(error)")
            throw ExitCode(3)
        }
        let shown = hits.hits
        let shownArchived = archived.hits
        if output.json {
            try JSONOutput.print(shown.map {
                SearchJSON(
                    ref: "\($0.row.document):\($0.row.claim)", status: $0.row.status.rawValue, rating: $0.row.rating?.rawValue,
                    assignee: $0.row.assignee, quote: $0.row.quote, path: $0.row.path, publisher: nil)
            } + shownArchived.map {
                SearchJSON(
                    ref: $0.check.url, status: nil, rating: $0.check.rating?.rawValue, assignee: nil, quote: $0.check.claim, path: nil,
                    publisher: $0.check.publisher)
            })
            return
        }
        let bold = Terminal.useColor(fileDescriptor: 1)
        func marked(_ text: String) -> String {
            let quote = Self.excerpt(text, around: 70)
            return bold
                ? quote.replacing("\u{1}", with: "\u{1B}[1m").replacing("\u{2}", with: "\u{1B}[0m")
                : quote.replacing("\u{1}", with: "").replacing("\u{2}", with: "")
        }
        var sections: [String] = []
        if !shown.isEmpty {
            var table = Table(headers: ["CLAIM", "STATUS", "RATING", "QUOTE"])
            for hit in shown {
                table.rows.append([
                    "\(hit.row.document):\(hit.row.claim)", hit.row.status.rawValue, hit.row.rating?.rawValue ?? "-",
                    marked(hit.highlighted),
                ])
            }
            sections.append(table.render() + "\n" + Self.count(shown.count, of: hits.total, "claim"))
        }
        if !shownArchived.isEmpty {
            var table = Table(headers: ["CHECKED BY", "RATING", "CLAIM", "REVIEW"])
            for hit in shownArchived {
                table.rows.append([hit.check.publisher, hit.check.rating?.rawValue ?? "-", marked(hit.highlighted), hit.check.url])
            }
            sections.append(table.render() + "\n" + Self.count(shownArchived.count, of: archived.total, "archived check"))
        }
        Terminal.out(sections.isEmpty ? "no claim matches \(query)" : sections.joined(separator: "\n\n"))
        if shown.isEmpty { warnOfUnknownAssignee(filter.assignee, workspace: root) }
    }

    static func count(_ shown: Int, of found: Int, _ noun: String) -> String {
        shown == found
            ? "\(found) \(noun)\(found == 1 ? "" : "s") found"
            : "\(shown) of \(found) \(noun)s found (--limit shows more)"
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

/// A search result: a claim of the workspace (with its status and path), or an archived check
/// (its review's url as `ref`, with its publisher).
struct SearchJSON: Encodable {
    var ref: String
    var status: String?
    var rating: String?
    var assignee: String?
    var quote: String
    var path: String?
    var publisher: String?
}
