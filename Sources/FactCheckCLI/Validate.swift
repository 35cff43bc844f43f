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

            A document's status is valid, invalid or unreadable; a diagnostic's line and column are 0 \
            when unknown. \(JSONShape.validation.help)
            """
            + "\n\n" + examples("validate .", "validate nk-icc.factcheck.xml --json", "validate desk-a/ desk-b/")
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Files or folders to check (default: the workspace).")
    var paths: [String] = []

    func run() throws {
        let progress = ProgressLine("documents", enabled: !output.json)
        var scan = WorkspaceScan(counter: progress.counter)
        var documents: [ValidationJSON.Document] = []
        let valid = scan.map(paths.isEmpty ? [workspace.path] : paths, { path throws(DocumentError) in
            try DocumentStream.read(path: path) { _ in }
            return path
        }, onFailure: { error in
            if output.json {
                documents.append(.init(
                    path: error.diagnostics.first?.file ?? "", status: { if case .unreadable = error { "unreadable" } else { "invalid" } }(),
                    diagnostics: error.diagnostics.map(ValidationJSON.Finding.init)))
            } else {
                Terminal.report(error.diagnostics)
            }
        })
        progress.stop()
        if output.json {
            documents += valid.map { .init(path: $0, status: "valid", diagnostics: []) }
            documents.sort { $0.path < $1.path }
            try JSONOutput.print(ValidationJSON(
                checked: scan.checked, valid: scan.valid, invalid: scan.invalid, unreadable: scan.unreadable, documents: documents))
            try scan.exitIfAnyFailed()
            return
        }
        var summary = "\(scan.checked) \(scan.checked == 1 ? "document" : "documents") checked: \(scan.valid) valid"
        if scan.invalid > 0 { summary += ", \(scan.invalid) invalid" }
        if scan.unreadable > 0 { summary += ", \(scan.unreadable) unreadable" }
        if scan.errors > 0 { summary += " (\(scan.errors) \(scan.errors == 1 ? "error" : "errors"))" }
        Terminal.out(summary)
        try scan.exitIfAnyFailed()
    }
}

/// `validate --json`.
struct ValidationJSON: Encodable {
    var checked: Int
    var valid: Int
    var invalid: Int
    var unreadable: Int
    var documents: [Document]

    struct Document: Encodable {
        var path: String
        var status: String
        var diagnostics: [Finding]
    }

    struct Finding: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String

        init(_ diagnostic: Diagnostic) {
            file = diagnostic.file
            line = diagnostic.line
            column = diagnostic.column
            severity = diagnostic.severity.rawValue
            message = diagnostic.message
        }
    }
}
