import LibXML

/// Turns an article file, plain text or HTML, into a new annotation document.
public enum ArticleImporter {
    /// Article files larger than this are refused.
    public static let sizeLimit = 16 * 1024 * 1024

    /// Reads `path` as HTML (by its name or its first bytes) or as plain text.
    public static func read(_ path: String) throws(DocumentError) -> ImportedArticle {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path, limit: sizeLimit)
        } catch {
            throw DocumentError(error)
        }
        if isHTML(path: path, bytes: bytes) {
            return try HTMLImporter.read(bytes, path: path)
        }
        if let root = xmlRoot(bytes) {
            // A fragment of a page (no <html> around it) is still HTML.
            if htmlElements.contains(root.lowercased()) { return try HTMLImporter.read(bytes, path: path) }
            let what = root == "factcheck" || String(decoding: bytes.prefix(4096), as: UTF8.self).contains(AnnotationDocument.namespace)
                ? "an annotation document, not an article: it goes in the workspace as it is (copy it there), or `factcheck import` the article it annotates"
                : "XML (its root element is <\(root)>), not an article: import takes a web page (HTML) or plain text"
            throw .invalid([Diagnostic(file: path, line: 1, message: "this is \(what)")])
        }
        return try readText(bytes, path: path)
    }

    /// Elements a fragment of a web page starts with.
    static let htmlElements: Set<String> = [
        "head", "body", "main", "article", "section", "div", "p", "h1", "h2", "h3", "header", "title", "meta", "link",
        "span", "a", "b", "i", "em", "strong", "figure", "img", "nav", "table", "ul", "ol", "blockquote", "script", "style",
    ]

    /// The root element's name when `bytes` start (past a byte-order mark and white space) as XML
    /// does: a declaration, or a tag; nil for anything else.
    static func xmlRoot(_ bytes: [UInt8]) -> String? {
        var start = bytes.prefix(4096)[...]
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start = start.dropFirst(3) }
        start = start.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard start.first == UInt8(ascii: "<") else { return nil }
        // Past the declaration, comments and a doctype to the first tag.
        var rest = start
        while let open = rest.firstIndex(of: UInt8(ascii: "<")) {
            let after = rest[(open + 1)...]
            guard let first = after.first else { return nil }
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") {
                guard let close = after.firstIndex(of: UInt8(ascii: ">")) else { return nil }
                rest = rest[(close + 1)...]
                continue
            }
            let name = after.prefix { !" \t\r\n/>".utf8.contains($0) }
            guard let letter = name.first, (UInt8(ascii: "A")...UInt8(ascii: "z")).contains(letter) || letter == UInt8(ascii: "_") || letter >= 0x80
            else { return nil }
            let text = String(decoding: name, as: UTF8.self)
            return String(text.split(separator: ":").last ?? Substring(text))
        }
        return nil
    }

    /// Plain text, such as a page saved as text: one paragraph a line, page furniture around it.
    public static func readText(_ bytes: [UInt8], path: String) throws(DocumentError) -> ImportedArticle {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let nul = body.firstIndex(of: 0) {
            throw .invalid([Diagnostic(file: path, line: line(of: nul, in: bytes), message: "file holds binary data (a NUL byte); expected plain text or HTML")])
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            let offset = firstInvalidUTF8(in: bytes)
            throw .invalid([Diagnostic(file: path, line: line(of: offset, in: bytes), message: "text is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))")])
        }
        var article = ImportedArticle()
        PageLayout.classify(TextNormalizer.lines(text), into: &article)
        return article
    }

    /// HTML by file name, or by a doctype or `<html>` near the start.
    static func isHTML(path: String, bytes: [UInt8]) -> Bool {
        let lowerPath = path.lowercased()
        if lowerPath.hasSuffix(".html") || lowerPath.hasSuffix(".htm") || lowerPath.hasSuffix(".xhtml") { return true }
        let start = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        return start.contains("<!doctype html") || start.contains("<html")
    }

    /// The document for an imported article, with no claims yet.
    public static func document(_ imported: ImportedArticle, id: String) throws(DocumentError) -> AnnotationDocument {
        let text = imported.text
        guard !text.isEmpty else {
            throw .invalid([Diagnostic(file: id, message: "no article text found (no paragraph of eight words or more ending a sentence)")])
        }
        let article = Article(
            id: id, title: imported.title ?? String(text.prefix { $0 != "\n" }.prefix(120)),
            url: imported.url, publisher: imported.publisher, authors: imported.authors,
            published: imported.published, retrieved: imported.retrieved, language: imported.language,
            captions: imported.captions, text: text)
        return AnnotationDocument(article: article)
    }

    /// A document id from a title or file name: lower-case ASCII words joined by hyphens.
    public static func slug(_ text: String) -> String {
        var words: [String] = []
        var current = ""
        for scalar in text.canonicallyDecomposed.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory != .nonspacingMark, !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words where slug.count + word.count + 1 <= 60 {
            slug += slug.isEmpty ? word : "-" + word
        }
        return slug
    }

    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The offset of the first byte that does not start a well-formed UTF-8 sequence.
    private static func firstInvalidUTF8(in bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3
                : lead >= 0xF0 && lead < 0xF5 ? 4 : 0
            guard length > 0, index + length <= bytes.count,
                  String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            else { return index }
            index += length
        }
        return max(0, bytes.count - 1)
    }
}
