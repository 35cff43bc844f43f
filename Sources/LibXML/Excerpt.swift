/// Shortens and cleans text taken from untrusted input before it appears in a message.
package enum Excerpt {
    /// At most `limit` characters of `text`, with control characters shown as `?` and an ellipsis when cut.
    package static func sanitized(_ text: some StringProtocol, limit: Int = 60) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                result += "…"
                return result
            }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                result += scalar == "\n" || scalar == "\t" ? " " : "?"
            default:
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }
}
