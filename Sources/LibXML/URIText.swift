import CLibXML2

/// URLs as libxml2 reads them, which is how the schemas' `xs:anyURI` values are checked.
package enum URIText {
    /// Whether `text` is an http or https url with a host, as the schemas' `xs:anyURI` (libxml2's URI
    /// parser) accepts it.
    package static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), text.utf8.count <= 2048,
              !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        // As libxml2's anyURI check does: bytes a URI cannot hold become "_" before it is parsed.
        let special = Set("<>\"{}|\\^`' ".utf8)
        let cleaned = String(decoding: text.utf8.map { $0 < 32 || $0 >= 127 || special.contains($0) ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
        guard let uri = xmlParseURI(cleaned) else { return false }
        defer { xmlFreeURI(uri) }
        guard let server = uri.pointee.server else { return false }
        return server.pointee != 0
    }
}
