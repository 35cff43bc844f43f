/// M. F. Porter's suffix-stripping algorithm (1980), as he published it: `connected`,
/// `connecting` and `connection` all become `connect`. Works on lower-case ASCII words; any other
/// word is returned as it is.
enum PorterStemmer {
    static func stem(_ word: String) -> String {
        guard word.utf8.count > 2, word.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else {
            return word
        }
        var w = Word(Array(word.utf8))
        w.step1a()
        w.step1b()
        w.step1c()
        w.step2()
        w.step3()
        w.step4()
        w.step5()
        return String(decoding: w.letters, as: UTF8.self)
    }

    private struct Word {
        var letters: [UInt8]

        init(_ letters: [UInt8]) { self.letters = letters }

        /// Whether the letter at `index` is a consonant: not a, e, i, o, u, and not a y after a consonant.
        func isConsonant(_ index: Int) -> Bool {
            switch letters[index] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return false
            case UInt8(ascii: "y"): return index == 0 ? true : !isConsonant(index - 1)
            default: return true
            }
        }

        /// m: the number of vowel-consonant sequences in the first `length` letters.
        func measure(_ length: Int) -> Int {
            var count = 0
            var index = 0
            while index < length && isConsonant(index) { index += 1 }
            while index < length {
                while index < length && !isConsonant(index) { index += 1 }
                guard index < length else { break }
                count += 1
                while index < length && isConsonant(index) { index += 1 }
            }
            return count
        }

        func hasVowel(_ length: Int) -> Bool { (0..<length).contains { !isConsonant($0) } }

        func endsWithDoubleConsonant(_ length: Int) -> Bool {
            length >= 2 && letters[length - 1] == letters[length - 2] && isConsonant(length - 1)
        }

        /// Consonant-vowel-consonant at the end, the last not w, x or y (hop, not hoop).
        func endsCVC(_ length: Int) -> Bool {
            guard length >= 3, isConsonant(length - 1), !isConsonant(length - 2), isConsonant(length - 3) else { return false }
            let last = letters[length - 1]
            return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
        }

        func ends(_ suffix: String) -> Bool {
            let count = suffix.utf8.count
            return letters.count >= count && letters.suffix(count).elementsEqual(suffix.utf8)
        }

        /// The length of the stem left without `suffix` (which the word ends with).
        func stemLength(_ suffix: String) -> Int { letters.count - suffix.utf8.count }

        mutating func replace(_ suffix: String, with replacement: String) {
            letters.removeLast(suffix.utf8.count)
            letters += Array(replacement.utf8)
        }

        /// Replaces `suffix` when the stem's measure is above `minimum`; true when the word ended with it.
        mutating func replace(_ suffix: String, with replacement: String, measureAbove minimum: Int) -> Bool {
            guard ends(suffix) else { return false }
            if measure(stemLength(suffix)) > minimum { replace(suffix, with: replacement) }
            return true
        }

        mutating func step1a() {
            if ends("sses") { replace("sses", with: "ss") } else if ends("ies") { replace("ies", with: "i") }
            else if ends("ss") {} else if ends("s") { replace("s", with: "") }
        }

        mutating func step1b() {
            if ends("eed") {
                if measure(stemLength("eed")) > 0 { replace("eed", with: "ee") }
                return
            }
            var removed = false
            for suffix in ["ed", "ing"] where ends(suffix) && hasVowel(stemLength(suffix)) {
                replace(suffix, with: "")
                removed = true
                break
            }
            guard removed else { return }
            if ends("at") || ends("bl") || ends("iz") {
                letters.append(UInt8(ascii: "e"))
            } else if endsWithDoubleConsonant(letters.count),
                      ![UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "z")].contains(letters[letters.count - 1]) {
                letters.removeLast()
            } else if measure(letters.count) == 1 && endsCVC(letters.count) {
                letters.append(UInt8(ascii: "e"))
            }
        }

        mutating func step1c() {
            if ends("y") && hasVowel(stemLength("y")) { replace("y", with: "i") }
        }

        static let step2Rules: [(String, String)] = [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
            ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
            ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
            ("iviti", "ive"), ("biliti", "ble"),
        ].sorted { $0.0.utf8.count > $1.0.utf8.count }

        mutating func step2() {
            // The longest matching suffix decides (the rules are sorted longest first).
            for (suffix, replacement) in Self.step2Rules
            where replace(suffix, with: replacement, measureAbove: 0) { return }
        }

        static let step3Rules: [(String, String)] = [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ]

        mutating func step3() {
            for (suffix, replacement) in Self.step3Rules where replace(suffix, with: replacement, measureAbove: 0) { return }
        }

        static let step4Suffixes = [
            "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
            "al", "er", "ic", "ou",
        ]

        mutating func step4() {
            if ends("ion") {
                let length = stemLength("ion")
                if length > 0, [UInt8(ascii: "s"), UInt8(ascii: "t")].contains(letters[length - 1]), measure(length) > 1 {
                    replace("ion", with: "")
                }
                return
            }
            for suffix in Self.step4Suffixes where ends(suffix) {
                if measure(stemLength(suffix)) > 1 { replace(suffix, with: "") }
                return
            }
        }

        mutating func step5() {
            if ends("e") {
                let length = stemLength("e")
                let m = measure(length)
                if m > 1 || (m == 1 && !endsCVC(length)) { letters.removeLast() }
            }
            if measure(letters.count) > 1 && endsWithDoubleConsonant(letters.count) && letters.last == UInt8(ascii: "l") {
                letters.removeLast()
            }
        }
    }
}
