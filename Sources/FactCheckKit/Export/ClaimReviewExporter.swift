/// schema.org ClaimReview JSON-LD, one object per reviewed claim, with the fields Google's fact-check
/// markup requires and recommends. A claim with no rating (pending, in review, unverifiable,
/// dismissed) has no ClaimReview: it is skipped with a warning, never half filled.
public struct ClaimReviewExporter: Exporter {
    /// The longest `claimReviewed` Google shows in full.
    public static let shortClaimLength = 75

    struct ClaimReview: Encodable {
        var context = "https://schema.org"
        var type = "ClaimReview"
        var url: String
        var claimReviewed: String
        var itemReviewed: ItemReviewed
        var author: SchemaOrgEntity
        var datePublished: String
        var reviewRating: ReviewRating
        var reviewBody: String?

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type = "@type"
            case url, claimReviewed, itemReviewed, author, datePublished, reviewRating, reviewBody
        }
    }

    struct ItemReviewed: Encodable {
        var type = "Claim"
        var author: SchemaOrgEntity
        var datePublished: String?
        var appearance: Appearance

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case author, datePublished, appearance
        }
    }

    struct Appearance: Encodable {
        var type = "NewsArticle"
        var url: String
        var headline: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case url, headline
        }
    }

    struct ReviewRating: Encodable {
        var type = "Rating"
        var ratingValue: Int
        var bestRating = 5
        var worstRating = 1
        var alternateName: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case ratingValue, bestRating, worstRating, alternateName
        }
    }

    public let name = "claimreview"
    public let title = "schema.org ClaimReview"
    /// Only a reviewed claim has a review to publish.
    public let defaultSelection = ExportOptions.Selection.reviewed

    public init() {}

    /// `{"@type": "Organization", "name": …, "url": …}`: who published a claim or its review.
    struct SchemaOrgEntity: Encodable {
        var type: String
        var name: String
        var url: String?
        var sameAs: [String]?

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, url, sameAs
        }
    }

    /// The JSON-LD array, and warnings about what was skipped or is too long to show in full.
    public func export(_ documents: [LoadedDocument], options: ExportOptions) throws(ExportError) -> ExportOutput {
        guard let organization = options.settings.organizationName else {
            throw ExportError("claimreview", "a ClaimReview names the organization that publishes it: pass --org-name (and --org-url), or set them with factcheck init")
        }
        guard options.settings.reviewURLTemplate != nil else {
            throw ExportError("claimreview", "a ClaimReview needs the url of the published review: pass --review-url with {doc} and {claim}, e.g. https://example.org/checks/{doc}/{claim}")
        }
        var reviews: [ClaimReview] = []
        var warnings: [Diagnostic] = []
        for (document, path) in documents.map({ ($0.document, $0.path) }) {
            let article = document.article
            guard let articleURL = article.url else {
                throw ExportError(path, "document \(article.id) has no article url, which a ClaimReview must name (itemReviewed.appearance); import the article with --url")
            }
            for claim in options.claims(of: document) {
                guard let verdict = claim.verdict, claim.status.hasVerdict else {
                    warnings.append(Diagnostic(file: path, severity: .warning, message: "claim \(claim.id) is \(claim.status.rawValue) with no rating; no ClaimReview written for it"))
                    continue
                }
                if claim.anchor.exact.count > Self.shortClaimLength {
                    warnings.append(Diagnostic(file: path, severity: .warning, message: "claim \(claim.id): claimReviewed is \(claim.anchor.exact.count) characters; Google shows \(Self.shortClaimLength)"))
                }
                reviews.append(ClaimReview(
                    url: options.reviewURL(document: article.id, claim: claim.id)!,
                    claimReviewed: claim.anchor.exact,
                    itemReviewed: ItemReviewed(
                        author: claim.claimant.map { SchemaOrgEntity(type: options.claimantType.rawValue, name: $0) }
                            ?? SchemaOrgEntity(type: "Organization", name: article.publisher ?? article.title),
                        datePublished: article.published,
                        appearance: Appearance(url: articleURL, headline: article.title)),
                    author: SchemaOrgEntity(
                        type: "Organization", name: organization, url: options.settings.organizationURL,
                        sameAs: options.settings.organizationSameAs.isEmpty ? nil : options.settings.organizationSameAs),
                    datePublished: String(verdict.time.prefix(10)),
                    reviewRating: ReviewRating(ratingValue: verdict.rating.value, alternateName: verdict.rating.label),
                    reviewBody: verdict.summary))
            }
        }
        return ExportOutput(text: StableJSONEncoder().embeddableString(reviews) + "\n", warnings: warnings)
    }
}
