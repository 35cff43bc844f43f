/// Where things stand in the file a document was read from, for diagnostics.
public struct SourceLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// A location for values that did not come from a file.
    public static let unknown = SourceLocation(line: 0, column: 0)
}

/// The source locations of a decoded document's parts, parallel to its claims.
public struct SourceMap: Sendable, Hashable {
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

    public var text: SourceLocation
    public var claims: [ClaimLocations]

    public init(text: SourceLocation = .unknown, claims: [ClaimLocations] = []) {
        self.text = text
        self.claims = claims
    }

    /// The locations of claim number `index`, or unknown ones for a claim not read from a file.
    public func claim(at index: Int) -> ClaimLocations {
        index < claims.count ? claims[index] : .unknown
    }
}
