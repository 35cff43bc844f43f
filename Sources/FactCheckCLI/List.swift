import ArgumentParser
import FactCheckKit

/// `factcheck list [PATH…]`: claims across the workspace, best check-worthiness first.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List claims across the workspace (default: pending ones), best check-worthiness first.",
        discussion: examples(
            "list", "list --status disputed --rating misleading", "list --all --assignee me --json ref,quote",
            "list --all --since 2024-11-01 --sort time --limit 5", after: JSONShape.claimRow.help))

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Files or folders to list (default: the workspace).")
    var paths: [String] = []

    @OptionGroup var filters: ClaimFilterOptions

    @Option(help: ArgumentHelp(
        "The order: score (best check-worthiness first), time (last changed first), doc (each document's claims in order), status (the workflow's order).",
        valueName: "order"))
    var sort: ListingOrder = .score

    @Option(help: "Show only the first N claims.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    /// How many claims are shown of `count`.
    private func shown(of count: Int) -> Int { min(count, limit ?? .max) }

    @Flag(help: "Read every document instead of the workspace index (.factcheck/index.sqlite).")
    var noIndex = false

    func run() throws {
        let filter = try filters.filter(workspace: workspace.path)
        if paths.isEmpty && !noIndex, try listIndexed(filter) { return }
        // The table shows the start of each quote: only that much is kept.
        // The workers cut each quote to the most a line can show; the table cuts it again to what
        // the other columns leave, once their widths are known.
        let query = ClaimQuery(
            filter: filter, quoteLimit: output.json ? nil : Screen.columns ?? Self.quoteWidth, temporaryFolder: temporaryFolder(),
            order: sort)
        let progress = ProgressLine("documents", enabled: !output.json)
        var scan = WorkspaceScan(counter: progress.counter)
        // The table's column widths are measured by the workers as they go: the table is then
        // written in one pass over the sorted rows.
        let measure: @Sendable (ClaimRow, inout [Int]) -> Void = { row, widths in
            for (column, cell) in Self.cells(of: row).enumerated() {
                widths[column] = max(widths[column], cell.displayWidth)
            }
        }
        let found = query.run(
            paths.isEmpty ? [workspace.path] : paths, scan: &scan, initialWidths: Self.headers.map(\.displayWidth),
            widen: output.json ? nil : measure, onFailure: { Terminal.report($0.diagnostics) })
        progress.stop()
        try emit(found.rows, widths: found.widths, checked: scan.checked, filter: filter)
        try scan.exitIfAnyFailed()
    }

    /// The workspace's claims from its index, brought up to date first; false when there is no
    /// index to use (the documents are then read cold).
    private func listIndexed(_ filter: ClaimFilter) throws -> Bool {
        guard let index = WorkspaceIndex.open(workspace: workspace.path, version: FactCheck.version, warn: {
            Terminal.error("factcheck: warning: \($0)")
        }) else { return false }
        let progress = ProgressLine("documents", enabled: !output.json)
        index.counter = progress.counter
        defer { progress.stop() }
        // The rows come sorted from the index and go straight out: the columns are measured first.
        var refresh = WorkspaceIndex.Refresh()
        var failure: (any Error)?
        do {
            try index.reading(onFailure: { Terminal.report($0.diagnostics) }, measure: { try index.measures(filter) }) {
                (report: WorkspaceIndex.Refresh, measures: WorkspaceIndex.ListingMeasures) in
                progress.stop()
                refresh = report
                if output.json {
                    do {
                        try JSONOutput.printArray(count: shown(of: measures.count)) { (next: (ClaimRowJSON) -> Void) in
                            do {
                                try index.rows(filter, order: sort, limit: limit ?? .max, quoteLimit: nil) { next(ClaimRowJSON($0)) }
                            } catch {
                                failure = error
                            }
                        }
                    } catch {
                        failure = error
                    }
                } else if report.documents == 0 {
                    Terminal.out("no annotation documents (*.factcheck.xml) in \(workspace.path); add one with: factcheck import ARTICLE")
                } else if measures.count == 0 {
                    Terminal.out("no \(filters.describedClaims)")
                    warnOfUnknownAssignee(filter.assignee, workspace: workspace.path)
                } else {
                    // "-" for none is narrower than every header.
                    let assignee = measures.assignees.map(\.displayWidth).max() ?? 0
                    let widths = zip(
                        Self.headers.map(\.displayWidth), [measures.ref, measures.status, measures.score, measures.rating, assignee, 0]
                    ).map { max($0, $1) }
                    let quoteWidth = Screen.lastColumnWidth(after: widths.dropLast(), fallback: Self.quoteWidth)
                    // Rows are read on this thread while another makes and writes the lines.
                    let layout = Table.Layout(widths: widths)
                    Terminal.out(layout.line(Self.headers))
                    pipelined({ (next: (ClaimRow) -> Void) in
                        do {
                            try index.rows(filter, order: sort, limit: limit ?? .max, quoteLimit: quoteWidth, paths: false, next)
                        } catch {
                            failure = error
                        }
                    }, consume: { rows in
                        var chunk = ""
                        for row in rows {
                            chunk += layout.line(Self.cells(of: row))
                            chunk += "\n"
                        }
                        Terminal.outText(chunk)
                    })
                    Terminal.out(total(measures.count))
                }
            }
        } catch {
            Terminal.error("factcheck: warning: the index cannot be read (\(error)); reading the documents")
            return false
        }
        if let failure {
            Terminal.error("factcheck: error: the index \(index.path): \(failure)")
            throw ExitCode(3)
        }
        if refresh.unreadable > 0 { throw ExitCode(3) }
        if refresh.invalid > 0 { throw ExitCode(1) }
        return true
    }

    private func emit(_ rows: RowSpill, widths: [Int], checked: Int, filter: ClaimFilter) throws {
        do {
            if output.json {
                var failure: SpillError?
                try JSONOutput.printArray(count: shown(of: rows.count)) { (next: (ClaimRowJSON) -> Void) in
                    do throws(SpillError) {
                        try rows.forEachSorted(limit: limit ?? .max) { next(ClaimRowJSON($0)) }
                    } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
            } else if checked == 0 {
                let place = paths.isEmpty ? workspace.path : paths.joined(separator: ", ")
                Terminal.out("no annotation documents (*.factcheck.xml) in \(place); add one with: factcheck import ARTICLE")
            } else if rows.count == 0 {
                Terminal.out("no \(filters.describedClaims)")
                warnOfUnknownAssignee(filter.assignee, workspace: workspace.path)
            } else {
                try Self.printTable(rows, widths: widths, limit: limit ?? .max)
                Terminal.out(total(rows.count))
            }
        } catch let error as SpillError {
            Terminal.error("factcheck: error: \(error.message)")
            throw ExitCode(3)
        }
    }

    static let headers = ["CLAIM", "STATUS", "SCORE", "RATING", "ASSIGNEE", "QUOTE"]

    static func cells(of row: ClaimRow) -> [String] {
        [
            "\(row.document):c\(row.number)", row.status.rawValue, row.score.map(DecimalFormat.twoPlaces) ?? "-",
            row.rating?.rawValue ?? "-", row.assignee ?? "-", row.quote,
        ]
    }

    /// The table, written in one pass over the sorted rows (never all held) with the column widths
    /// measured while they were gathered.
    private static func printTable(_ rows: RowSpill, widths: [Int], limit: Int) throws(SpillError) {
        var failure: SpillError?
        let quoteWidth = Screen.lastColumnWidth(after: widths.dropLast(), fallback: Self.quoteWidth)
        let table = Table(headers: headers, widths: widths) { (cells: ([String]) -> Void) in
            do throws(SpillError) {
                try rows.forEachSorted(limit: limit) { row in
                    var row = row
                    if Screen.columns != nil { row.quote = row.quote.truncated(to: quoteWidth) }
                    cells(Self.cells(of: row))
                }
            } catch {
                failure = error
            }
        }
        Terminal.outLines(table.forEachLine)
        if let failure { throw failure }
    }

    /// The line under a table: how many claims it shows ("3 claims"), of how many with `--limit`
    /// ("5 of 3,001 claims (--limit 5)").
    private func total(_ count: Int) -> String {
        let all = "\(DecimalFormat.grouped(count)) claim\(count == 1 ? "" : "s")"
        let shown = shown(of: count)
        return shown < count ? "\(DecimalFormat.grouped(shown)) of \(all) (--limit \(shown))" : all
    }

    /// The columns of each quote a table shows when the screen's width is not known (a pipe, a
    /// file); on a terminal, the quote takes what the other columns leave.
    static let quoteWidth = 60
}
