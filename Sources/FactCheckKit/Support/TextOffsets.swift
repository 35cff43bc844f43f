#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A text indexed by Unicode scalar, so offsets mean what W3C TextPositionSelector means.
///
/// Kept as UTF-8 with the byte offset of every 64th scalar, so that it costs one pass to make
/// (every document read checks its anchors with one) and finding an offset walks at most 63
/// scalars; in an ASCII text a scalar offset is the byte offset.
public struct ScalarText: Sendable {
    private let utf8: [UInt8]
    /// `checkpoints[k]` is where scalar `64 * k` starts; empty for ASCII text.
    private let checkpoints: [Int]
    public let count: Int

    public init(_ text: String) {
        utf8 = Array(text.utf8)
        var count = 0
        var checkpoints: [Int] = []
        utf8.withUnsafeBufferPointer { bytes in
            for offset in bytes.indices where bytes[offset] & 0xC0 != 0x80 {
                if count & 63 == 0 { checkpoints.append(offset) }
                count += 1
            }
        }
        self.count = count
        self.checkpoints = count == utf8.count ? [] : checkpoints
    }

    /// The text's scalars, in order.
    public var scalars: [Unicode.Scalar] {
        Array(String(decoding: utf8, as: UTF8.self).unicodeScalars)
    }

    /// Where scalar `index` (0...count) starts in the UTF-8.
    private func byteOffset(_ index: Int) -> Int {
        guard index < count else { return utf8.count }
        guard !checkpoints.isEmpty else { return index }
        var offset = checkpoints[index >> 6]
        for _ in 0..<(index & 63) {
            offset += 1
            while utf8[offset] & 0xC0 == 0x80 { offset += 1 }
        }
        return offset
    }

    /// The text between scalar offsets `start` and `end`, clamped to the text.
    public func slice(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, count))
        let upper = max(lower, min(end, count))
        return String(decoding: utf8[byteOffset(lower)..<byteOffset(upper)], as: UTF8.self)
    }

    /// Whether `text`, `length` scalars long, stands at `start`.
    public func matches(_ text: String, at start: Int, length: Int) -> Bool {
        guard start >= 0, length >= 0, start + length <= count else { return false }
        // Equal UTF-8 is equal scalars.
        let from = byteOffset(start), to = byteOffset(start + length)
        var text = text
        return text.withUTF8 { candidate in
            candidate.count == to - from && utf8.withUnsafeBufferPointer { stored in
                candidate.isEmpty || memcmp(candidate.baseAddress!, stored.baseAddress! + from, candidate.count) == 0
            }
        }
    }

    /// The anchor for the text between `start` and `end`, with up to 32 scalars of context each side.
    public func anchor(start: Int, end: Int) -> Anchor {
        Anchor(
            start: start, end: end,
            prefix: slice(start - Anchor.contextLength, start),
            exact: slice(start, end),
            suffix: slice(end, end + Anchor.contextLength))
    }
}

extension String {
    /// Whether the UTF-8 of the string holds `byte`: an ASCII character, found without decoding.
    func containsASCII(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { $0.count > 0 && memchr($0.baseAddress!, Int32(byte), $0.count) != nil }
    }
}

extension String {
    /// At most `limit` columns of a terminal (`displayWidth`; `limit` ≥ 1), on one line (each run of
    /// line breaks one space), with an ellipsis when cut. The cut falls between words, unless that
    /// would give up more than half of the room (one long word). Reads only as far as it keeps: a
    /// listing cuts every quote it shows.
    public func truncated(to limit: Int) -> String {
        // Printable ASCII, the usual quote: a byte is a column, no grapheme breaking needed.
        var text = self
        let ascii: String? = text.withUTF8 { bytes in
            let looked = bytes.prefix(limit + 1)
            guard looked.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
            guard looked.count > limit else { return self }
            let room = limit - 1
            var end = room
            if looked[room] != 0x20, let space = looked[..<room].lastIndex(of: 0x20), space >= room / 2 { end = space }
            while end > 0 && looked[end - 1] == 0x20 { end -= 1 }
            return String(decoding: looked[..<end], as: UTF8.self) + "…"
        }
        if let ascii { return ascii }
        // The characters kept so far, with newlines made spaces, and the columns they take.
        var kept: [(character: Character, width: Int)] = []
        var width = 0
        var separator = false
        for character in self {
            if character.isNewline {
                separator = !kept.isEmpty
                continue
            }
            if separator {
                kept.append((" ", 1))
                width += 1
                separator = false
            }
            let columns = DisplayWidth.of(character)
            kept.append((character, columns))
            width += columns
            if width > limit { break }
        }
        guard width > limit else { return String(kept.map(\.character)) }
        // Room for the ellipsis: the longest start that takes at most limit - 1 columns.
        var end = 0
        var used = 0
        while end < kept.count && used + kept[end].width <= limit - 1 {
            used += kept[end].width
            end += 1
        }
        if kept[end].character != " ", let space = kept[..<end].lastIndex(where: { $0.character == " " }), space >= end / 2 {
            end = space
        }
        while end > 0 && kept[end - 1].character == " " { end -= 1 }
        return String(kept[..<end].map(\.character)) + "…"
    }
}
