/// Dates and times as the schemas' `xs:date` and `xs:dateTime` take them: a pattern is not enough,
/// the day must exist (no 2026-10-00, no 2014-02-30) and the time of day too.
enum CalendarDate {
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// `text` if it is `YYYY-MM-DD`, or that with `Thh:mm:ss`, a fraction and a zone (`Z`, `±hh:mm`),
    /// naming a day and a time that exist.
    static func validated(_ text: String) -> String? {
        guard let match = text.wholeMatch(
            of: #/(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(T(?<h>\d{2}):(?<min>\d{2}):(?<s>\d{2})(\.\d+)?(?<zone>Z|[+-](?<zh>\d{2}):(?<zm>\d{2}))?)?/#),
              isValid(year: Int(match.y)!, month: Int(match.m)!, day: Int(match.d)!)
        else { return nil }
        if let hour = match.h.flatMap({ Int($0) }) {
            guard hour < 24, Int(match.min!)! < 60, Int(match.s!)! < 60 else { return nil }
            if let zoneHours = match.zh.flatMap({ Int($0) }), let zoneMinutes = match.zm.flatMap({ Int($0) }) {
                guard zoneHours < 14 || (zoneHours == 14 && zoneMinutes == 0), zoneMinutes < 60 else { return nil }
            }
        }
        return text
    }
}
