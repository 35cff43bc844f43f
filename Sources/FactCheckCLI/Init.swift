import ArgumentParser
import FactCheckKit
#if canImport(Glibc)
import Glibc
#endif

/// `factcheck init [DIR]`: a workspace's settings file and `.gitignore`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: factcheck-workspace.xml, a .gitignore for lock files, and git's merge driver.",
        discussion: """
            In a git repository, also sets up the merge driver that merges annotation documents claim by \
            claim: a .gitattributes line (committed with the workspace) and merge.factcheck.driver in the \
            repository's config, which git does not clone: run `factcheck init --git` in each clone.
            """
            + "\n\n"
            + examples(
                "init", "init --org-name \"Example Fact Desk\" --org-url https://example.org/", "init --git --dry-run"))

    @Argument(help: "The workspace folder (default: the current folder).")
    var folder: String = "."

    @Option(help: "The organization that publishes the reviews.")
    var orgName: String?

    @Option(help: "The organization's web site (http or https).")
    var orgURL: String?

    @Option(name: .customLong("org-same-as"), help: "A page that says who the organization is (its Wikidata item, a profile); repeat for more.")
    var orgSameAs: [String] = []

    @Option(help: "Where published reviews live, with {doc} and {claim}, e.g. https://example.org/checks/{doc}/{claim}.")
    var reviewURL: String?

    @Flag(help: "Only set up git in an existing workspace (a clone): the merge driver in .gitattributes and the repository's config.")
    var git = false

    @Flag(help: "Show what would be written and set, and write nothing.")
    var dryRun = false

    func validate() throws {
        if git && (orgName != nil || orgURL != nil || !orgSameAs.isEmpty || reviewURL != nil) {
            throw ValidationError("--git sets up git only; give the settings without it")
        }
        if orgURL != nil && orgName == nil { throw ValidationError("--org-url needs --org-name") }
        if !orgSameAs.isEmpty && orgName == nil { throw ValidationError("--org-same-as needs --org-name") }
    }

    func run() throws {
        let settings = WorkspaceSettings(
            organizationName: orgName, organizationURL: try orgURL.map(checkedSourceURL),
            organizationSameAs: try orgSameAs.map(checkedSourceURL),
            reviewURLTemplate: try reviewURL.map(checkedSourceURL))
        try reportingFailures {
            let wrote = dryRun ? "would write" : "wrote"
            if !git {
                for path in try Workspace.initialize(at: folder, settings: settings, dryRun: dryRun) {
                    Terminal.out("\(wrote) \(path)")
                }
            }
            let setup = try GitSetup.install(at: folder, executable: currentExecutable(), dryRun: dryRun)
            for path in setup.written { Terminal.out("\(wrote) \(path)") }
            if let repository = setup.repository {
                Terminal.out("\(dryRun ? "would set" : "set") merge.factcheck.driver in \(repository)/.git/config: git merges annotation documents claim by claim")
            } else {
                Terminal.out("not in a git repository yet: after `git init` (or in each clone), run `factcheck init --git`")
            }
            if dryRun { Terminal.out("dry run: nothing was written") }
        }
    }
}

/// `factcheck merge-file BASE OURS THEIRS [PATH]`: git's merge driver (`%O %A %B %P`).
struct MergeFile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-file",
        abstract: "Merge two versions of an annotation document claim by claim (git's merge driver, set up by init).",
        discussion: """
            Writes the merge to OURS and exits 0, or exits 1 when git must report a conflict: a claim \
            given two different verdicts (recorded on the claim: see `list --conflicts`, `resolve`), or \
            versions that cannot be merged claim by claim (different article texts), for which git's own \
            line merge is left in OURS.
            """
            + "\n\n"
            + examples(
                "merge-file base.xml ours.xml theirs.xml nk-icc.factcheck.xml",
                "merge-file %O %A %B %P   (as .git/config has git run it)"))

    @Argument(help: "The common ancestor (git's %O; empty when both sides added the file).")
    var base: String

    @Argument(help: "Our version, overwritten with the merge (git's %A).")
    var ours: String

    @Argument(help: "Their version (git's %B).")
    var theirs: String

    @Argument(help: "The file's path in the repository, for messages (git's %P).")
    var path: String?

    func run() throws {
        let report = GitMergeDriver.merge(base: base, ours: ours, theirs: theirs, path: path)
        for line in report.lines { Terminal.error("factcheck merge-file: \(line)") }
        if !report.clean { throw ExitCode(1) }
    }
}

/// The running binary's absolute path, for git's config to call back.
func currentExecutable() -> String {
    if let resolved = realpath("/proc/self/exe", nil) {
        defer { free(resolved) }
        return String(cString: resolved)
    }
    return CommandLine.arguments[0]
}
