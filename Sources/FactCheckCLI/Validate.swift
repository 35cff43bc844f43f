import ArgumentParser
import FactCheckKit

/// `factcheck validate [PATH…]`: the schema and semantic checks, xmllint-style.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check annotation documents against the schema and the semantic rules.",
        discussion: """
            Folders are searched recursively for *.factcheck.xml. Every file is checked, whatever \
            the others hold. Exit status: 0 all valid, 1 any invalid, 3 any unreadable.
            """
            + "\n\n" + examples("validate .", "validate nk-icc.factcheck.xml", "validate desk-a/ desk-b/")
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "Files or folders to check (default: the workspace).")
    var paths: [String] = []

    func run() throws {
        var scan = WorkspaceScan()
        _ = scan.map(paths.isEmpty ? [workspace.path] : paths, { path throws(DocumentError) in
            try DocumentStream.read(path: path) { _ in }
        }, onFailure: { Terminal.report($0.diagnostics) })
        var summary = "\(scan.checked) \(scan.checked == 1 ? "document" : "documents") checked: \(scan.valid) valid"
        if scan.invalid > 0 { summary += ", \(scan.invalid) invalid" }
        if scan.unreadable > 0 { summary += ", \(scan.unreadable) unreadable" }
        if scan.errors > 0 { summary += " (\(scan.errors) \(scan.errors == 1 ? "error" : "errors"))" }
        Terminal.out(summary)
        try scan.exitIfAnyFailed()
    }
}
