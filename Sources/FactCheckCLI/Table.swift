/// A plain text table: a header row, then aligned columns separated by two spaces.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    /// The table's lines; the last column is not padded.
    func render() -> String {
        var lines: [String] = []
        forEachLine { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// Hands out the table a line at a time, so a long table is never one string.
    func forEachLine(_ body: (String) -> Void) {
        var widths = headers.map(\.count)
        for row in rows {
            for column in row.indices { widths[column] = max(widths[column], row[column].count) }
        }
        for row in [headers] + rows {
            body(row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].padding(to: widths[column])
            }.joined(separator: "  "))
        }
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// At most `limit` characters, on one line, with an ellipsis when cut.
    func truncated(to limit: Int) -> String {
        let line = split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}
