/// Writes decimals the same way on every platform, without C's printf or Foundation's formatters.
public enum DecimalFormat {
    /// A whole number with its thousands set apart by commas: 30,009.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

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
