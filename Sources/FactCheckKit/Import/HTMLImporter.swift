import LibXML

/// Reads an article from HTML with libxml2's HTML parser: metadata from the head, the main text
/// from `<article>` (or `<main>`, or the densest block of paragraphs), with scripts, styles,
/// navigation, asides, forms and comments dropped. Nothing is executed or fetched.
public enum HTMLImporter {
    /// Elements whose content is never article text.
    static let dropped: Set<String> = [
        "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "select",
        "textarea", "iframe", "object", "embed", "svg", "canvas", "video", "audio", "head",
    ]
    /// Elements that hold one block of text each.
    static let blocks: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "dd", "dt", "td"]

    /// The names the importer tests elements against, as one page numbers them.
    struct Names {
        let dropped: HTMLNames
        let blocks: HTMLNames
        let breaks: HTMLNames
        let droppedOrBreaks: HTMLNames
        let articles: HTMLNames
        let paragraphs: HTMLNames
        let captions: HTMLNames

        init(_ page: HTMLPage) {
            dropped = page.names(HTMLImporter.dropped)
            blocks = page.names(HTMLImporter.blocks)
            breaks = page.names(["br"])
            droppedOrBreaks = dropped + breaks
            articles = page.names(["article"])
            paragraphs = page.names(["p"])
            captions = page.names(["figcaption"])
        }
    }

    public static func read(_ bytes: [UInt8], path: String) throws(DocumentError) -> ImportedArticle {
        let page: HTMLPage
        do throws(XMLError) {
            page = try HTMLPage.parse(bytes, path: path)
        } catch {
            throw DocumentError(error)
        }
        let root = page.root
        let names = Names(page)
        var article = ImportedArticle()
        // One walk finds every element looked up by name (a page can hold millions).
        let named = elements(named: ["meta", "link", "h1", "title", "time", "main"], in: root)
        let meta = metadata(named["meta"] ?? [])
        article.title = meta["og:title"] ?? named["h1"]?.first.map { inlineText($0, names) }
            ?? named["title"]?.first.map { inlineText($0, names) }
        article.publisher = meta["og:site_name"]
        article.url = (link("canonical", among: named["link"] ?? []) ?? meta["og:url"]).flatMap(httpURL)
        article.published = (meta["article:published_time"] ?? named["time"]?.first?[attribute: "datetime"]
            ?? meta["date"]).flatMap(isoDate)
        if let author = meta["author"] ?? meta["article:author"] ?? byline(in: root, names) {
            article.authors = [author]
        }
        if let language = root[attribute: "lang"].map(TextNormalizer.paragraph), isLanguageTag(language) {
            article.language = language
        }
        var collected: [(text: String, caption: Bool)] = []
        collectBlocks(mainElement(in: root, main: named["main"]?.first, names), names, into: &collected)
        article.captions = collected.filter(\.caption).map(\.text)
        PageLayout.classify(collected.filter { !$0.caption }.map(\.text), into: &article)
        return article
    }

    /// `<meta>` values by `property` or `name`, lower-cased keys; the first of each wins.
    static func metadata(_ metas: [HTMLElement]) -> [String: String] {
        var result: [String: String] = [:]
        for element in metas {
            guard let key = (element[attribute: "property"] ?? element[attribute: "name"])?.lowercased(),
                  let content = element[attribute: "content"].map(TextNormalizer.paragraph), !content.isEmpty
            else { continue }
            if result[key] == nil { result[key] = content }
        }
        return result
    }

    static func link(_ relation: String, among links: [HTMLElement]) -> String? {
        links.first { $0[attribute: "rel"]?.lowercased() == relation }?[attribute: "href"]
    }

    static func byline(in root: HTMLElement, _ names: Names) -> String? {
        var found: String?
        root.walk { element in
            guard found == nil else { return false }
            let marks = [element[attribute: "class"], element[attribute: "rel"], element[attribute: "itemprop"]]
                .compactMap { $0?.lowercased() }
            if marks.contains(where: { $0.contains("byline") || $0.contains("author") }) {
                var text = inlineText(element, names)
                if text.lowercased().hasPrefix("by ") { text = String(text.dropFirst(3)) }
                if !text.isEmpty && text.split(separator: " ").count <= 8 { found = text }
                return false
            }
            return !element.isNamed(names.dropped)
        }
        return found
    }

    /// `<article>` with the most visible text, else `<main>`, else the element whose own paragraphs
    /// hold the most text.
    static func mainElement(in root: HTMLElement, main: HTMLElement?, _ names: Names) -> HTMLElement {
        if let article = largestArticle(in: root, names) { return article }
        if let main { return main }
        var best = root
        var bestLength = 0
        root.walk { element in
            if element.isNamed(names.dropped) { return false }
            let length = element.elements.reduce(0) { $1.isNamed(names.paragraphs) ? $0 + inlineText($1, names).count : $0 }
            if length > bestLength {
                best = element
                bestLength = length
            }
            return true
        }
        return best
    }

    /// The `<article>` with the most visible characters (white space not counted; the first of
    /// equals), each element's count made once, so articles nested in articles cost linear time,
    /// not the square of their depth. An article inside a dropped element still counts for itself.
    static func largestArticle(in root: HTMLElement, _ names: Names) -> HTMLElement? {
        var best: (length: Int, element: HTMLElement)?
        for article in root.visibleLengths(of: names.articles, leavingOut: names.droppedOrBreaks)
        where best == nil || article.length > best!.length {
            best = (article.length, article.element)
        }
        return best?.element
    }

    /// The text blocks under `element` in page order, captions marked: the text of each block
    /// element holding no other, outside dropped elements.
    static func collectBlocks(_ element: HTMLElement, _ names: Names, into blocks: inout [(text: String, caption: Bool)]) {
        var top = true
        element.walk { inner in
            if top {
                top = false
                return true
            }
            if inner.isNamed(names.dropped) { return false }
            guard inner.isNamed(names.blocks) && !inner.elements.contains(where: { $0.isNamed(names.blocks) }) else { return true }
            let text = inlineText(inner, names)
            if !text.isEmpty { blocks.append((text, inner.isNamed(names.captions))) }
            return false
        }
    }

    /// The visible text of an element on one line, dropped elements left out, `<br>` as a space.
    static func inlineText(_ element: HTMLElement, _ names: Names) -> String {
        TextNormalizer.paragraph(element.text(leavingOut: names.dropped, spaceFor: names.breaks))
    }

    /// Every element called one of `names`, by name, each list in page order.
    static func elements(named names: Set<String>, in root: HTMLElement) -> [String: [HTMLElement]] {
        var found: [String: [HTMLElement]] = [:]
        for element in root.descendants(named: root.page.names(names)) {
            found[element.name, default: []].append(element)
        }
        return found
    }

    static func httpURL(_ text: String) -> String? {
        let trimmed = TextNormalizer.paragraph(text)
        // As the schema's anyURI is checked: by libxml2's own URI parser.
        return URIText.isHTTPURL(trimmed) ? trimmed : nil
    }

    /// A date or UTC time the schema accepts, from an ISO 8601 value in a page.
    static func isoDate(_ text: String) -> String? {
        let trimmed = TextNormalizer.paragraph(text)
        if trimmed.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/#) != nil {
            return CalendarDate.validated(trimmed)
        }
        if let match = trimmed.prefixMatch(of: #/\d{4}-\d{2}-\d{2}/#) { return CalendarDate.validated(String(match.output)) }
        return DateText.parse(trimmed)?.iso
    }

    static func isLanguageTag(_ text: String) -> Bool {
        text.wholeMatch(of: #/[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*/#) != nil
    }
}
