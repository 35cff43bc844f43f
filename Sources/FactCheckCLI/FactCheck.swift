import ArgumentParser
import FactCheckKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `factcheck` command: claims from news articles, through review, to published verdicts.
///
/// Every command names itself (`commandName:`): a name the argument parser has to derive from the
/// type's name costs a runtime reflection on each look-up, a third of a short command's start-up.
public struct FactCheck: ParsableCommand {
    /// The tool's version: shown by --version, and stored in the workspace index.
    static let version = ToolVersion.current

    public static let configuration = CommandConfiguration(
        commandName: "factcheck",
        abstract: "Extract, review and publish fact-checks of news articles.",
        discussion: """
            Claims live in one XML annotation document per article (DOC.factcheck.xml), \
            validated against the bundled schemas on every read and write.
            """,
        version: FactCheck.version,
        subcommands: [
            Init.self, ImportCommand.self, Extract.self, Add.self, List.self, Show.self, Search.self, Similar.self, Match.self, ImportClaimReview.self, History.self, Assign.self, Unassign.self, Mark.self, Resolve.self, MergeFile.self, Dismiss.self,
            Reopen.self, SourceCommand.self, NoteCommand.self, Validate.self, Export.self, Stats.self, ScoreCommand.self,
        ]
    )

    public init() {}

    /// Runs the tool as its own process. A write past a file-size limit (`ulimit -f`) then fails
    /// with EFBIG and is reported like a full disk, nothing left behind, instead of SIGXFSZ
    /// killing the process in the middle of writing its temporary file.
    public static func runAsProcess() {
        signal(SIGXFSZ, SIG_IGN)
        if let first = CommandLine.arguments.dropFirst().first, let message = unknownCommand(first) {
            Terminal.error("Error: \(message)\nUsage: factcheck <subcommand>\n  See 'factcheck --help' for more information.")
            terminate(ExitCode.validationFailure.rawValue)
        }
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(JSONShape.rewrite(Array(CommandLine.arguments.dropFirst())))
        } catch {
            exit(withError: error)
        }
        run(command)
    }

    /// Runs `command`; an error it ends with is told with that command's usage, not the top level's.
    private static func run<Command: ParsableCommand>(_ command: Command) {
        var command = command
        do {
            if let paged = command as? any PagedCommand, let name = Command.configuration.commandName,
               let shape = JSONShape.byCommand[name] {
                do {
                    let selection = try JSONSelection(paged.output.jsonFields, shape: shape, command: name)
                    JSONOutput.selection.withLock { $0 = selection }
                } catch {
                    throw ValidationError("\(error)")
                }
            }
            if let paged = command as? any PagedCommand, !paged.output.noPager { Pager.begin() }
            try command.run()
        } catch let error as ValidationError {
            // The argument parser would name the top level's usage: the error is the command's.
            let usage = FactCheck.usageString(for: Command.self)
            let path = usage.split(separator: " ").prefix { !"[<-".contains($0.first ?? "-") }.joined(separator: " ")
            Terminal.error("Error: \(error.message)\nUsage: \(usage)\n  See '\(path) --help' for more information.")
            terminate(ExitCode.validationFailure.rawValue)
        } catch {
            FactCheck.exit(withError: error)
        }
    }

    /// What to say of a first argument that names no command, with the nearest one, if any: the
    /// argument parser would only call it unexpected.
    static func unknownCommand(_ name: String) -> String? {
        guard !name.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(name) else { return nil }
        if let nearest = EditDistance.nearest(to: name, in: names) {
            return "unknown command '\(name)'; did you mean '\(nearest)'?"
        }
        return "unknown command '\(name)'; the commands are \(names.dropLast().joined(separator: ", "))"
    }
}

/// Ends the process with `status` (the C library's `exit`, which `ParsableCommand.exit` hides inside the type).
private func terminate(_ status: Int32) -> Never {
    exit(status)
}
