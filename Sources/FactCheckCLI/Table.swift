/// A plain text table: a header row, then aligned columns separated by two spaces.
struct Table {
    var headers: [String]
    var rows: [[String]] = []
    /// Rows made when they are written, for long tables: handed out one at a time, twice, or
    /// once when the widths are known.
    private var made: ((([String]) -> Void) -> Void)?
    private var knownWidths: [Int]?

    init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    /// A table whose rows `produce` hands out twice, to measure and to write, instead of their
    /// being held.
    init(headers: [String], produce: @escaping (([String]) -> Void) -> Void) {
        self.headers = headers
        made = produce
    }

    /// A table whose rows `produce` hands out once, with each column's widest cell (headers
    /// included) measured beforehand.
    init(headers: [String], widths: [Int], produce: @escaping (([String]) -> Void) -> Void) {
        self.headers = headers
        made = produce
        knownWidths = widths
    }

    /// The table's lines; the last column is not padded.
    func render() -> String {
        var lines: [String] = []
        forEachLine { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// Hands out the table a line at a time, so a long table is never one string.
    func forEachLine(_ body: (String) -> Void) {
        let produce = made ?? { body in rows.forEach(body) }
        var widths = knownWidths ?? headers.map(\.displayWidth)
        if knownWidths == nil {
            produce { cells in
                for column in cells.indices { widths[column] = max(widths[column], cells[column].displayWidth) }
            }
        }
        let layout = Layout(widths: widths)
        body(layout.line(headers))
        produce { body(layout.line($0)) }
    }

    /// Lines of cells in columns of known widths.
    struct Layout: Sendable {
        let widths: [Int]
        /// Each run of spaces a cell can need, made once.
        private let pads: [String]

        init(widths: [Int]) {
            self.widths = widths
            pads = (0...(widths.max() ?? 0) + 2).map { String(repeating: " ", count: $0) }
        }

        /// The cells as one line, each padded to its column's width but the last.
        func line(_ cells: [String]) -> String {
            var line = ""
            line.reserveCapacity(widths.reduce(0, +) + 2 * widths.count)
            for (column, cell) in cells.enumerated() {
                line += cell
                guard column < cells.count - 1 else { break }
                line += pads[max(widths[column] - cell.displayWidth, 0) + 2]
            }
            return line
        }
    }
}

extension String {
    /// The text, padded with spaces to `width` columns of a terminal.
    func padding(to width: Int) -> String {
        let columns = displayWidth
        return columns >= width ? self : self + String(repeating: " ", count: width - columns)
    }
}

extension String {
    /// The line broken between words into lines of at most `width` columns, the later ones
    /// indented like the first (and past an opening quotation mark; a heading's by two), so a
    /// paragraph keeps its place under its heading. A word longer than a line (a url) stays whole on a line of its own.
    func wrapped(to width: Int) -> [String] {
        guard displayWidth > width else { return [self] }
        let lead = prefix { $0 == " " }
        // A heading's continuation goes under its text.
        var indent = lead.isEmpty ? "  " : String(lead)
        if dropFirst(lead.count).first == "“" { indent += " " }
        var lines: [String] = []
        var line = String(lead)
        var lineWidth = line.displayWidth
        var empty = true
        for word in dropFirst(lead.count).split(separator: " ", omittingEmptySubsequences: true) {
            let wordWidth = String(word).displayWidth
            if !empty && lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = indent
                lineWidth = indent.displayWidth
                empty = true
            }
            if !empty {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += wordWidth
            empty = false
        }
        lines.append(line)
        return lines
    }
}
