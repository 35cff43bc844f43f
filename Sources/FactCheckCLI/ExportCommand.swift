import ArgumentParser
import FactCheckKit
import FoundationEssentials

/// `factcheck export DOC… --format F [-o FILE]`
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Publish documents as annotated XML, schema.org ClaimReview, W3C Web Annotations or an HTML report.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case annotatedXML = "annotated-xml"
        case claimreview
        case webAnnotation = "web-annotation"
        case html
    }

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "Document ids.")
    var documents: [String]

    @Option(help: "annotated-xml, claimreview, web-annotation or html.")
    var format: Format

    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).")
    var output: String?

    @Flag(help: "Only reviewed claims: verified, disputed, unverifiable (the default for claimreview).")
    var reviewed = false

    @Flag(help: "Every claim (the default for the other formats).")
    var all = false

    @Option(help: "The publishing organization (default: the workspace setting).")
    var orgName: String?

    @Option(help: "The organization's web site (default: the workspace setting).")
    var orgURL: String?

    @Option(help: "The published review's url, with {doc} and {claim} (default: the workspace setting).")
    var reviewURL: String?

    @Flag(help: "web-annotation: one annotation a line instead of a collection.")
    var jsonl = false

    func validate() throws {
        if documents.isEmpty { throw ValidationError("name at least one document id") }
        if reviewed && all { throw ValidationError("--reviewed and --all do not go together") }
        if jsonl && format != .webAnnotation { throw ValidationError("--jsonl goes with --format web-annotation") }
    }

    func run() throws {
        try reportingFailures {
            var settings = try WorkspaceSettings.load(workspace: workspace.path)
            if let orgName { settings.organizationName = orgName }
            if let orgURL { settings.organizationURL = try checkedSourceURL(orgURL) }
            if let reviewURL { settings.reviewURLTemplate = try checkedSourceURL(reviewURL) }
            let selection: ExportOptions.Selection = reviewed ? .reviewed : all ? .all : format == .claimreview ? .reviewed : .all
            let options = ExportOptions(selection: selection, settings: settings)
            let store = Workspace(root: workspace.path)
            var loaded: [(document: AnnotationDocument, path: String)] = []
            for id in documents {
                let path = try store.documentPath(for: id)
                loaded.append((try DocumentLoader.load(path: path).document, path))
            }
            let text: String
            do throws(ExportError) {
                switch format {
                case .annotatedXML:
                    text = try AnnotatedXMLExporter.export(loaded.map(\.document), options: options)
                case .claimreview:
                    let (json, warnings) = try ClaimReviewExporter.export(loaded, options: options)
                    Terminal.report(warnings)
                    text = json + "\n"
                case .webAnnotation:
                    text = try WebAnnotationExporter.export(loaded, options: options, lines: jsonl) + "\n"
                case .html:
                    text = HTMLReportExporter.export(loaded.map(\.document), options: options)
                }
            } catch {
                throw DocumentError.invalid(error.diagnostics)
            }
            if let output {
                try OutputFile.write(text, to: output)
                Terminal.error("wrote \(output)")
            } else {
                Terminal.outText(text)
            }
        }
    }
}
