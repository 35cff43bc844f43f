import ArgumentParser
import FactCheckKit

/// What every command that changes one claim shares: the workspace, the reviewer, the claim, `--dry-run`.
struct ClaimChangeOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var reviewer: ReviewerOptions

    @Argument(help: "The claim, as DOC:CLAIM (e.g. nk-icc:c3).", completion: ClaimCompletion.kind, transform: claimArgument)
    var claim: ClaimReference

    @Flag(help: "Show what would change, and write nothing.")
    var dryRun = false

    /// Applies `change` and prints what happened.
    func apply(_ change: (String) throws -> ClaimChange) throws {
        let actor = try reviewer.resolve(workspace: workspace.path)
        try ChangeReport.apply(try change(actor), to: [claim], workspace: workspace.path, by: actor, dryRun: dryRun)
    }
}

/// What the commands that change many claims at once share: the workspace, the reviewer, the
/// claims (named, or `--where` with list's filters) and `--dry-run`.
struct BatchChangeOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var reviewer: ReviewerOptions

    @Option(
        name: .customLong("where"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Every claim list would show with these filters, instead of claims named one by one.",
            discussion: "E.g. --where \"--doc nk-icc --rating misleading\" or --where \"--assignee 'Sam Example'\".",
            valueName: "list-filters"))
    var selection: String?

    @Flag(help: "Show what would change, and write nothing.")
    var dryRun = false

    /// The claims to change: `named`, or those `--where` selects.
    func claims(_ named: [ClaimReference]) throws -> [ClaimReference] {
        switch (named.isEmpty, selection) {
        case (true, nil): throw ValidationError("name the claims as DOC:CLAIM (e.g. nk-icc:c3), or choose them with --where")
        case (false, .some): throw ValidationError("claims named and --where do not go together: use one or the other")
        case (false, nil): return named
        case (true, let text?):
            let selection = try ClaimSelection(text)
            let found = try selection.claims(workspace: workspace.path)
            if found.isEmpty { Terminal.error("factcheck: no \(selection.options.describedClaims) match --where \(text); nothing changed") }
            return found
        }
    }

    /// Applies `change` to each claim and prints what happened to each; a claim refused leaves
    /// the others changed and makes the exit 1.
    func apply(to named: [ClaimReference], _ change: (String) throws -> ClaimChange) throws {
        let actor = try reviewer.resolve(workspace: workspace.path)
        let change = try change(actor)
        let claims = try claims(named)
        guard !claims.isEmpty else { return }
        try ChangeReport.apply(change, to: claims, workspace: workspace.path, by: actor, dryRun: dryRun)
    }
}

/// The claims a batch command names one by one (none with `--where`).
struct NamedClaims: ParsableArguments {
    @Argument(help: "The claims, as DOC:CLAIM (e.g. nk-icc:c3).", completion: ClaimCompletion.kind, transform: claimArgument)
    var claims: [ClaimReference] = []
}

/// How changes to claims are told: a line per claim changed, diagnostics for each refused.
enum ChangeReport {
    /// "nk-icc:c3: pending → in-review (assign by Ana, to Sam)".
    static func line(_ claim: ClaimReference, _ outcome: ReviewStore.Outcome) -> String {
        var line = "\(claim): "
        line += outcome.from == outcome.claim.status
            ? outcome.claim.status.rawValue
            : "\(outcome.from.rawValue) → \(outcome.claim.status.rawValue)"
        if let event = outcome.claim.history.last {
            let assignee = outcome.claim.assignee.flatMap { event.action == .assign && $0 != event.actor ? ", to \($0)" : nil }
            line += " (\(event.action.rawValue) by \(event.actor)\(assignee ?? ""))"
        }
        return line
    }

