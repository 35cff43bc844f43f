/// Orders ISO 8601 UTC times (`2014-11-18T15:04:05Z`, with optional fractional seconds).
enum UTCTime {
    /// A key that sorts like the instant: the seconds part, then the fraction padded to nine digits.
    static func sortKey(_ time: String) -> String {
        var body = Substring(time.trimmingWhitespace())
        if body.last == "Z" { body.removeLast() }
        let parts = body.split(separator: ".", maxSplits: 1)
        let seconds = parts.first.map(String.init) ?? ""
        var fraction = parts.count > 1 ? String(parts[1].prefix(9)) : ""
        fraction += String(repeating: "0", count: 9 - fraction.count)
        // Years past 9999 would need a wider field; pad so 5-digit years still sort after 4-digit ones.
        let year = seconds.prefix { $0 != "-" }
        return String(repeating: "0", count: max(0, 6 - year.count)) + seconds + "." + fraction
    }
}
