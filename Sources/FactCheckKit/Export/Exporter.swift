/// One export format. A new format is a type conforming to this, one line in `ExportFormats.all`
/// and a golden file in the CLI tests.
public protocol Exporter: Sendable {
    /// The format's name, as `export --format` takes it: `claimreview`.
    var name: String { get }
    /// What it writes, in words, for help: "schema.org ClaimReview".
    var title: String { get }
    /// Which claims go out unless the user says otherwise.
    var defaultSelection: ExportOptions.Selection { get }
    /// Whether it can write one record a line instead of one document (`ExportOptions.lines`).
    var writesLines: Bool { get }
    /// The file's whole text, and warnings about what was left out or may not show as meant.
    func export(_ documents: [LoadedDocument], options: ExportOptions) throws(ExportError) -> ExportOutput
}

extension Exporter {
    public var defaultSelection: ExportOptions.Selection { .all }
    public var writesLines: Bool { false }
}

/// What an export wrote: the text, complete to its last line feed, and its warnings.
public struct ExportOutput: Sendable {
    public var text: String
    public var warnings: [Diagnostic]

    public init(text: String, warnings: [Diagnostic] = []) {
        self.text = text
        self.warnings = warnings
    }
}

/// Every export format, in the order help lists them.
public enum ExportFormats {
    public static let all: [any Exporter] = [
        AnnotatedXMLExporter(),
        ClaimReviewExporter(),
        WebAnnotationExporter(),
        HTMLReportExporter(),
    ]

    /// The format called `name`, if there is one.
    public static func named(_ name: String) -> (any Exporter)? {
        all.first { $0.name == name }
    }
}