    /// Applies `change` to every claim, a document at a time under its lock, and reports each:
    /// exit 1 if any was refused, 3 if a document could not be read or written. A write in place
    /// whose folder could not be flushed is a warning, exit 0 (see `reportingFailures`).
    static func apply(_ change: ClaimChange, to claims: [ClaimReference], workspace: String, by actor: String, dryRun: Bool) throws {
        let (results, notFlushed) = ReviewStore.recordEach(change, to: claims, in: Workspace(root: workspace), by: actor, dryRun: dryRun)
        var changed = 0, refused = 0, unreadable = false
        // A document that cannot be read or written fails each of its claims with the same error: told once.
        var told = Set<[Diagnostic]>()
        for result in results {
            switch result.outcome {
            case .success(let outcome):
                changed += 1
                Terminal.out((dryRun ? "would change " : "") + line(result.reference, outcome))
            case .failure(let error):
                refused += 1
                if case .unreadable = error { unreadable = true }
                let diagnostics = error.diagnostics.isEmpty
                    ? [Diagnostic(file: result.reference.document, message: "\(result.reference) was not changed")] : error.diagnostics
                if told.insert(diagnostics).inserted { Terminal.report(diagnostics) }
            }
        }
        Terminal.report(notFlushed)
        if results.count > 1 || dryRun {
            let claims = { (count: Int) in "\(DecimalFormat.grouped(count)) claim\(count == 1 ? "" : "s")" }
            var summary = dryRun ? "dry run: \(claims(changed)) would change" : "\(claims(changed)) changed"
            if refused > 0 { summary += ", \(DecimalFormat.grouped(refused)) refused" }
            Terminal.out(summary + (dryRun ? "; nothing was written" : ""))
        }
        if unreadable { throw ExitCode(3) }
        if refused > 0 { throw ExitCode(1) }
    }
}

/// `factcheck assign DOC:CLAIM…`
struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Take pending claims for review (\(transition(.assign))).",
        discussion: examples(
            "assign nk-icc:c12", "assign nk-icc:c12 nk-icc:c13 --to \"Sam Example\"",
            "assign --where \"--status pending --doc nk-icc\" --dry-run"))

    @OptionGroup var options: BatchChangeOptions

    @OptionGroup var named: NamedClaims

    @Option(help: "Assign the claims to this reviewer instead of yourself.")
    var to: String?

    func run() throws {
        try options.apply(to: named.claims) { actor in .assign(assignee: to ?? actor) }
    }
}

/// `factcheck unassign DOC:CLAIM…`
struct Unassign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unassign", abstract: "Give claims back (\(transition(.unassign))).",
        discussion: examples(
            "unassign nk-icc:c12", "unassign nk-icc:c12 --by \"Sam Example\"",
            "unassign --where \"--status in-review --assignee me\""))

    @OptionGroup var options: BatchChangeOptions

    @OptionGroup var named: NamedClaims

    func run() throws {
        try options.apply(to: named.claims) { _ in .unassign }
    }
}

