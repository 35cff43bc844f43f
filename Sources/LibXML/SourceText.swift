/// The raw bytes of a parsed input, kept to find columns that libxml2 reports only by line: the
/// whole input, or the lines of it from `firstLine` on.
package final class SourceText: Sendable {
    package let bytes: [UInt8]
    /// The input's line number of the first line in `bytes`.
    package let firstLine: Int

    package init(_ bytes: [UInt8], firstLine: Int = 1) {
        self.bytes = bytes
        self.firstLine = firstLine
    }

    /// The 1-based column (in characters) where `<name` opens on `line`, or nil if it is not there.
    package func column(ofTag name: String, line: Int) -> Int? {
        guard let start = offset(ofLine: line) else { return nil }
        let needle = Array("<\(name)".utf8)
        var index = start
        while index < bytes.count, bytes[index] != 0x0A {
            if bytes[index...].starts(with: needle) {
                let after = index + needle.count
                if after == bytes.count || [0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E].contains(bytes[after]) {
                    return characterCount(from: start, to: index) + 1
                }
            }
            index += 1
        }
        return nil
    }

    /// Where line `line` (1-based, of the whole input) starts, as an offset into `bytes`.
    package func offset(ofLine line: Int) -> Int? {
        guard line >= firstLine else { return nil }
        var current = firstLine
        var index = 0
        while current < line {
            guard let newline = bytes[index...].firstIndex(of: 0x0A) else { return nil }
            index = newline + 1
            current += 1
        }
        return index
    }

    private func characterCount(from start: Int, to end: Int) -> Int {
        // Count UTF-8 lead bytes, so columns are in characters like an editor shows them.
        bytes[start..<end].reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
    }
}

/// A place in an input found by reading it from the start: 1-based line and column in characters.
package struct TextLocation: Sendable, Equatable {
    package var line = 1
    package var column = 1

    package init() {}

    /// Where `offset` is in `bytes`.
    package init(of offset: Int, in bytes: [UInt8]) {
        bytes.withUnsafeBytes { advance(over: UnsafeRawBufferPointer(rebasing: $0[..<min(offset, $0.count)])) }
    }

    /// Moves past `bytes`.
    package mutating func advance(over bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
    }
}
