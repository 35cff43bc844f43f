/// Orders ISO 8601 UTC times (`2014-11-18T15:04:05Z`, with optional fractional seconds).
enum UTCTime {
    /// Whether time `a` is before time `b`; written the same way (the usual case), their bytes decide.
    static func precedes(_ a: String, _ b: String) -> Bool {
        if a.utf8.count == b.utf8.count { return a.utf8.lexicographicallyPrecedes(b.utf8) }
        return sortKey(a) < sortKey(b)
    }

    /// A key that sorts like the instant: the seconds part, then the fraction padded to nine digits.
    static func sortKey(_ time: String) -> String {
        // The usual time, as the tool writes it (YYYY-MM-DDTHH:MM:SSZ): no fraction, no padding to find.
        if time.utf8.count == 20, time.utf8.last == UInt8(ascii: "Z"), time.utf8.dropLast().allSatisfy({ $0 > 0x20 && $0 != UInt8(ascii: ".") }) {
            return "00" + time.dropLast() + ".000000000"
        }
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The current time as the documents record it.
public enum UTCClock {
    /// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func now() -> String {
        let parts = components()
        return "\(parts.date)T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))Z"
    }

    /// Today's date in UTC, as `YYYY-MM-DD`.
    public static func today() -> String {
        components().date
    }

    private static func components() -> (date: String, hour: Int32, minute: Int32, second: Int32) {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let date = "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))"
        return (date, parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    private static func pad(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