/// `factcheck mark DOC:CLAIM… verified|disputed|unverifiable`: the statuses come from `Workflow.table`.
struct Mark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Record a verdict: \(words(MarkTarget.allValueStrings)).",
        discussion: """
            \(Status.markable.filter(\.hasVerdict).map { "\($0.rawValue) takes --rating \(words($0.ratings.map(\.rawValue)))" }
                .joined(separator: ", ")); both need at least one source (given here or cited before). \
            \(words(Status.markable.filter { !$0.hasVerdict }.map(\.rawValue))) needs a --note saying why. \
            The note is the verdict's summary.
            """
            + "\n\n"
            + examples(
                "source add nk-icc:c12 https://example.org/record",
                "mark nk-icc:c12 disputed --rating misleading --note \"It was 111.\"",
                "mark nk-icc:c13 unverifiable --note \"About motive, not fact.\"",
                "mark nk-icc:c12 nk-icc:c13 unverifiable --note \"Opinion.\" --dry-run"))

    @OptionGroup var options: BatchChangeOptions

    @Argument(
        help: ArgumentHelp(
            "The claims, as DOC:CLAIM (none with --where), and their new status: \(words(MarkTarget.allValueStrings)).",
            valueName: "DOC:CLAIM… STATUS"),
        completion: .custom { line, index, prefix in
            MarkTarget.allValueStrings.filter { $0.hasPrefix(prefix) } + ClaimCompletion.references(line, index, prefix)
        })
    var arguments: [String] = []

    @Option(help: "The verdict's rating.")
    var rating: Rating?

    @Option(name: .customLong("source"), help: "A source url (http or https); repeat for more.")
    var sources: [String] = []

    @Option(help: ArgumentHelp("How sources bear on the claim (default: \(Mark.defaultRelations))."))
    var relation: Relation?

    @Option(help: "The verdict's summary, or why the claim cannot be verified.")
    var note: String?

    /// "supports when verified, refutes when disputed, context when unverifiable".
    static var defaultRelations: String {
        Status.markable.map { "\($0.defaultSourceRelation.rawValue) when \($0.rawValue)" }.joined(separator: ", ")
    }

    /// The status among the words, and the claims: the status may come before or after them.
    func parsedWords() throws -> (status: Status, claims: [ClaimReference]) {
        var status: Status?
        var claims: [ClaimReference] = []
        for word in arguments {
            if let target = MarkTarget(argument: word) {
                guard status == nil || status == target.status else {
                    throw ValidationError("two statuses, \(status!.rawValue) and \(word): a mark gives its claims one")
                }
                status = target.status
            } else if word.contains(":") || ClaimReference.isClaimID(Substring(word)) {
                claims.append(try claimArgument(word))
            } else if let other = Status(rawValue: word) {
                throw ValidationError("mark leads to \(words(MarkTarget.allValueStrings)), not \(other.rawValue)")
            } else {
                let hint = EditDistance.nearest(to: word, in: MarkTarget.allValueStrings).map { "; did you mean '\($0)'?" } ?? ""
                throw ValidationError("'\(word)' is neither a claim (DOC:CLAIM) nor a status mark takes (\(words(MarkTarget.allValueStrings)))\(hint)")
            }
        }
        guard let status else {
            throw ValidationError("mark needs the new status: \(words(MarkTarget.allValueStrings))")
        }
        return (status, claims)
    }

    func validate() throws {
        _ = try parsedWords()
    }

    func run() throws {
        let (status, claims) = try parsedWords()
        let urls = try sources.map(checkedSourceURL)
        let today = UTCClock.today()
        let relation = relation ?? status.defaultSourceRelation
        try options.apply(to: claims) { _ in
            .mark(status, rating: rating, sources: urls.map { Source(url: $0, relation: relation, accessed: today) }, note: note)
        }
    }
}

/// Where `step` leads, from the workflow table: "verified, disputed, unverifiable, dismissed → in-review".
private func transition(_ step: Workflow.Step) -> String {
    Workflow.table.filter { $0.step == step }.map { entry in
        Status.allCases.filter(entry.from.contains).map(\.rawValue).joined(separator: ", ") + " → " + entry.to.rawValue
    }.joined(separator: "; ")
}

/// A status `mark` can lead to, as the command line gives it; help and completion list only those.
struct MarkTarget: ExpressibleByArgument {
    let status: Status

    init?(argument: String) {
        guard let status = Status(rawValue: argument), Status.markable.contains(status) else { return nil }
        self.status = status
    }

    static var allValueStrings: [String] { Status.markable.map(\.rawValue) }

    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// `factcheck dismiss DOC:CLAIM… --note TEXT`
struct Dismiss: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dismiss",
        abstract: "Set aside pending claims: not a factual claim, a duplicate, … (\(transition(.dismiss))).",
        discussion: examples(
            "dismiss nk-icc:c12 --note \"A forecast, not a statement of fact.\"",
            "dismiss nk-icc:c13 --note \"The same claim as nk-icc:c1.\"",
            "dismiss --where \"--status pending\" --note \"Opinion.\" --dry-run"))

    @OptionGroup var options: BatchChangeOptions

    @OptionGroup var named: NamedClaims

    @Option(help: "Why the claim is dismissed.")
    var note: String

    func run() throws {
        try options.apply(to: named.claims) { _ in .dismiss(note: note) }
    }
}

