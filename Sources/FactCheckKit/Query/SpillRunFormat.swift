/// How a row is stored in a run: fixed fields, then the strings with their lengths.
enum SpillRunFormat {
    static func encode(_ row: ClaimRow, into bytes: inout [UInt8]) {
        append((row.score ?? -1).bitPattern, to: &bytes)
        append(UInt64(bitPattern: Int64(row.number)), to: &bytes)
        append(UInt64(bitPattern: row.changed), to: &bytes)
        bytes.append(UInt8(Status.allCases.firstIndex(of: row.status)!))
        bytes.append(row.rating.map { UInt8(Rating.allCases.firstIndex(of: $0)!) } ?? 0xFF)
        for text in [row.document, row.path, row.assignee ?? "", row.quote] {
            append(UInt64(text.utf8.count), to: &bytes)
            bytes += text.utf8
        }
        bytes.append(row.assignee == nil ? 0 : 1)
    }

    /// The row at `position`, moving past it; nil if `bytes` ends before it does.
    static func decode(_ bytes: [UInt8], at position: inout Int) -> ClaimRow? {
        var cursor = position
        guard let scoreBits = read(bytes, &cursor), let number = read(bytes, &cursor), let changed = read(bytes, &cursor),
              cursor + 2 <= bytes.count
        else {
            return nil
        }
        let status = Int(bytes[cursor]), rating = Int(bytes[cursor + 1])
        cursor += 2
        var texts: [String] = []
        for _ in 0..<4 {
            guard let length = read(bytes, &cursor), cursor + Int(length) <= bytes.count else { return nil }
            texts.append(String(decoding: bytes[cursor..<cursor + Int(length)], as: UTF8.self))
            cursor += Int(length)
        }
        guard cursor < bytes.count, status < Status.allCases.count else { return nil }
        let hasAssignee = bytes[cursor] == 1
        cursor += 1
        position = cursor
        let score = Double(bitPattern: scoreBits)
        return ClaimRow(
            score: score == -1 ? nil : score, document: texts[0], path: texts[1], number: Int(Int64(bitPattern: number)),
            status: Status.allCases[status], rating: rating < Rating.allCases.count ? Rating.allCases[rating] : nil,
            assignee: hasAssignee ? texts[2] : nil, quote: texts[3], changed: Int64(bitPattern: changed))
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private static func read(_ bytes: [UInt8], _ cursor: inout Int) -> UInt64? {
        guard cursor + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[cursor + index]) << UInt64(8 * index) }
        cursor += 8
        return value
    }
}
