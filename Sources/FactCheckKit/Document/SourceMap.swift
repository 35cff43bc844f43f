import LibXML

/// Where an element stands in the file a document was read from: its line and tag name.
///
/// The column is found from the source text only when a diagnostic needs it.
public struct SourceLocation: Sendable, Hashable {
    public var line: Int
    public var tag: String

    public init(line: Int, tag: String) {
        self.line = line
        self.tag = tag
    }

    /// A location for values that did not come from a file.
    public static let unknown = SourceLocation(line: 0, tag: "")
}

/// The source locations of a decoded document's parts, parallel to its claims.
public struct SourceMap: Sendable {
    /// Locations of one claim's parts.
    public struct ClaimLocations: Sendable, Hashable {
        public var claim: SourceLocation
        public var anchor: SourceLocation
        public var verdict: SourceLocation
        public var history: [SourceLocation]

        public init(claim: SourceLocation, anchor: SourceLocation, verdict: SourceLocation, history: [SourceLocation]) {
            self.claim = claim
            self.anchor = anchor
            self.verdict = verdict
            self.history = history
        }

        public static let unknown = ClaimLocations(claim: .unknown, anchor: .unknown, verdict: .unknown, history: [])
    }

    /// The text the document was parsed from, to find columns.
    var source: SourceText?
    public var text: SourceLocation
    public var claims: [ClaimLocations]

    /// Locations with no source text to find columns in.
    public init(text: SourceLocation = .unknown, claims: [ClaimLocations] = []) {
        self.init(source: nil, text: text, claims: claims)
    }

    init(source: SourceText?, text: SourceLocation = .unknown, claims: [ClaimLocations] = []) {
        self.source = source
        self.text = text
        self.claims = claims
    }

    /// The locations of claim number `index`, or unknown ones for a claim not read from a file.
    public func claim(at index: Int) -> ClaimLocations {
        index < claims.count ? claims[index] : .unknown
    }

    /// An error about `file` at `location`, with the column where the element's tag opens.
    public func diagnostic(_ file: String, at location: SourceLocation, _ message: String) -> Diagnostic {
        let column = location.line > 0 ? source?.column(ofTag: location.tag, line: location.line) ?? 0 : 0
        return Diagnostic(file: file, line: location.line, column: column, message: message)
    }
}
