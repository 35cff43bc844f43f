/// Writes scores and weights with at most four decimals and no trailing zeros, the same on every platform.
enum DecimalFormat {
    static func string(_ value: Double) -> String {
        let scaled = Int((value * 10_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        var fraction = String(magnitude % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        let whole = "\(sign)\(magnitude / 10_000)"
        return fraction.isEmpty ? whole : "\(whole).\(fraction)"
    }
}
