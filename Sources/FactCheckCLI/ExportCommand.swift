import ArgumentParser
import FactCheckKit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `factcheck export DOC… --format F [-o FILE]`
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Publish documents as \(words(ExportFormats.all.map(\.title))).",
        discussion: examples(
            "export nk-icc --format claimreview --output reviews.json",
            "export nk-icc --format html --output report.html", "export nk-icc --format annotated-xml --all"))

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "Document ids.", completion: ClaimCompletion.documentKind)
    var documents: [String]

    @Option(help: "The format.")
    var format: ExportFormat

    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).")
    var output: String?

    @Flag(help: "Make the export and its checks, say what would be written, and write nothing.")
    var dryRun = false

    @Flag(help: ArgumentHelp(Export.reviewedHelp))
    var reviewed = false

    @Flag(help: ArgumentHelp(Export.allHelp))
    var all = false

    @Option(help: "The publishing organization (default: the workspace setting).")
    var orgName: String?

    @Option(help: "The organization's web site (default: the workspace setting).")
    var orgURL: String?

    @Option(help: "The published review's url, with {doc} and {claim} (default: the workspace setting).")
    var reviewURL: String?

    @Option(help: "What the claimants named on claims are, as ClaimReview's claim author: person or organization.")
    var claimantType: ClaimantTypeArgument = .organization

    @Flag(help: "html: carry the reviewed claims' ClaimReview JSON-LD in the page (a desk's own review page).")
    var withClaimreview = false

    @Flag(help: ArgumentHelp(Export.jsonlHelp))
    var jsonl = false

    static var reviewedHelp: String {
        let statuses = Status.allCases.filter(\.isReviewed).map(\.rawValue).joined(separator: ", ")
        let formats = ExportFormat.names { $0.defaultSelection == .reviewed }
        return "Only reviewed claims: \(statuses) (the default for \(words(formats)))."
    }

    static var allHelp: String {
        "Every claim (the default for \(words(ExportFormat.names { $0.defaultSelection == .all })))."
    }

    static var jsonlHelp: String {
        "\(words(ExportFormat.names(\.writesLines))): one record a line instead of one document."
    }

    func validate() throws {
        if documents.isEmpty { throw ValidationError("name at least one document id") }
        if reviewed && all { throw ValidationError("--reviewed and --all do not go together") }
        if withClaimreview && format.exporter.name != HTMLReportExporter().name {
            throw ValidationError("--with-claimreview goes with --format html")
        }
        if jsonl && !format.exporter.writesLines {
            throw ValidationError("--jsonl goes with --format \(words(ExportFormat.names(\.writesLines)))")
        }
    }

    func run() throws {
        try reportingFailures {
            var settings = try WorkspaceSettings.load(workspace: workspace.path)
            if let orgName { settings.organizationName = orgName }
            if let orgURL { settings.organizationURL = try checkedSourceURL(orgURL) }
            if let reviewURL { settings.reviewURLTemplate = try checkedSourceURL(reviewURL) }
            let exporter = format.exporter
            let selection: ExportOptions.Selection = reviewed ? .reviewed : all ? .all : exporter.defaultSelection
            var options = ExportOptions(selection: selection, settings: settings, lines: jsonl)
            options.claimantType = claimantType.type
            options.embedClaimReview = withClaimreview
            let store = Workspace(root: workspace.path)
            var loaded: [LoadedDocument] = []
            for id in documents {
                loaded.append(try DocumentLoader.load(path: try store.documentPath(for: id)))
            }
            let text: String
            do throws(ExportError) {
                let output = try exporter.export(loaded, options: options)
                Terminal.report(output.warnings)
                text = output.text
            } catch {
                throw DocumentError.invalid(error.diagnostics)
            }
            if dryRun {
                Terminal.out("would write \(output ?? "standard output"): \(DecimalFormat.grouped(text.utf8.count)) bytes")
                Terminal.out("dry run: nothing was written")
            } else if let output {
                try OutputFile.write(text, to: output)
                Terminal.error("wrote \(output)")
            } else {
                Terminal.outText(text)
            }
        }
    }
}

/// A format `export --format` takes: the names come from `ExportFormats.all`.
struct ExportFormat: ExpressibleByArgument {
    let exporter: any Exporter

    init?(argument: String) {
        guard let exporter = ExportFormats.named(argument) else { return nil }
        self.exporter = exporter
    }

    static var allValueStrings: [String] { ExportFormats.all.map(\.name) }

    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    /// The names of the formats `test` holds for.
    static func names(_ test: (any Exporter) -> Bool) -> [String] {
        ExportFormats.all.filter(test).map(\.name)
    }
}

/// `--claimant-type person|organization`.
enum ClaimantTypeArgument: String, ExpressibleByArgument, CaseIterable {
    case person
    case organization

    var type: ExportOptions.ClaimantType {
        switch self {
        case .person: .person
        case .organization: .organization
        }
    }
}
