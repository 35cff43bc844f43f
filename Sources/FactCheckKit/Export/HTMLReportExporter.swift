/// One self-contained HTML page: each article with its claims highlighted by status (colour and a
/// text label, so it reads without colour and in print), then each claim's verdict, rating,
/// summary and sources, with a legend and counts. No scripts and no external resources; with
/// `options.embedClaimReview` (a desk's own review page) the reviewed claims' ClaimReview JSON-LD
/// goes in the head as data, escaped so that nothing in it can end the block.
public struct HTMLReportExporter: Exporter {
    public let name = "html"
    public let title = "an HTML report"

    public init() {}

    public func export(_ documents: [LoadedDocument], options: ExportOptions) throws(ExportError) -> ExportOutput {
        var embedded: ExportOutput?
        if options.embedClaimReview {
            var reviewed = options
            reviewed.selection = .reviewed
            embedded = try ClaimReviewExporter().export(documents, options: reviewed)
        }
        return ExportOutput(
            text: Self.page(documents.map(\.document), options: options, claimReview: embedded?.text),
            warnings: embedded?.warnings ?? [])
    }

    private static func page(_ documents: [AnnotationDocument], options: ExportOptions, claimReview: String?) -> String {
        let title = documents.count == 1 ? "Fact-check: \(documents[0].article.title)" : "Fact-check report: \(documents.count) articles"
        var page = """
            <!DOCTYPE html>
            <html lang="\(escape(documents.first?.article.language ?? "en"))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(style)</style>

            """
        if let claimReview {
            // The JSON writes <, > and & as escapes: it holds no "</script" or "<!--".
            page += "<script type=\"application/ld+json\">\n\(claimReview)</script>\n"
        }
        page += "</head>\n<body>\n"
        if let organization = options.settings.organizationName {
            page += "<p class=\"desk\">\(escape(organization))</p>\n"
        }
        page += "<main>\n"
        for document in documents {
            page += article(document, claims: options.claims(of: document))
        }
        page += "</main>\n<footer>Made with factcheck. Offsets count Unicode code points, as W3C TextPositionSelector does.</footer>\n</body>\n</html>\n"
        return page
    }

    private static func article(_ document: AnnotationDocument, claims: [Claim]) -> String {
        let source = document.article
        var html = "<article id=\"\(escape(source.id))\">\n<header>\n<h1>\(escape(source.title))</h1>\n<p class=\"meta\">"
        var meta: [String] = []
        if let publisher = source.publisher { meta.append(escape(publisher)) }
        if !source.authors.isEmpty { meta.append("by " + source.authors.map(escape).joined(separator: ", ")) }
        if let published = source.published { meta.append("published \(escape(published))") }
        if let retrieved = source.retrieved { meta.append("retrieved \(escape(retrieved))") }
        if let url = source.url { meta.append("<a href=\"\(escape(url))\">original article</a>") }
        html += meta.joined(separator: " · ") + "</p>\n"

        var counts: [Status: Int] = [:]
        claims.forEach { counts[$0.status, default: 0] += 1 }
        html += "<ul class=\"legend\">\n"
        for status in Status.allCases {
            html += "<li><span class=\"chip \(status.cssClass)\">\(status.label)</span> \(counts[status] ?? 0)</li>\n"
        }
        html += "</ul>\n</header>\n<section class=\"text\">\n<p>"

        // The text, cut at claim boundaries, each piece inside the marks of the claims covering it
        // (closed at paragraph breaks so the markup nests); a label follows each claim's last piece.
        for segment in TextSegments(text: source.text, claims: claims).segments {
            let parts = segment.text.split(separator: "\n\n", omittingEmptySubsequences: false).map { part -> String in
                var piece = escape(String(part))
                guard !piece.isEmpty else { return piece }
                for index in segment.claims.reversed() {
                    let claim = claims[index]
                    piece = "<mark class=\"\(claim.status.cssClass)\">\(piece)</mark>"
                }
                return piece
            }
            html += parts.joined(separator: "</p>\n<p>")
            for index in segment.claims where claims[index].anchor.end == segment.end {
                let claim = claims[index]
                html += "<a class=\"tag \(claim.status.cssClass)\" href=\"#\(escape(source.id))-\(claim.id)\">[\(claim.id) \(claim.status.label)]</a>"
            }
        }
        html += "</p>\n</section>\n"

        html += "<section class=\"claims\">\n<h2>Claims</h2>\n"
        for claim in claims {
            html += "<div class=\"claim \(claim.status.cssClass)\" id=\"\(escape(source.id))-\(claim.id)\">\n"
            html += "<p class=\"head\"><span class=\"chip \(claim.status.cssClass)\">\(claim.status.label)</span> "
            html += "<strong>\(claim.id)</strong>"
            if let rating = claim.verdict?.rating {
                html += " <span class=\"rating\">Rating: \(escape(rating.label)) (\(rating.value)/5)</span>"
            }
            html += "</p>\n<blockquote>\(escape(claim.anchor.exact))</blockquote>\n"
            if let claimant = claim.claimant { html += "<p class=\"claimant\">Claimed by \(escape(claimant))</p>\n" }
            if let verdict = claim.verdict {
                if let summary = verdict.summary { html += "<p class=\"summary\">\(escape(summary))</p>\n" }
                html += "<p class=\"by\">Reviewed by \(escape(verdict.reviewer)), \(escape(String(verdict.time.prefix(10))))</p>\n"
            } else if claim.status.isClosedByNote, let note = claim.history.last?.note {
                html += "<p class=\"summary\">\(escape(note))</p>\n"
            }
            if !claim.sources.isEmpty {
                html += "<ul class=\"sources\">\n"
                for item in claim.sources {
                    let name = item.title ?? item.url
                    html += "<li><span class=\"relation\">\(escape(item.relation.rawValue))</span> <a href=\"\(escape(item.url))\">\(escape(name))</a>"
                    if let publisher = item.publisher { html += ", \(escape(publisher))" }
                    if let archived = item.archived { html += " (<a href=\"\(escape(archived))\">archived</a>)" }
                    if let excerpt = item.excerpt { html += "<br><q>\(escape(excerpt))</q>" }
                    html += "</li>\n"
                }
                html += "</ul>\n"
            }
            html += "</div>\n"
        }
        html += "</section>\n</article>\n"
        return html
    }

