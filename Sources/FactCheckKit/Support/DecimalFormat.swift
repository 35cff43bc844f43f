/// Writes decimals the same way on every platform, without C's printf or Foundation's formatters.
public enum DecimalFormat {
    /// At most four decimals and no trailing zeros: scores and weights in documents.
    public static func string(_ value: Double) -> String {
        var text = fixed(value, places: 4)
        guard text.contains(".") else { return text }
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
        return text
    }

    /// Two decimals, as tables show scores and weights: `0.62`.
    public static func twoPlaces(_ value: Double) -> String {
        fixed(value, places: 2)
    }

    /// Exactly `places` decimals (at most 15), like printf's `%.Nf`: `fixed(0.625, places: 2)` is `0.63`.
    public static func fixed(_ value: Double, places: Int) -> String {
        precondition((0...15).contains(places), "places must be 0...15")
        var unit: Int64 = 1
        for _ in 0..<places { unit *= 10 }
        let scaled = Int64((value * Double(unit)).rounded())
        let magnitude = scaled.magnitude
        let whole = "\(scaled < 0 ? "-" : "")\(magnitude / UInt64(unit))"
        guard places > 0 else { return whole }
        let fraction = String(magnitude % UInt64(unit))
        return "\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }
}
