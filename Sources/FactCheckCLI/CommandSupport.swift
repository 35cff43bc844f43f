import ArgumentParser
import FactCheckKit
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A `DOC:CLAIM` argument, refused with what is wrong with it (`show c3`: it names no document).
func claimArgument(_ text: String) throws -> ClaimReference {
    guard let reference = ClaimReference(text) else {
        throw ValidationError(ClaimReference.problem(with: text) ?? "'\(text)' is not a claim")
    }
    return reference
}

extension Status: ExpressibleByArgument {}
extension Rating: ExpressibleByArgument {}
extension Relation: ExpressibleByArgument {}
extension ListingOrder: ExpressibleByArgument {}

/// Who makes a change: `--by NAME`, else `$FACTCHECK_REVIEWER`, else `git config user.name`.
struct ReviewerOptions: ParsableArguments {
    @Option(name: .customLong("by"), help: "The reviewer making the change (default: $FACTCHECK_REVIEWER, then git config user.name).")
    var reviewer: String?

    func resolve(workspace: String) throws -> String {
        guard let name = ReviewerIdentity.resolve(
            explicit: reviewer, environment: ProcessInfo.processInfo.environment, workspace: workspace)
        else {
            throw ValidationError("no reviewer: pass --by NAME, set FACTCHECK_REVIEWER, or set git config user.name")
        }
        return name
    }
}

/// An `--assignee` filter's name: `me` is the reviewer identity (`$FACTCHECK_REVIEWER`, then git
/// config user.name).
func assigneeFilter(_ name: String?, workspace: String) throws -> String? {
    guard name == "me" else { return name }
    guard let identity = ReviewerIdentity.resolve(explicit: nil, environment: ProcessInfo.processInfo.environment, workspace: workspace)
    else {
        throw ValidationError("--assignee me: no reviewer identity; set FACTCHECK_REVIEWER or git config user.name")
    }
    return identity
}

/// When a filter by assignee found nothing: says so on stderr if no claim of the workspace is
/// assigned to `name` at all, with the nearest name some claim is assigned to (a typo, likely).
func warnOfUnknownAssignee(_ name: String?, workspace: String) {
    guard let name, let index = WorkspaceIndex.existing(workspace: workspace, version: FactCheck.version),
          let known = try? index.assignees(), !known.contains(name)
    else { return }
    let hint = EditDistance.nearest(to: name, in: known).map { "; did you mean '\($0)'?" } ?? ""
    Terminal.error("factcheck: warning: no claim is assigned to '\(name)'\(hint)")
}

/// `--json` for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Write to the terminal as it is, never through a pager ($FACTCHECK_PAGER, $PAGER, less -FRX).")
    var noPager = false

    @Option(name: .customLong("json-fields"), help: ArgumentHelp(
        "Only these fields of the JSON, comma-separated (--json FIELDS and --json=FIELDS say the same).", valueName: "fields"))
    var jsonFields: String?

    func validate() throws {
        if jsonFields != nil && !json { throw ValidationError("--json-fields goes with --json") }
    }
}

/// A command whose output a pager may take on a terminal (see `Pager`).
protocol PagedCommand {
    var output: OutputOptions { get }
}

/// Runs a command body, turning document errors into diagnostics on stderr and the exit codes of
/// PRODUCT.md §5: 1 for invalid documents and refused changes, 3 for files that cannot be read or written.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as DocumentError {
        Terminal.report(error.diagnostics)
        switch error {
        case .unreadable: throw ExitCode(3)
        case .invalid: throw ExitCode(1)
        case .writtenNotFlushed: return  // the change is in place: a warning, exit 0
        }
    }
}

extension WorkspaceScan {
    /// Throws the exit code for what went wrong, once the results are printed: 3 if anything
    /// could not be read, else 1 if anything was invalid (PRODUCT.md §5).
    func exitIfAnyFailed() throws {
        if unreadable > 0 { throw ExitCode(3) }
        if invalid > 0 { throw ExitCode(1) }
    }
}

/// The folder for temporary files: `$TMPDIR`, else `/tmp`.
func temporaryFolder() -> String {
    ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
}

/// Items in words, for help: "a", "a or b", "a, b or c".
func words(_ items: [String]) -> String {
    guard let last = items.last else { return "" }
    return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
}

/// Checks a source url given on the command line: http or https with a host. The scheme is case-
/// insensitive (RFC 3986 §3.1) and is written in its canonical lower case: `HTTPS://` becomes `https://`.
func checkedSourceURL(_ text: String) throws -> String {
    let lower = text.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
          let url = URL(string: text), let host = url.host, !host.isEmpty
    else {
        throw ValidationError("source url '\(text.prefix(200))' must be an http or https url, such as https://example.org/page")
    }
    let scheme = lower.hasPrefix("https://") ? "https" : "http"
    return scheme + text.dropFirst(scheme.count)
}

/// Prints values as `StableJSONEncoder` writes them.
enum JSONOutput {
    /// The fields `--json FIELDS` keeps, for the command running.
    static let selection = Mutex<JSONSelection?>(nil)

    static func print<T: Encodable>(_ value: T) throws {
        if let selection = selection.withLock({ $0 }) {
            Terminal.out(try selection.apply(Data(try StableJSONEncoder().string(value).utf8)))
            return
        }
        Terminal.out(try StableJSONEncoder().string(value))
    }

    /// Prints an array an element at a time, in the same layout `print` gives, so a long list is
    /// never encoded as one string.
    static func printArray<T: Encodable>(_ values: [T]) throws {
        try printArray(count: values.count) { next in values.forEach(next) }
    }

    /// The `count` values `produce` hands out one at a time, printed as one JSON array without
    /// holding them all.
    static func printArray<T: Encodable>(count: Int, _ produce: ((T) -> Void) -> Void) throws {
        guard count > 0 else {
            Terminal.out("[]")
            return
        }
        let encoder = StableJSONEncoder()
        let selection = selection.withLock { $0 }
        var failure: (any Error)?
        var index = 0
        Terminal.outLines { line in
            line("[")
            withoutActuallyEscaping(line) { line in
                produce { value in
                    guard failure == nil else { return }
                    do {
                        let whole = try encoder.string(value)
                        let object = try selection.map { try $0.apply(Data(whole.utf8)) } ?? whole
                        let indented = object.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
                        index += 1
                        line(indented.joined(separator: "\n") + (index == count ? "" : ","))
                    } catch {
                        failure = error
                    }
                }
            }
            line("]")
        }
        if let failure { throw failure }
    }
}

/// A help's examples: each a command to try, shown after the rest of the help's discussion.
func examples(_ commands: String..., after discussion: String = "") -> String {
    (discussion.isEmpty ? "" : discussion + "\n\n") + "Examples:\n" + commands.map { "  factcheck " + $0 }.joined(separator: "\n")
}

extension List: PagedCommand {}
extension Show: PagedCommand {}
extension History: PagedCommand {}
extension Search: PagedCommand {}
extension Similar: PagedCommand {}
extension Stats: PagedCommand {}
extension Validate: PagedCommand {}
