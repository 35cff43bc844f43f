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

    public static func read(_ bytes: [UInt8], path: String) throws(DocumentError) -> ImportedArticle {
        let root: HTMLElement
        do throws(XMLError) {
            root = try HTMLPage.parse(bytes, path: path).root
        } catch {
            throw DocumentError(error)
        }
        var article = ImportedArticle()
        // One walk finds every element looked up by name (a page can hold millions).
        let named = elements(named: ["meta", "link", "h1", "title", "time", "main"], in: root)
        let meta = metadata(named["meta"] ?? [])
        article.title = meta["og:title"] ?? named["h1"]?.first.map(inlineText) ?? named["title"]?.first.map(inlineText)
        article.publisher = meta["og:site_name"]
        article.url = (link("canonical", among: named["link"] ?? []) ?? meta["og:url"]).flatMap(httpURL)
        article.published = (meta["article:published_time"] ?? named["time"]?.first?[attribute: "datetime"]
            ?? meta["date"]).flatMap(isoDate)
        if let author = meta["author"] ?? meta["article:author"] ?? byline(in: root) {
            article.authors = [author]
        }
        if let language = root[attribute: "lang"].map(TextNormalizer.paragraph), isLanguageTag(language) {
            article.language = language
        }
        var collected: [(text: String, caption: Bool)] = []
        collectBlocks(mainElement(in: root, main: named["main"]?.first), into: &collected)
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

    static func byline(in root: HTMLElement) -> String? {
        var found: String?
        visit(root) { element in
            guard found == nil else { return false }
            let marks = [element[attribute: "class"], element[attribute: "rel"], element[attribute: "itemprop"]]
                .compactMap { $0?.lowercased() }
            if marks.contains(where: { $0.contains("byline") || $0.contains("author") }) {
                var text = inlineText(element)
                if text.lowercased().hasPrefix("by ") { text = String(text.dropFirst(3)) }
                if !text.isEmpty && text.split(separator: " ").count <= 8 { found = text }
                return false
            }
            return !dropped.contains(element.name)
        }
        return found
    }

    /// `<article>` with the most visible text, else `<main>`, else the element whose own paragraphs
    /// hold the most text.
    static func mainElement(in root: HTMLElement, main: HTMLElement?) -> HTMLElement {
        if let article = largestArticle(in: root) { return article }
        if let main { return main }
        var best = root
        var bestLength = 0
        visit(root) { element in
            if dropped.contains(element.name) { return false }
            let length = element.elements(named: "p").reduce(0) { $0 + inlineText($1).count }
            if length > bestLength {
                best = element
                bestLength = length
            }
            return true
        }
        return best
    }

    /// The `<article>` with the most visible characters (white space not counted; the first of equals),
    /// every element's count made once from its children's, so articles nested in articles cost
    /// linear time, not the square of their depth.
    static func largestArticle(in root: HTMLElement) -> HTMLElement? {
        var best: (length: Int, element: HTMLElement)?
        var articles: [(order: Int, length: Int, element: HTMLElement)] = []
        var next = 0
        func measure(_ element: HTMLElement) -> Int {
            let order = next
            next += 1
            var length = 0
            for child in element.children {
                switch child {
                case .text(let text):
                    length += text.unicodeScalars.reduce(0) { $0 + ($1.isUnicodeWhitespace ? 0 : 1) }
                case .element(let inner):
                    // An article inside a dropped element still counts for itself, not for its parent.
                    let inside = measure(inner)
                    if inner.name != "br" && !dropped.contains(inner.name) { length += inside }
                }
            }
            if element.name == "article" { articles.append((order, length, element)) }
            return length
        }
        _ = measure(root)
        for article in articles.sorted(by: { $0.order < $1.order }) where best == nil || article.length > best!.length {
            best = (article.length, article.element)
        }
        return best?.element
    }

    /// The text blocks under `element` in page order, captions marked.
    static func collectBlocks(_ element: HTMLElement, into blocks: inout [(text: String, caption: Bool)]) {
        for child in element.elements where !dropped.contains(child.name) {
            if Self.blocks.contains(child.name) && !child.elements.contains(where: { Self.blocks.contains($0.name) }) {
                let text = inlineText(child)
                if !text.isEmpty { blocks.append((text, child.name == "figcaption")) }
            } else {
                collectBlocks(child, into: &blocks)
            }
        }
    }

    /// The visible text of an element on one line, dropped elements left out, `<br>` as a space.
    static func inlineText(_ element: HTMLElement) -> String {
        var raw = ""
        func walk(_ element: HTMLElement) {
            for child in element.children {
                switch child {
                case .text(let text): raw += text
                case .element(let inner):
                    if inner.name == "br" { raw += " " } else if !dropped.contains(inner.name) { walk(inner) }
                }
            }
        }
        walk(element)
        return TextNormalizer.paragraph(raw)
    }

    /// Every element called one of `names`, by name, each list in page order.
    static func elements(named names: Set<String>, in root: HTMLElement) -> [String: [HTMLElement]] {
        var found: [String: [HTMLElement]] = [:]
        visit(root) { element in
            let name = element.name
            if names.contains(name) { found[name, default: []].append(element) }
            return true
        }
        return found
    }

    /// Walks elements depth first; `body` returns whether to go into an element's children.
    static func visit(_ element: HTMLElement, _ body: (HTMLElement) -> Bool) {
        guard body(element) else { return }
        for child in element.elements { visit(child, body) }
    }

    static func httpURL(_ text: String) -> String? {
        let trimmed = TextNormalizer.paragraph(text)
        let lower = trimmed.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !trimmed.contains(" ") ? trimmed : nil
    }

    /// A date or UTC time the schema accepts, from an ISO 8601 value in a page.
    static func isoDate(_ text: String) -> String? {
        let trimmed = TextNormalizer.paragraph(text)
        if trimmed.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/#) != nil { return trimmed }
        if let match = trimmed.prefixMatch(of: #/\d{4}-\d{2}-\d{2}/#) { return String(match.output) }
        return DateText.parse(trimmed)?.iso
    }

    static func isLanguageTag(_ text: String) -> Bool {
        text.wholeMatch(of: #/[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*/#) != nil
    }
}