    /// Escapes text for HTML content and quoted attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    private static let style = """
        body{font:17px/1.6 Georgia,"Times New Roman",serif;color:#1d1d1f;max-width:46em;margin:2em auto;padding:0 1em}\
        h1{font-size:1.6em;line-height:1.25;margin:.2em 0}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}\
        .desk,.meta,footer,.by,.claimant{font:14px/1.4 system-ui,sans-serif;color:#555}\
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4em 1.2em;font:13px system-ui,sans-serif}\
        .chip{display:inline-block;padding:0 .45em;border-radius:3px;font:600 12px/1.6 system-ui,sans-serif;border:1px solid #888}\
        mark{border-bottom:2px solid;background:none}\
        mark.pending{background:#eef1f5;border-color:#8a94a6}.chip.pending{background:#eef1f5}\
        mark.in-review{background:#e8f0fe;border-color:#3b6fd8}.chip.in-review{background:#e8f0fe}\
        mark.verified{background:#e6f4ea;border-color:#1e8e3e}.chip.verified{background:#e6f4ea}\
        mark.disputed{background:#fde7e7;border-color:#c5221f}.chip.disputed{background:#fde7e7}\
        mark.unverifiable{background:#fef7e0;border-color:#b06000}.chip.unverifiable{background:#fef7e0}\
        mark.dismissed{background:#f1f3f4;border-color:#aaa;border-bottom-style:dotted}.chip.dismissed{background:#f1f3f4}\
        mark mark{outline:1px dashed #333;outline-offset:-1px}\
        .tag{font:600 11px system-ui,sans-serif;vertical-align:super;margin-left:.15em;text-decoration:none;color:#333;white-space:nowrap}\
        .claim{border-left:4px solid #8a94a6;padding:.2em 0 .2em 1em;margin:1.4em 0;break-inside:avoid}\
        .claim.verified{border-color:#1e8e3e}.claim.disputed{border-color:#c5221f}.claim.unverifiable{border-color:#b06000}\
        .claim.in-review{border-color:#3b6fd8}.claim.dismissed{border-color:#aaa}\
        .head{margin:0;font:14px system-ui,sans-serif}.rating{font-weight:600;margin-left:.6em}\
        blockquote{margin:.4em 0;font-style:italic}.summary{margin:.3em 0}\
        .sources{font:14px/1.5 system-ui,sans-serif;padding-left:1.2em}.relation{font-variant:small-caps;color:#555}\
        a{color:#1a4fb5}footer{margin-top:3em;border-top:1px solid #ccc;padding-top:.5em}\
        @media print{body{margin:0;max-width:none}a{color:inherit}a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;word-break:break-all}\
        mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """
}
