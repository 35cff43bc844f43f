/// Finding a phrase in text by its UTF-8 bytes: String's `contains` compares characters, ten
/// times the cost, for cue phrases that are whole words anyway.
enum ByteSearch {
    /// Whether `phrase` occurs in `text`, byte for byte in UTF-8 (a phrase is whole characters, so a
    /// match is one too, but for a combining mark right after it).
    static func contains(_ text: [UInt8], _ phrase: String) -> Bool {
        let needle = Array(phrase.utf8)
        guard let first = needle.first, needle.count <= text.count else { return needle.isEmpty }
        var index = 0
        let last = text.count - needle.count
        while index <= last {
            if text[index] == first && text[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
