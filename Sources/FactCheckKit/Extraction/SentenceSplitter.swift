/// One sentence of an article, with its offsets in Unicode scalars.
public struct Sentence: Sendable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int
}

/// Splits article text into sentences, surviving abbreviations ("Mr.", "Jan."), initials
/// ("J. K. Rowling"), initialisms ("U.S."), decimals, and quotations.
public enum SentenceSplitter {
    /// Words that end with a period without ending a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
        "st", "mt", "ft", "jr", "sr", "inc", "ltd", "co", "corp", "bros", "vs", "etc", "approx", "dept", "est",
        "fig", "no", "nos", "vol", "p", "pp", "sec", "ch", "para", "rev", "hon", "pres", "supt", "messrs", "mme", "mlle", "ave", "blvd",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "e.g", "i.e", "cf", "al", "ca",
    ]
    /// Words that start sentences; after an initialism such as "U.S." they mark a real boundary.
    static let sentenceStarters: Set<String> = [
        "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "in", "on",
        "at", "but", "and", "or", "so", "yet", "a", "an", "there", "here", "his", "her", "their", "our", "my",
        "if", "when", "while", "after", "before", "as", "for", "however", "meanwhile", "still", "then",
    ]
    static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "]", "»"]
    static let openers: Set<Unicode.Scalar> = ["\"", "'", "“", "‘", "(", "[", "«"]
    static let terminators: Set<Unicode.Scalar> = [".", "!", "?", "…"]

    /// The sentences of `text`; with `limit`, at most one more than `limit` (enough to tell the
    /// text has more, without splitting the rest).
    public static func split(_ text: String, limit: Int = .max) -> [Sentence] {
        let scalars = Array(text.unicodeScalars)
        var sentences: [Sentence] = []
        var start = 0
        var index = 0

        func emit(upTo end: Int) {
            var lower = start
            var upper = end
            while lower < upper && scalars[lower].isUnicodeWhitespace { lower += 1 }
            while upper > lower && scalars[upper - 1].isUnicodeWhitespace { upper -= 1 }
            if lower < upper {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[lower..<upper])
                sentences.append(Sentence(text: String(view), start: lower, end: upper))
            }
            start = end
        }

        while index < scalars.count && sentences.count <= limit {
            let scalar = scalars[index]
            if scalar == "\n" {
                emit(upTo: index)
                index += 1
                continue
            }
            guard terminators.contains(scalar) else {
                index += 1
                continue
            }
            var after = index + 1
            while after < scalars.count && (terminators.contains(scalars[after]) || closers.contains(scalars[after])) {
                after += 1
            }
            if after == scalars.count || scalars[after] == "\n" {
                emit(upTo: after)
                index = after
                continue
            }
            guard scalars[after].isUnicodeWhitespace else {
                index = after
                continue
            }
            var next = after
            while next < scalars.count && scalars[next] == " " { next += 1 }
            if isBoundary(scalars, terminator: index, next: next) {
                emit(upTo: after)
            }
            index = after
        }
        if sentences.count <= limit { emit(upTo: scalars.count) }
        return sentences
    }

    private static func isBoundary(_ scalars: [Unicode.Scalar], terminator: Int, next: Int) -> Bool {
        guard next < scalars.count else { return true }
        let first = scalars[next]
        let startsLikeSentence = first.properties.isUppercase || openers.contains(first)
            || ("0"..."9").contains(first)
        guard startsLikeSentence else { return false }
        guard scalars[terminator] == "." else { return true }

        // The word that the period ends.
        var wordStart = terminator
        while wordStart > 0 && !scalars[wordStart - 1].isUnicodeWhitespace && !openers.contains(scalars[wordStart - 1]) {
            wordStart -= 1
        }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: scalars[wordStart..<terminator])
        let token = String(word)
        let lower = token.lowercased()
        if abbreviations.contains(lower) { return false }
        // A single capital letter: an initial, as in "J. K. Rowling".
        if token.count == 1, let letter = token.unicodeScalars.first, letter.properties.isUppercase { return false }
        // An initialism such as "U.S" or "U.N": a boundary only if a typical sentence opening follows.
        if isInitialism(token) {
            return sentenceStarters.contains(nextWord(scalars, from: next).lowercased())
        }
        return true
    }

    /// Letters each followed by a period, then a last letter: "U.S", "U.N", "e.g".
    private static func isInitialism(_ token: String) -> Bool {
        let characters = Array(token)
        guard characters.count >= 3, characters.count % 2 == 1 else { return false }
        return characters.indices.allSatisfy { $0 % 2 == 0 ? characters[$0].isLetter : characters[$0] == "." }
    }

    private static func nextWord(_ scalars: [Unicode.Scalar], from index: Int) -> String {
        var view = String.UnicodeScalarView()
        var position = index
        while position < scalars.count && scalars[position].properties.isAlphabetic {
            view.append(scalars[position])
            position += 1
        }
        return String(view)
    }
}
