/// Finds where a quoted passage stands in an article, for claims added by hand.
public enum QuoteAnchor {
    /// Why a quote could not be anchored.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case notFound(String)
        case ambiguous(String, count: Int)
        case noSuchOccurrence(String, occurrence: Int, count: Int)

        public var description: String {
            switch self {
            case .empty:
                return "the quote is empty"
            case .notFound(let quote):
                return "the quote '\(quote)' is not in the article text (white space is compared as single spaces)"
            case .ambiguous(let quote, let count):
                return "the quote '\(quote)' appears \(count) times; pass --occurrence 1 to \(count)"
            case .noSuchOccurrence(let quote, let occurrence, let count):
                return "the quote '\(quote)' appears \(count) \(count == 1 ? "time" : "times"), so there is no occurrence \(occurrence)"
            }
        }
    }

    /// The anchor of occurrence `occurrence` (1-based) of `quote` in `text`; without an occurrence
    /// the quote must appear exactly once.
    public static func find(_ quote: String, in text: String, occurrence: Int? = nil) throws(Failure) -> Anchor {
        let needle = Array(TextNormalizer.paragraph(quote).unicodeScalars)
        guard !needle.isEmpty else { throw .empty }
        let scalars = ScalarText(text)
        // Compare with every white space run (a line break between paragraphs too) as one space,
        // remembering where each compared scalar stands in the text.
        var haystack: [Unicode.Scalar] = []
        var origin: [Int] = []
        for (index, scalar) in scalars.scalars.enumerated() {
            if scalar.isUnicodeWhitespace {
                if haystack.last != " " {
                    haystack.append(" ")
                    origin.append(index)
                }
            } else {
                haystack.append(scalar)
                origin.append(index)
            }
        }
        var starts: [Int] = []
        if needle.count <= haystack.count {
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                if haystack[start..<(start + needle.count)].elementsEqual(needle) { starts.append(start) }
            }
        }
        var shown = String(String.UnicodeScalarView(needle))
        if shown.count > 60 { shown = String(shown.prefix(59)) + "…" }
        guard !starts.isEmpty else { throw .notFound(shown) }
        let index: Int
        if let occurrence {
            guard occurrence >= 1 && occurrence <= starts.count else {
                throw .noSuchOccurrence(shown, occurrence: occurrence, count: starts.count)
            }
            index = occurrence - 1
        } else {
            guard starts.count == 1 else { throw .ambiguous(shown, count: starts.count) }
            index = 0
        }
        let start = origin[starts[index]]
        let end = origin[starts[index] + needle.count - 1] + 1
        return scalars.anchor(start: start, end: end)
    }
}
