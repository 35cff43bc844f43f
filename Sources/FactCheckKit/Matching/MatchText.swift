/// How claim matching reads a text: the words that carry its meaning, each reduced to a stem.
///
/// - Links (`https://…`, `pic.twitter.com/…`) are dropped.
/// - A hashtag or handle counts as itself and as the words it runs together (`#FyreFestival`:
///   `fyrefestival`, `fyre`, `festival`), since a published fact-check spells them apart.
/// - Words are lower-cased, apostrophes dropped (`didn't`: `didnt`), stop words and one-letter words
///   left out, and the rest stemmed (Porter: `vanished`, `vanishing`: `vanish`).
/// - A social-media post's signature, `— Name (@handle) Month D, YYYY` at its end, is kept apart:
///   it names who posted and when, which counts, but less than what was said.
public enum MatchText {
    /// A text's words, stemmed: the body, and a post's signature.
    public struct Terms: Sendable, Equatable {
        public var body: [String]
        public var signature: [String]

        public var all: [String] { body + signature }
    }

    public static func terms(_ text: String) -> Terms {
        let (body, signature) = splitSignature(text)
        return Terms(body: words(body), signature: words(signature))
    }

    /// The words of `text`, stemmed, in order (no signature split).
    public static func words(_ text: String) -> [String] {
        var stems: [String: String] = [:]
        return words(text, stems: &stems)
    }

    /// `words`, remembering each word's stem in `stems` (an archive's texts share most words).
    static func words(_ text: String, stems: inout [String: String]) -> [String] {
        var result: [String] = []
        for token in tokens(withoutLinks(text)) {
            if token.marked {
                let parts = camelParts(token.text)
                if parts.count > 1 { result += parts.map { $0.lowercased() } }
                result.append(token.text.lowercased())
            } else {
                result.append(token.text.lowercased())
            }
        }
        return result.compactMap { word in
            if let known = stems[word] { return known.isEmpty ? nil : known }
            let plain = word.filter { $0 != "'" && $0 != "’" }
            let stem = plain.count > 1 && !stopWords.contains(plain) ? PorterStemmer.stem(plain) : ""
            stems[word] = stem
            return stem.isEmpty ? nil : stem
        }
    }

    /// Runs of letters and digits (with inner apostrophes), and whether `#` or `@` marked them.
    static func tokens(_ text: String) -> [(text: String, marked: Bool)] {
        var result: [(text: String, marked: Bool)] = []
        var current = ""
        var marked = false
        var previous: Character = " "
        func flush() {
            while current.last == "'" || current.last == "’" { current.removeLast() }
            if !current.isEmpty { result.append((current, marked)) }
            current = ""
            marked = false
        }
        for character in text {
            if character.isLetter || character.isNumber {
                if current.isEmpty { marked = previous == "#" || previous == "@" }
                current.append(character)
            } else if (character == "'" || character == "’") && !current.isEmpty {
                current.append(character)
            } else {
                flush()
            }
            previous = character
        }
        flush()
        return result
    }

    /// `FyreFestival`: `Fyre`, `Festival`; `NASAEngineers`: `NASA`, `Engineers`; `Trump2020`: `Trump`, `2020`.
    static func camelParts(_ word: String) -> [String] {
        let characters = Array(word)
        var parts: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            if !current.isEmpty {
                let last = current.last!
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let startsWord = (character.isUppercase && last.isLowercase)
                    || (character.isUppercase && last.isUppercase && next?.isLowercase == true)
                    || (character.isNumber != last.isNumber)
                if startsWord {
                    parts.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { parts.append(current) }
        return parts.filter { $0 != "_" }
    }

    static func withoutLinks(_ text: String) -> String {
        // Every link has a slash: most texts have none and are left as they are.
        guard text.utf8.contains(UInt8(ascii: "/")) else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false).map { piece in
            guard piece.utf8.contains(UInt8(ascii: "/")) else { return String(piece) }
            let lower = piece.lowercased()
            let isLink = lower.contains("http://") || lower.contains("https://") || lower.contains("pic.twitter.com/")
                || lower.contains(".com/")
            return isLink ? "" : String(piece)
        }.joined(separator: " ")
    }

    /// A trailing `— Name (@handle) date` apart from the body before it.
    static func splitSignature(_ text: String) -> (body: String, signature: String) {
        guard let dash = text.lastIndex(where: { $0 == "—" }) else { return (text, "") }
        let signature = text[dash...]
        guard signature.contains("(@"), signature.contains(")") else { return (text, "") }
        return (String(text[..<dash]), String(signature.dropFirst()))
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "and", "or", "is", "are", "was", "were", "be", "been", "it", "its", "this",
        "that", "for", "with", "as", "at", "by", "from", "has", "have", "had", "not", "no", "but", "if", "so", "do", "does",
        "did", "he", "she", "they", "we", "you", "his", "her", "their", "our", "your", "my", "me", "him", "them", "us",
        "will", "would", "can", "could", "should", "may", "might", "than", "then", "there", "here", "what", "which", "who",
        "whom", "whose", "when", "where", "why", "how", "all", "any", "some", "such", "into", "about", "over", "after",
        "before", "up", "down", "out", "just", "also", "more", "most", "very",
    ]
}
