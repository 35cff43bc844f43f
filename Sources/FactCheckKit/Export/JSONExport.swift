import FoundationEssentials

/// Stable JSON for the exports: sorted keys (so `@context` and `@type` come first), two-space indents.
enum JSONExport {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding these value types cannot fail: they hold only strings, numbers and arrays.
        let data = (try? encoder.encode(value)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }
}

/// `{"@type": …, "name": …}` and similar small schema.org objects.
struct Named: Encodable {
    var type: String
    var name: String
    var url: String?

    enum CodingKeys: String, CodingKey {
        case type = "@type"
        case name, url
    }
}
