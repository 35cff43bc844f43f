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

    /// The `encoding` pseudo-attribute of the XML declaration, if there is one. Read as bytes:
    /// every document passes through here, and searching a `String` breaks it into characters.
    static func declaredEncoding(in bytes: [UInt8]) -> String? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard bytes[start...].starts(with: "<?xml".utf8),
              let end = bytes[start..<min(bytes.count, start + 1024)].firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        let key = Array("encoding".utf8)
        guard var index = (start..<end).first(where: { bytes[$0..<end].starts(with: key) }) else { return nil }
        index += key.count
        while index < end, [UInt8(ascii: " "), UInt8(ascii: "="), UInt8(ascii: "\t")].contains(bytes[index]) { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { return nil }
        let quote = bytes[index]
        index += 1
        let valueEnd = bytes[index..<end].firstIndex(of: quote) ?? end
        return String(decoding: bytes[index..<valueEnd], as: UTF8.self)
    }
}
