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
    public static func extract(_ sentence: String) -> [(name: String, value: Double)] {
        let lower = sentence.lowercased()
        let lowerBytes = Array(lower.utf8)
        func mentions(_ phrase: String) -> Bool { ByteSearch.contains(lowerBytes, phrase) }
        let tokens = words(in: sentence)
        let lowerTokens = tokens.map { $0.lowercased() }
        let tokenSet = Set(lowerTokens)
        var features: [String: Double] = [:]
        func fire(_ name: String, _ condition: Bool) {
            if condition { features[name] = 1 }
        }

        fire("number", sentence.contains { $0.isNumber })
        fire("percent", mentions("%") || tokenSet.contains("percent") || mentions("per cent"))
        fire("money", sentence.contains { "$£€¥".contains($0) } || !tokenSet.isDisjoint(with: ["dollar", "dollars", "cents"]))
        fire("magnitude", !tokenSet.isDisjoint(with: ["million", "millions", "billion", "billions", "trillion", "thousand", "thousands", "hundreds"]))
        fire("year", lowerTokens.contains { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) && $0.allSatisfy(\.isNumber) })
        fire("date", !tokenSet.isDisjoint(with: monthsAndDays))
        fire("comparison", !tokenSet.isDisjoint(with: comparisons))
        fire("superlative", !tokenSet.isDisjoint(with: superlatives) || lowerTokens.contains { $0.count > 5 && $0.hasSuffix("est") && !notSuperlatives.contains($0) })
        fire("statistics", !tokenSet.isDisjoint(with: statistics))
        fire("attribution", mentions("according to") || !tokenSet.isDisjoint(with: attribution))
        fire("quotation", sentence.contains { "\"“”".contains($0) })
        fire("question", sentence.hasSuffix("?") || sentence.hasSuffix("?\"") || sentence.hasSuffix("?”"))
        fire("opinion", opinionPhrases.contains { mentions($0) })
        fire("first-person", !tokenSet.isDisjoint(with: ["i", "we", "me", "my", "our", "us"]))
        fire("second-person", !tokenSet.isDisjoint(with: ["you", "your"]))
        fire("future", tokenSet.contains("will") || mentions("going to") || tokenSet.contains("gonna"))
        fire("past-fact", !tokenSet.isDisjoint(with: ["was", "were", "had", "did", "has", "have", "been"]))
        fire("negation", !tokenSet.isDisjoint(with: ["not", "never", "no", "nothing", "n't"]) || mentions("n't"))
        fire("short", tokens.count < 6)
        fire("stage-note", sentence.hasPrefix("(") && sentence.hasSuffix(")"))

        let entities = tokens.dropFirst().filter { $0.first?.isUppercase == true && $0 != "I" }.count
        if entities > 0 { features["named-entities"] = min(Double(entities), 5) / 5 }
        features["length"] = min(Double(tokens.count), 40) / 40

        for token in tokenSet where token.count >= 3 && token.allSatisfy({ ("a"..."z").contains($0) }) {
            features["word.\(token)"] = 1
        }
        return features.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Words: runs of letters, digits and inner apostrophes or hyphens.
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
