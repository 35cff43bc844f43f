import ArgumentParser
import FactCheckKit

/// The filters `list` takes, and `--where` in the commands that change many claims at once.
struct ClaimFilterOptions: ParsableArguments {
    @Option(name: .customLong("status"), help: "Only claims with this status; repeat for more (default: list's pending, search's every status).")
    var statuses: [Status] = []

    @Flag(help: "Claims of every status.")
    var all = false

    @Option(help: "Only claims assigned to this reviewer ('me': you).")
    var assignee: String?

    @Option(help: "Only claims with this verdict rating.")
    var rating: Rating?

    @Option(name: .customLong("doc"), help: "Only claims of this document id; repeat for more.")
    var documents: [String] = []

    @Flag(help: "Only claims with a verdict conflict left by a merge (any status unless --status is given).")
    var conflicts = false

    @Option(help: ArgumentHelp(
        "Only claims changed (created, assigned, marked, noted…) at or after this date or UTC time.",
        valueName: "YYYY-MM-DD[THH:MM:SSZ]"))
    var since: String?

    func validate() throws {
        if all && !statuses.isEmpty { throw ValidationError("--all and --status do not go together") }
        if let since, ClaimFilter.changedSince(since) == nil {
            throw ValidationError("--since '\(since)' must be a date such as 2026-12-01 or a UTC time such as 2026-12-01T09:30:00Z")
        }
    }

    /// The statuses asked for: every one with `--all` (or `--conflicts` alone), else `defaults`
    /// (list's: pending; search's: every status).
    func wantedStatuses(defaults: Set<Status> = [.pending]) -> Set<Status> {
        all || (conflicts && statuses.isEmpty) ? Set(Status.allCases) : statuses.isEmpty ? defaults : Set(statuses)
    }

    var wantedStatuses: Set<Status> { wantedStatuses() }

    /// Whether any filter narrows the claims to some of this desk's (beyond the default statuses).
    var narrowsToThisDesk: Bool {
        !statuses.isEmpty || all || assignee != nil || !documents.isEmpty || conflicts || since != nil
    }

    /// The filter, with `--assignee me` made the reviewer's name.
    func filter(workspace: String, defaults: Set<Status> = [.pending]) throws -> ClaimFilter {
        ClaimFilter(
            statuses: wantedStatuses(defaults: defaults), assignee: try assigneeFilter(assignee, workspace: workspace), rating: rating,
            documents: Set(documents), conflicts: conflicts, since: since.flatMap(ClaimFilter.changedSince))
    }

    /// "pending claims", "disputed or verified claims", "claims" (for every status); with
    /// "changed since DATE" when `--since` is given.
    var describedClaims: String {
        let statuses = wantedStatuses == Set(Status.allCases)
            ? "claims" : wantedStatuses.map(\.rawValue).sorted().joined(separator: " or ") + " claims"
        return statuses + (since.map { " changed since \($0)" } ?? "")
    }
}

/// `--where "FILTERS"`: the claims `list FILTERS` would show, for a command to change them all.
struct ClaimSelection {
    let options: ClaimFilterOptions

    /// Reads `text` as list's filters, split into words as a shell would (quotes and backslashes).
    init(_ text: String) throws {
        let words: [String]
        do {
            words = try ShellWords.split(text)
        } catch {
            throw ValidationError("--where \(text): \(error)")
        }
        guard !words.isEmpty else { throw ValidationError("--where needs list's filters, e.g. --where \"--status pending --doc nk-icc\"") }
        do {
            options = try ClaimFilterOptions.parse(words)
        } catch {
            throw ValidationError("--where \(text): \(ClaimFilterOptions.message(for: error))")
        }
    }

    /// The selected claims, in listing order, from the workspace's index (brought up to date
    /// first), or from the documents when there is no index to use. Documents that fail to read
    /// are reported; their claims are not selected.
    func claims(workspace: String) throws -> [ClaimReference] {
        let filter = try options.filter(workspace: workspace)
        let opened = WorkspaceIndex.open(workspace: workspace, version: FactCheck.version) { Terminal.error("factcheck: warning: \($0)") }
        guard let index = opened ?? WorkspaceIndex.inMemory(workspace: workspace) else { throw ExitCode(3) }
        var references: [ClaimReference] = []
        do {
            try index.reading(onFailure: { Terminal.report($0.diagnostics) }) {} _: { _, _ in
                try index.rows(filter, quoteLimit: 1, paths: false) {
                    references.append(ClaimReference(document: $0.document, claim: "c\($0.number)"))
                }
            }
        } catch {
            Terminal.error("factcheck: error: the index \(index.path): \(error)")
            throw ExitCode(3)
        }
        return references
    }
}

/// Splits a line into words as a POSIX shell does, without expanding anything: blanks separate
/// words, single quotes keep everything, double quotes keep all but `\"` and `\\`, a backslash
/// outside quotes keeps the next character.
enum ShellWords {
    struct Unclosed: Error, CustomStringConvertible {
        let quote: Character
        var description: String { "a \(quote == "'" ? "single" : "double") quote is not closed" }
    }

    static func split(_ line: String) throws(Unclosed) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "'":
                inWord = true
                var closed = false
                while let next = characters.next() {
                    if next == "'" { closed = true; break }
                    word.append(next)
                }
                if !closed { throw Unclosed(quote: "'") }
            case "\"":
                inWord = true
                var closed = false
                while let next = characters.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\", let escaped = characters.next() {
                        if escaped != "\"" && escaped != "\\" { word.append(next) }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
                if !closed { throw Unclosed(quote: "\"") }
            case "\\":
                inWord = true
                if let next = characters.next() { word.append(next) }
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
