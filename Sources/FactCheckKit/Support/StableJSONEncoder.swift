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

    /// `string`, for the export's own value types, which hold only strings, numbers, optionals and
    /// arrays of them and so always encode.
    func exportString<T: Encodable>(_ value: T) -> String {
        (try? string(value)) ?? ""
    }
}
