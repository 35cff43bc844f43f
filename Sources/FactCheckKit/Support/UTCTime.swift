/// Orders ISO 8601 UTC times (`2014-11-18T15:04:05Z`, with optional fractional seconds).
enum UTCTime {
    /// Whether time `a` is before time `b`; written the same way (the usual case), their bytes decide.
    static func precedes(_ a: String, _ b: String) -> Bool {
        if a.utf8.count == b.utf8.count { return a.utf8.lexicographicallyPrecedes(b.utf8) }
        return sortKey(a) < sortKey(b)
    }

    /// The instant as one number that sorts like it, to the millisecond: YYYYMMDDhhmmss and three
    /// digits of the fraction (a date alone is its day's first instant). Small to store and compare.
    static func sortNumber(_ time: String) -> Int64 {
        let key = Array(sortKey(time).utf8)
        var fields: [Int64] = []
        var value: Int64 = 0
        var digits = 0
        var fraction: Int64 = 0
        var inFraction = false
        for byte in key {
            if (0x30...0x39).contains(byte) {
                if inFraction {
                    if digits < 3 { fraction = fraction * 10 + Int64(byte - 0x30) }
                } else {
                    value = value * 10 + Int64(byte - 0x30)
                }
                digits += 1
            } else if !inFraction {
                fields.append(value)
                value = 0
                digits = 0
                inFraction = byte == UInt8(ascii: ".")
            }
        }
        if !inFraction { fields.append(value) }
        while digits < 3 && inFraction {
            fraction *= 10
            digits += 1
        }
        while fields.count < 6 { fields.append(0) }
        let (year, month, day, hour, minute, second) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5])
        return (((((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute) * 100 + second) * 1000 + fraction
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
