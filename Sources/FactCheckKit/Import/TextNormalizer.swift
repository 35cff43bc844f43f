#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Normalizes article text the one way anchors rely on: NFC, line feeds only, no control or
/// format characters, single spaces inside paragraphs, paragraphs separated by one blank line.
public enum TextNormalizer {
    /// One paragraph: white space runs become one space, ends trimmed, invisible characters removed.
    public static func paragraph(_ text: String) -> String {
        // Built as bytes: appending scalars to a String one by one took most of a long page's import.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.canonicallyComposed.unicodeScalars {
            if scalar.isUnicodeWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if scalar.value < 0x80 {
                // ASCII: only the controls are dropped; no table look-up.
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
            } else {
                switch scalar.properties.generalCategory {
                case .format where scalar != "\u{200D}":  // keep the joiner inside emoji sequences
                    continue
                case .control, .surrogate, .privateUse, .unassigned:
                    continue
                default:
                    break
                }
            }
            if pendingSpace {
                result.append(UInt8(ascii: " "))
                pendingSpace = false
            }
            if scalar.value < 0x80 {
                result.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { result.append($0) }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Paragraphs joined into an article text, empty ones dropped.
    public static func article(_ paragraphs: [String]) -> String {
        paragraphs.map(paragraph).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// Splits plain text into paragraphs at blank lines and at single line breaks (saved web
    /// pages put one paragraph a line).
    public static func lines(_ text: String) -> [String] {
        text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { paragraph(String($0)) }
            .filter { !$0.isEmpty }
    }
}
