import ArgumentParser
import FactCheckKit

/// `factcheck stats [PATH…]`: counts by status, rating and reviewer.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Count claims by status, rating and reviewer.",
        discussion: examples("stats", "stats --json byStatus", "stats archive-2025/", after: JSONShape.stats.help))

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Files or folders to count (default: the workspace).")
    var paths: [String] = []

    func run() throws {
        let progress = ProgressLine("documents", enabled: !output.json)
        var scan = WorkspaceScan(counter: progress.counter)
        let counts = ClaimCounts.count(
            paths.isEmpty ? [workspace.path] : paths, scan: &scan, onFailure: { Terminal.report($0.diagnostics) })
        progress.stop()
        if output.json {
            try JSONOutput.print(StatsJSON(counts))
        } else {
            var lines = ["\(counts.claims) claims in \(counts.documents) \(counts.documents == 1 ? "document" : "documents")", ""]
            var status = Table(headers: ["STATUS", "CLAIMS"])
            status.rows = Status.allCases.map { [$0.rawValue, String(counts.byStatus[$0] ?? 0)] }
            var rating = Table(headers: ["RATING", "CLAIMS"])
            rating.rows = Rating.allCases.map { [$0.rawValue, String(counts.byRating[$0] ?? 0)] }
            var reviewer = Table(headers: ["REVIEWER", "VERDICTS"])
            reviewer.rows = counts.byReviewer.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [$0.key, String($0.value)] }
            lines += [status.render(), "", rating.render()]
            if !reviewer.rows.isEmpty { lines += ["", reviewer.render()] }
            Terminal.out(lines.joined(separator: "\n"))
        }
        try scan.exitIfAnyFailed()
    }
}
