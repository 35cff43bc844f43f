#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one way the tool writes JSON, for exports and for `--json`: sorted keys (so `@context` and
/// `@type` come first) and slashes left alone; two-space indents, or everything on one line.
public struct StableJSONEncoder {
    private let encoder = JSONEncoder()

    /// `oneLine` writes each value on a single line (JSON Lines) instead of indented.
    public init(oneLine: Bool = false) {
        encoder.outputFormatting = oneLine ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    }

    /// `value` as JSON text, with no line feed at the end.
    public func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `string` with `<`, `>`, `&`, U+2028 and U+2029 written as JSON escapes, so the text can go
    /// inside an HTML `<script>` block (no `</script>` or `<!--` in it) or a JavaScript string as it
    /// is, and means the same JSON. For the exports' own value types, which hold only strings,
    /// numbers, optionals and arrays of them and so always encode.
    func embeddableString<T: Encodable>(_ value: T) -> String {
        let text = (try? string(value)) ?? ""
        guard text.unicodeScalars.contains(where: { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) }) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": escaped.append(contentsOf: "\\u003c".unicodeScalars)
            case ">": escaped.append(contentsOf: "\\u003e".unicodeScalars)
            case "&": escaped.append(contentsOf: "\\u0026".unicodeScalars)
            case "\u{2028}": escaped.append(contentsOf: "\\u2028".unicodeScalars)
            case "\u{2029}": escaped.append(contentsOf: "\\u2029".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
