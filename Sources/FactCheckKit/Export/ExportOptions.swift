#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What an export needs besides the documents: which claims, and who publishes the reviews.
public struct ExportOptions: Sendable {
    /// Which claims go out.
    public enum Selection: String, Sendable {
        /// Every claim.
        case all
        /// Claims with a review outcome: verified, disputed or unverifiable.
        case reviewed
    }

    public var selection: Selection
    public var settings: WorkspaceSettings
    /// What a claim's claimant is, as ClaimReview names the claim's author.
    public enum ClaimantType: String, Sendable, CaseIterable {
        case person = "Person"
        case organization = "Organization"
    }

    /// The schema.org type of every claimant named on a claim.
    public var claimantType: ClaimantType = .organization
    /// The HTML report carries the reviewed claims' ClaimReview JSON-LD in its head.
    public var embedClaimReview = false
    /// One record a line instead of one document, for the formats that can (`Exporter.writesLines`).
    public var lines: Bool

    public init(selection: Selection, settings: WorkspaceSettings, lines: Bool = false) {
        self.selection = selection
        self.settings = settings
        self.lines = lines
    }

    /// The claims of `document` this export includes.
    public func claims(of document: AnnotationDocument) -> [Claim] {
        switch selection {
        case .all: document.claims
        case .reviewed: document.claims.filter(\.status.isReviewed)
        }
    }

    /// The published review's address for a claim, from the `{doc}`/`{claim}` template.
    public func reviewURL(document: String, claim: String) -> String? {
        settings.reviewURLTemplate.map {
            $0.replacing("{doc}", with: document).replacing("{claim}", with: claim)
        }
    }
}

/// Why an export could not be made; nothing is written.
public struct ExportError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ file: String, _ message: String) {
        diagnostics = [Diagnostic(file: file, message: message)]
    }

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
