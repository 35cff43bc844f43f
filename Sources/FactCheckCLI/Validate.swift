import ArgumentParser
import FactCheckKit
import LibXML

/// `factcheck validate [PATH…]`: the schema and semantic checks, xmllint-style.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check annotation documents against the schema and the semantic rules.",
        discussion: """
            Folders are searched recursively for *.factcheck.xml. Every file is checked, whatever \
            the others hold. Exit status: 0 all valid, 1 any invalid, 3 any unreadable.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "Files or folders to check (default: the workspace).")
    var paths: [String] = []

    func run() throws {
        let entries = DocumentFinder.entries(for: paths.isEmpty ? [workspace.path] : paths)
        var valid = 0
        var invalid = 0
        var unreadable = 0
        var errors = 0
        for entry in entries {
            switch entry {
            case .missing(let path):
                unreadable += 1
                errors += 1
                Terminal.report([XMLDiagnostic(file: path, message: "no such file or folder")])
            case .document(let path):
                do {
                    _ = try DocumentLoader.load(path: path)
                    valid += 1
                } catch {
                    switch error {
                    case .unreadable: unreadable += 1
                    case .invalid: invalid += 1
                    }
                    errors += error.diagnostics.count
                    Terminal.report(error.diagnostics)
                }
            }
        }
        let checked = valid + invalid + unreadable
        var summary = "\(checked) \(checked == 1 ? "document" : "documents") checked: \(valid) valid"
        if invalid > 0 { summary += ", \(invalid) invalid" }
        if unreadable > 0 { summary += ", \(unreadable) unreadable" }
        if errors > 0 { summary += " (\(errors) \(errors == 1 ? "error" : "errors"))" }
        Terminal.out(summary)
        if unreadable > 0 { throw ExitCode(3) }
        if invalid > 0 { throw ExitCode(1) }
    }
}
