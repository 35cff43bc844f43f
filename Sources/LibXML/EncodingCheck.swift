/// Checks that input claims to be UTF-8 before libxml2 sees it, so a lying or foreign encoding
/// declaration cannot switch the parser's decoding.
enum EncodingCheck {
    /// A sentence describing why `bytes` are not acceptable UTF-8 XML, or nil if they may be parsed.
    static func problem(in bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return "document is UTF-16 or UTF-32; only UTF-8 is accepted"
        }
        if bytes.starts(with: [0x00, 0x00]) || (bytes.count > 1 && bytes[1] == 0x00) || bytes.first == 0x00 {
            return "document is not UTF-8 text (it starts with NUL bytes)"
        }
        guard let declared = declaredEncoding(in: bytes) else { return nil }
        let normalized = declared.lowercased()
        guard normalized == "utf-8" || normalized == "utf8" else {
            return "document declares encoding '\(Excerpt.sanitized(declared, limit: 40))'; only UTF-8 is accepted"
        }
        return nil
    }

    /// The `encoding` pseudo-attribute of the XML declaration, if there is one.
    static func declaredEncoding(in bytes: [UInt8]) -> String? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard body.starts(with: Array("<?xml".utf8)),
              let end = body.prefix(1024).firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        let declaration = String(decoding: body[..<end], as: UTF8.self)
        guard let range = declaration.firstRange(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        return String(rest.prefix { $0 != quote })
    }
}
