#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The named features a sentence's check-worthiness is scored from.
///
/// Cue features (numbers, comparisons, attribution, …) are written out here; word features
/// (`word.tax`) let the trained model weigh the vocabulary of checkable statements. Every feature
/// is a plain name and a value, so a score can be explained feature by feature.
public enum CheckWorthinessFeatures {
    /// The features of `sentence` with non-zero values, sorted by name.
    ///
    /// Most sentences are ASCII, where a character is a byte: those are read byte by byte, with
    /// the same results as reading characters (the tests compare both ways).
    public static func extract(_ sentence: String) -> [(name: String, value: Double)] {
        extract(sentence, ascii: sentence.utf8.allSatisfy { $0 < 0x80 })
    }

    static func extract(_ sentence: String, ascii: Bool) -> [(name: String, value: Double)] {
        let lower = sentence.lowercased()
        let lowerBytes = Array(lower.utf8)
        func mentions(_ phrase: String) -> Bool { ByteSearch.contains(lowerBytes, phrase) }
        let tokens = ascii ? asciiWords(in: sentence) : words(in: sentence)
        let lowerTokens = tokens.map { $0.lowercased() }
        let tokenSet = Set(lowerTokens)
        var features: [(name: String, value: Double)] = []
        func fire(_ name: String, _ condition: Bool) {
            if condition { features.append((name, 1)) }
        }
        func length(_ token: String) -> Int { ascii ? token.utf8.count : token.count }
        func contains(_ byte: UInt8, or characters: String) -> Bool {
            ascii ? sentence.utf8.contains(byte) : sentence.contains { characters.contains($0) }
        }

        fire("number", ascii ? sentence.utf8.contains { (0x30...0x39).contains($0) } : sentence.contains { $0.isNumber })
        fire("percent", mentions("%") || tokenSet.contains("percent") || mentions("per cent"))
        fire("money", contains(UInt8(ascii: "$"), or: "$£€¥") || !tokenSet.isDisjoint(with: ["dollar", "dollars", "cents"]))
        fire("magnitude", !tokenSet.isDisjoint(with: ["million", "millions", "billion", "billions", "trillion", "thousand", "thousands", "hundreds"]))
        fire("year", lowerTokens.contains {
            length($0) == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20"))
                && (ascii ? $0.utf8.allSatisfy { (0x30...0x39).contains($0) } : $0.allSatisfy(\.isNumber))
        })
        fire("date", !tokenSet.isDisjoint(with: monthsAndDays))
        fire("comparison", !tokenSet.isDisjoint(with: comparisons))
        fire("superlative", !tokenSet.isDisjoint(with: superlatives) || lowerTokens.contains { length($0) > 5 && $0.hasSuffix("est") && !notSuperlatives.contains($0) })
        fire("statistics", !tokenSet.isDisjoint(with: statistics))
        fire("attribution", mentions("according to") || !tokenSet.isDisjoint(with: attribution))
        fire("quotation", contains(UInt8(ascii: "\""), or: "\"“”"))
        fire("question", sentence.hasSuffix("?") || sentence.hasSuffix("?\"") || sentence.hasSuffix("?”"))
        fire("opinion", opinionPhrases.contains { mentions($0) })
        fire("first-person", !tokenSet.isDisjoint(with: ["i", "we", "me", "my", "our", "us"]))
        fire("second-person", !tokenSet.isDisjoint(with: ["you", "your"]))
        fire("future", tokenSet.contains("will") || mentions("going to") || tokenSet.contains("gonna"))
        fire("past-fact", !tokenSet.isDisjoint(with: ["was", "were", "had", "did", "has", "have", "been"]))
        fire("negation", !tokenSet.isDisjoint(with: ["not", "never", "no", "nothing", "n't"]) || mentions("n't"))
        fire("short", tokens.count < 6)
        fire("stage-note", sentence.hasPrefix("(") && sentence.hasSuffix(")"))

        let entities = tokens.dropFirst().filter {
            (ascii ? $0.utf8.first.map { (0x41...0x5A).contains($0) } : $0.first?.isUppercase) == true && $0 != "I"
        }.count
        if entities > 0 { features.append(("named-entities", min(Double(entities), 5) / 5)) }
        features.append(("length", min(Double(tokens.count), 40) / 40))

        for token in tokenSet where isLowercaseWord(token, ascii: ascii) {
            features.append(("word.\(token)", 1))
        }
        // Every name is distinct. ASCII names sort by their bytes as by their characters.
        if ascii {
            features.sort { $0.name.bytePrecedes($1.name) }
        } else {
            features.sort { $0.name < $1.name }
        }
        return features
    }

