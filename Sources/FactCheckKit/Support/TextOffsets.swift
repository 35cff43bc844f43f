/// A text indexed by Unicode scalar, so offsets mean what W3C TextPositionSelector means.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    public var count: Int { scalars.count }

    /// The text between scalar offsets `start` and `end`, clamped to the text.
    public func slice(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, count))
        let upper = max(lower, min(end, count))
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[lower..<upper])
        return String(result)
    }

    /// Whether `text`, `length` scalars long, stands at `start`.
    public func matches(_ text: String, at start: Int, length: Int) -> Bool {
        guard start >= 0, length >= 0, start + length <= count else { return false }
        return scalars[start..<(start + length)].elementsEqual(text.unicodeScalars)
    }

    /// The anchor for the text between `start` and `end`, with up to 32 scalars of context each side.
    public func anchor(start: Int, end: Int) -> Anchor {
        Anchor(
            start: start, end: end,
            prefix: slice(start - Anchor.contextLength, start),
            exact: slice(start, end),
            suffix: slice(end, end + Anchor.contextLength))
    }
}
