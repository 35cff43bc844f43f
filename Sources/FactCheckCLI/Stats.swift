import ArgumentParser
import FactCheckKit

/// `factcheck stats [PATH…]`: counts by status, rating and reviewer.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Count claims by status, rating and reviewer.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Files or folders to count (default: the workspace).")
    var paths: [String] = []

    struct Counts: Encodable {
        var documents = 0
        var claims = 0
        var byStatus: [String: Int] = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0.rawValue, 0) })
        var byRating: [String: Int] = Dictionary(uniqueKeysWithValues: Rating.allCases.map { ($0.rawValue, 0) })
        var byReviewer: [String: Int] = [:]
    }

    func run() throws {
        var counts = Counts()
        var scan = DocumentScan()
        let perDocument = scan.map(paths.isEmpty ? [workspace.path] : paths) { path throws(DocumentError) in
            var claims: [(Status, Rating?, String?)] = []
            try DocumentStream.read(path: path) { claims.append(($0.status, $0.verdict?.rating, $0.verdict?.reviewer)) }
            return claims
        }
        counts.documents = perDocument.count
        for claims in perDocument {
            for (status, rating, reviewer) in claims {
                counts.claims += 1
                counts.byStatus[status.rawValue, default: 0] += 1
                if let rating { counts.byRating[rating.rawValue, default: 0] += 1 }
                if let reviewer { counts.byReviewer[reviewer, default: 0] += 1 }
            }
        }
        if output.json {
            try JSONOutput.print(counts)
        } else {
            var lines = ["\(counts.claims) claims in \(counts.documents) \(counts.documents == 1 ? "document" : "documents")", ""]
            var status = Table(headers: ["STATUS", "CLAIMS"])
            status.rows = Status.allCases.map { [$0.rawValue, String(counts.byStatus[$0.rawValue] ?? 0)] }
            var rating = Table(headers: ["RATING", "CLAIMS"])
            rating.rows = Rating.allCases.map { [$0.rawValue, String(counts.byRating[$0.rawValue] ?? 0)] }
            var reviewer = Table(headers: ["REVIEWER", "VERDICTS"])
            reviewer.rows = counts.byReviewer.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [$0.key, String($0.value)] }
            lines += [status.render(), "", rating.render()]
            if !reviewer.rows.isEmpty { lines += ["", reviewer.render()] }
            Terminal.out(lines.joined(separator: "\n"))
        }
        try scan.finish()
    }
}
