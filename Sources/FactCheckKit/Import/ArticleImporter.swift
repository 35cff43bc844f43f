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
        return try readText(bytes, path: path)
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