/// `factcheck reopen DOC:CLAIM… --note TEXT`
struct Reopen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Reopen finished claims for review (\(transition(.reopen))).",
        discussion: examples(
            "reopen nk-icc:c3 --note \"New figures were published.\"",
            "reopen nk-icc:c3 --note \"A second look.\" --to \"Sam Example\"",
            "reopen --where \"--status verified\" --note \"New data.\" --dry-run"))

    @OptionGroup var options: BatchChangeOptions

    @OptionGroup var named: NamedClaims

    @Option(help: "Why the claim is reopened.")
    var note: String

    @Option(help: "Give the reopened claim to this reviewer (default: it stays with its assignee).")
    var to: String?

    func run() throws {
        try options.apply(to: named.claims) { _ in .reopen(note: note, assignee: to) }
    }
}

/// `factcheck note DOC:CLAIM TEXT`
struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to a claim.",
        discussion: examples(
            "note nk-icc:c12 \"Asked the ministry for the vote count.\"", "note nk-icc:c12 \"Checked.\" --by \"Sam Example\""))

    @OptionGroup var options: ClaimChangeOptions

    @Argument(help: "The note's text.")
    var text: String

    func run() throws {
        try options.apply { _ in .note(text) }
    }
}

/// `factcheck source add DOC:CLAIM URL`
struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source", abstract: "Manage a claim's sources.",
        discussion: examples(
            "source add nk-icc:c12 https://example.org/record --title \"Votes\"",
            "source remove nk-icc:c12 https://example.org/record"),
        subcommands: [Add.self, Remove.self])

    /// `factcheck source remove DOC:CLAIM URL`
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Stop citing a source (recorded in the claim's history).",
            discussion: examples(
                "source remove nk-icc:c12 https://example.org/record",
                "source remove nk-icc:c3 https://example.org/old"))

        @OptionGroup var options: ClaimChangeOptions

        @Argument(help: "The url of the source to remove, as cited.")
        var url: String

        func run() throws {
            try options.apply { _ in .removeSource(url: url) }
        }
    }

    /// `factcheck source add DOC:CLAIM URL [--title --publisher --excerpt --relation --archived]`
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Cite a source for a claim.",
            discussion: examples(
                "source add nk-icc:c12 https://example.org/record",
                "source add nk-icc:c12 https://example.org/vote --relation refutes"))

        @OptionGroup var options: ClaimChangeOptions

        @Argument(help: "The source's url (http or https).")
        var url: String

        @Option(help: "The source's title.")
        var title: String?

        @Option(help: "Who published it.")
        var publisher: String?

        @Option(help: "A short passage from it.")
        var excerpt: String?

        @Option(help: "supports, refutes or context.")
        var relation: Relation = .context

        @Option(help: "The url of an archived copy (http or https).")
        var archived: String?

        func run() throws {
            let source = Source(
                url: try checkedSourceURL(url), relation: relation, accessed: UTCClock.today(),
                title: title, publisher: publisher, archived: try archived.map(checkedSourceURL), excerpt: excerpt)
            try options.apply { _ in .addSource(source) }
        }
    }
}

/// `factcheck resolve DOC:CLAIM --take ours|theirs`
struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle a verdict conflict a merge left on a claim by taking one side's outcome.",
        discussion: examples(
            "resolve nk-icc:c15 --take ours", "resolve nk-icc:c15 --take theirs",
            after: "`list --conflicts` shows conflicted claims and `show` both outcomes. A new `mark` also settles a conflict."))

    @OptionGroup var options: ClaimChangeOptions

    @Option(help: "The side whose outcome stands: ours (the branch merged into) or theirs.")
    var take: ClaimChange.Side

    func run() throws {
        try options.apply { _ in .resolve(take) }
    }
}

extension ClaimChange.Side: ExpressibleByArgument {}
