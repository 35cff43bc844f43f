import ArgumentParser
import FactCheckKit

/// `factcheck extract DOC`: propose claims again, never duplicating one.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Propose claims for a document again; sentences that already hold a claim are skipped.",
        discussion: examples("extract nk-icc --dry-run --explain", "extract nk-icc --threshold 0.4"))

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The document id.", completion: ClaimCompletion.documentKind)
    var document: String

    @Option(help: "The check-worthiness a sentence needs to become a claim (0-1).")
    var threshold: Double = ClaimExtractor.defaultThreshold

    @Flag(help: "Print every sentence's score and the features that produced it.")
    var explain = false

    @Flag(help: "Show what would be proposed without writing anything.")
    var dryRun = false

    func validate() throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func run() throws {
        try reportingFailures {
            let result = try ClaimCreation.extract(
                from: document, in: Workspace(root: workspace.path), threshold: threshold, dryRun: dryRun)
            if explain {
                for proposal in result.proposals {
                    let sentence = proposal.sentence
                    let holder = result.document.claims.first { $0.anchor.start < sentence.end && sentence.start < $0.anchor.end }
                    let mark = holder.map { result.added.contains($0) ? "+ \($0.id)" : "= \($0.id)" } ?? "  -"
                    Terminal.out("\(mark.padding(to: 6)) \(DecimalFormat.twoPlaces(proposal.score.value))  \(sentence.text.truncated(to: 90))")
                    let features = proposal.score.features.map { "\($0.name) \($0.weight >= 0 ? "+" : "")\(DecimalFormat.twoPlaces($0.weight))" }
                    Terminal.out("         \(features.joined(separator: ", "))")
                }
                Terminal.out("")
            }
            let verb = dryRun ? "would add" : "added"
            Terminal.out("\(result.path): \(verb) \(result.added.count) \(result.added.count == 1 ? "claim" : "claims") (threshold \(threshold))")
            ClaimsTable.print(result.added, document: document)
            if result.added.count == ClaimExtractor.proposalLimit {
                Terminal.out("(at most \(ClaimExtractor.proposalLimit) claims are proposed at once, the best first; run extract again for more)")
            }
        }
    }
}

/// `factcheck add DOC --quote TEXT`: a claim by hand.
struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a claim by hand, anchored where its quote is found.",
        discussion: examples(
            "add nk-icc --quote \"111 countries voted in favour\"",
            "add nk-icc --quote \"Kim Jong Un\" --occurrence 2 --topic icc",
            "add nk-icc --quote \"111 leaders\" --dry-run"))

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var reviewer: ReviewerOptions

    @Argument(help: "The document id.", completion: ClaimCompletion.documentKind)
    var document: String

    @Option(help: "The claim's exact words, as they stand in the article.")
    var quote: String

    @Option(help: "Which occurrence of the quote, when it appears more than once (1 is the first).")
    var occurrence: Int?

    @Option(help: "Who made the claim.")
    var claimant: String?

    @Option(name: .customLong("topic"), help: "A topic tag (lower-case, e.g. north-korea); repeat for more.")
    var topics: [String] = []

    @Flag(help: "Show the claim that would be added, and write nothing.")
    var dryRun = false

    func run() throws {
        let actor = try reviewer.resolve(workspace: workspace.path)
        try reportingFailures {
            let (path, claim) = try ClaimCreation.add(
                quote: quote, occurrence: occurrence, claimant: claimant, topics: topics, to: document,
                in: Workspace(root: workspace.path), by: actor, dryRun: dryRun)
            Terminal.out("\(path): \(dryRun ? "would add" : "added") \(document):\(claim.id) at \(claim.anchor.start)-\(claim.anchor.end): “\(claim.anchor.exact.truncated(to: 70))”")
            if dryRun { Terminal.out("dry run: nothing was written") }
        }
    }
}