    /// Three or more characters, each from a to z (a character compared as a string: "q" with a
    /// combining accent is between "a" and "z").
    static func isLowercaseWord(_ token: String, ascii: Bool) -> Bool {
        ascii
            ? token.utf8.count >= 3 && token.utf8.allSatisfy { (0x61...0x7A).contains($0) }
            : token.count >= 3 && token.allSatisfy { ("a"..."z").contains($0) }
    }

    /// Words: runs of letters and digits with inner apostrophes.
    static func words(in sentence: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in sentence {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if (character == "'" || character == "’") && !current.isEmpty {
                current.append("'")
            } else {
                if !current.isEmpty { result.append(current.trimming("'")) }
                current = ""
            }
        }
        if !current.isEmpty { result.append(current.trimming("'")) }
        return result.filter { !$0.isEmpty }
    }

    /// `words(in:)` for an ASCII sentence, byte by byte.
    static func asciiWords(in sentence: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        func finish() {
            // Without the apostrophes at either end.
            let start = current.firstIndex { $0 != UInt8(ascii: "'") } ?? current.endIndex
            let end = (current.lastIndex { $0 != UInt8(ascii: "'") } ?? start - 1) + 1
            if start < end { result.append(String(decoding: current[start..<end], as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in sentence.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(byte)
            case UInt8(ascii: "'") where !current.isEmpty:
                current.append(byte)
            default:
                if !current.isEmpty { finish() }
            }
        }
        if !current.isEmpty { finish() }
        return result
    }

    static let monthsAndDays: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "yesterday", "today", "ago", "decade", "decades", "century",
    ]
    static let comparisons: Set<String> = [
        "than", "more", "less", "fewer", "higher", "lower", "increase", "increased", "increases", "decrease",
        "decreased", "rose", "risen", "fell", "fallen", "doubled", "tripled", "grew", "grown", "dropped", "cut",
        "cuts", "raised", "reduced", "times", "compared", "up", "down", "over", "under",
    ]
    static let superlatives: Set<String> = [
        "most", "least", "first", "last", "only", "ever", "record", "largest", "biggest", "highest", "lowest",
        "worst", "best", "every", "all", "always", "never", "single",
    ]
    static let notSuperlatives: Set<String> = ["interest", "request", "protest", "suggest", "forest", "honest", "invest", "arrest", "contest"]
    static let statistics: Set<String> = [
        "rate", "rates", "average", "number", "numbers", "jobs", "unemployment", "tax", "taxes", "budget",
        "deficit", "debt", "income", "wages", "crime", "poverty", "economy", "gdp", "population", "votes",
        "voted", "vote", "percent", "growth", "spending", "cost", "costs", "paid", "pay", "price", "prices",
        "insurance", "million", "billion", "trillion", "half", "third", "quarter", "twice", "dollars",
    ]
    static let attribution: Set<String> = [
        "said", "says", "say", "reported", "report", "reports", "study", "studies", "survey", "data",
        "statistics", "found", "estimated", "estimates", "according", "announced", "stated", "claimed", "claims",
    ]
    static let opinionPhrases = [
        "i think", "i believe", "i feel", "in my opinion", "we need", "we must", "we should", "should", "must ",
        "let's", "let me", "i want", "i hope", "thank you", "thanks", "god bless", "applause", "laughter",
        "i'm going to", "we're going to", "i will", "great", "wonderful", "terrible", "believe me",
    ]
}

extension String {
    /// The string without `character` at either end.
    func trimming(_ character: Character) -> String {
        guard first == character || last == character else { return self }
        return String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
