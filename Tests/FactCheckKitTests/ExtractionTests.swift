import Foundation
import Testing

@testable import FactCheckKit

@Suite struct Segmentation {
    private func sentences(_ text: String) -> [String] {
        SentenceSplitter.split(text).map(\.text)
    }

    @Test(arguments: [
        ("Mr. Smith met Dr. Jones on Jan. 5. They talked.", ["Mr. Smith met Dr. Jones on Jan. 5.", "They talked."]),
        ("The U.S. economy grew 3.5 percent. Exports rose.", ["The U.S. economy grew 3.5 percent.", "Exports rose."]),
        ("He moved to the U.S. The next year he ran.", ["He moved to the U.S.", "The next year he ran."]),
        ("J. K. Rowling wrote it. It sold well.", ["J. K. Rowling wrote it.", "It sold well."]),
        ("\"We won,\" she said. \"Really?\" he asked. Yes.", ["\"We won,\" she said.", "\"Really?\" he asked.", "Yes."]),
        ("She said \"Stop.\" Then she left.", ["She said \"Stop.\"", "Then she left."]),
        ("Prices rose 2.5% in 2014. Wages did not.", ["Prices rose 2.5% in 2014.", "Wages did not."]),
        ("What happened? Nobody knows! 55 countries abstained.", ["What happened?", "Nobody knows!", "55 countries abstained."]),
        ("First paragraph ends here\n\nSecond one.", ["First paragraph ends here", "Second one."]),
        ("See p. 5 and fig. 3 for details. Done.", ["See p. 5 and fig. 3 for details.", "Done."]),
    ])
    func splits(text: String, expected: [String]) {
        #expect(sentences(text) == expected)
    }

    @Test func offsetsCountScalars() {
        let text = "Kim 🇰🇵 spoke. Café e\u{301} 北朝鮮 voted."
        let split = SentenceSplitter.split(text)
        let scalars = ScalarText(text)
        #expect(split.count == 2)
        for sentence in split {
            #expect(scalars.slice(sentence.start, sentence.end) == sentence.text)
        }
    }
}

@Suite struct Anchoring {
    @Test func uniqueQuote() throws {
        let anchor = try QuoteAnchor.find("55 others", in: "19 countries opposed while 55 others abstained.")
        #expect(anchor == Anchor(start: 27, end: 36, prefix: "19 countries opposed while ", exact: "55 others", suffix: " abstained."))
    }

    @Test func whiteSpaceRunsMatchAcrossParagraphs() throws {
        let text = "55 others withdrew.\n\nIn spite of this, 111 voted."
        let anchor = try QuoteAnchor.find("withdrew. In  spite", in: text)
        #expect(anchor.exact == "withdrew.\n\nIn spite")
        #expect(anchor.start == 10)
    }

    @Test func ambiguityNeedsAnOccurrence() throws {
        let text = "Kim spoke. Then Kim left. Kim returned."
        #expect(throws: QuoteAnchor.Failure.ambiguous("Kim", count: 3)) { try QuoteAnchor.find("Kim", in: text) }
        #expect(try QuoteAnchor.find("Kim", in: text, occurrence: 2).start == 16)
        #expect(throws: QuoteAnchor.Failure.noSuchOccurrence("Kim", occurrence: 4, count: 3)) {
            try QuoteAnchor.find("Kim", in: text, occurrence: 4)
        }
        #expect(throws: QuoteAnchor.Failure.notFound("Lee")) { try QuoteAnchor.find("Lee", in: text) }
    }

    @Test(arguments: [
        ("The café reopened. Q\u{307}adir said 👨‍👩‍👧 families queued.", "Q\u{307}adir said 👨‍👩‍👧 families"),
        ("北朝鮮の人権状況について国連が決議を採択した。", "国連が決議"),
        ("Prefix text that is certainly longer than thirty-two characters 🇰🇷 then the quote.", "the quote"),
    ])
    func nonASCIIOffsetsAndContext(text: String, quote: String) throws {
        let anchor = try QuoteAnchor.find(quote, in: text)
        let scalars = ScalarText(text)
        #expect(scalars.slice(anchor.start, anchor.end) == quote)
        #expect(anchor.prefix.unicodeScalars.count == min(32, anchor.start))
        #expect(scalars.slice(anchor.start - anchor.prefix.unicodeScalars.count, anchor.start) == anchor.prefix)
        #expect(scalars.slice(anchor.end, anchor.end + anchor.suffix.unicodeScalars.count) == anchor.suffix)
    }
}

@Suite struct Scoring {
    @Test func scoresAreInTheUnitIntervalWithNamedFeatures() {
        for sentence in ["Thank you.", "Unemployment fell to 4.9 percent in 2016, according to the Labor Department.", "What do you think?"] {
            let score = CheckWorthiness.score(sentence)
            #expect(score.value > 0 && score.value < 1)
            #expect(score.features.count <= CheckWorthiness.keptFeatures)
            #expect(score.features.allSatisfy { $0.name.wholeMatch(of: #/[a-z0-9]+([-_.][a-z0-9]+)*/#) != nil })
        }
    }

    @Test func statisticsOutrankPleasantries() {
        let claim = CheckWorthiness.score("Unemployment fell to 4.9 percent in 2016, according to the Labor Department.")
        let thanks = CheckWorthiness.score("Thank you all so much for being here tonight.")
        let question = CheckWorthiness.score("What would you do about it?")
        #expect(claim.value > ClaimExtractor.defaultThreshold)
        #expect(thanks.value < ClaimExtractor.defaultThreshold)
        #expect(claim.value > question.value)
        #expect(claim.features.contains { $0.name == "percent" || $0.name == "number" })
    }

    @Test func featuresFireOnTheirCues() {
        let names = Set(CheckWorthinessFeatures.extract("According to the report, crime rose 12% since 2010, more than ever.").map(\.name))
        #expect(names.isSuperset(of: ["attribution", "number", "percent", "year", "comparison", "superlative", "statistics"]))
        #expect(!names.contains("question"))
        #expect(Set(CheckWorthinessFeatures.extract("Is it?").map(\.name)).isSuperset(of: ["question", "short"]))
    }

    /// ASCII sentences are read byte by byte; reading them character by character gives the same.
    @Test(arguments: [
        "According to the report, crime rose 12% since 2010, more than ever.",
        "I'm 'quoted' and ''double'' here's 1999 2020s 20x0 19999",
        "Tax\r\nrates rose 5% in 2019 -- $5 million, \"the highest\" (Applause)",
        "'''", "", "   ", "a", "WE SAID IT! Never? Honestest interests biggest NASA's 'til",
        "The Committee Voted 111 To 19 On Tuesday, Officials Said.",
        "rock'n'roll isn't dead, they're sure; x?\"",
    ])
    func asciiSentencesReadAsCharacters(sentence: String) {
        let bytes = CheckWorthinessFeatures.extract(sentence, ascii: true)
        let characters = CheckWorthinessFeatures.extract(sentence, ascii: false)
        #expect(bytes.map(\.name) == characters.map(\.name))
        #expect(bytes.map(\.value) == characters.map(\.value))
        #expect(CheckWorthinessFeatures.asciiWords(in: sentence) == CheckWorthinessFeatures.words(in: sentence))
    }

    @Test func aCharacterBetweenAAndZCountsAsALowercaseWord() {
        // "q" with a combining acute accent sorts between "a" and "z", as characters compare.
        let names = CheckWorthinessFeatures.extract("The q\u{301}uest was long.").map(\.name)
        #expect(names.contains("word.q\u{301}uest"))
    }
}

/// The model's weights come from `Models/checkworthiness.tsv`, embedded at build time.
@Suite struct CheckWorthinessWeights {
    private let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Models/checkworthiness.tsv")

    @Test func theEmbeddedModelIsTheFileInTheRepository() throws {
        let onDisk = try CheckWorthinessModel(parsing: String(contentsOf: file, encoding: .utf8))
        #expect(CheckWorthinessModel.trained == onDisk)
        #expect(onDisk.bias == -3.9978)
        #expect(onDisk.baseRateLogit == -3.5924)
        #expect(onDisk.weights.count == 1022)
        #expect(onDisk.weights["statistics"] == 0.7807)
        #expect(onDisk.weights["word.according"] == 0.2204)
    }

    @Test func aBrokenFileIsRefusedWithItsLine() throws {
        let good = "# comment\n(bias)\t-1\n(base-rate-logit)\t-2\nnumber\t0.5\n"
        #expect(try CheckWorthinessModel(parsing: good) == CheckWorthinessModel(bias: -1, baseRateLogit: -2, weights: ["number": 0.5]))
        let cases: [(String, CheckWorthinessModel.FormatError)] = [
            (good + "word.x 0.1\n", .init(line: 5, message: "expected name<TAB>weight")),
            (good + "word.x\tmany\n", .init(line: 5, message: "expected name<TAB>weight")),
            (good + "number\t0.2\n", .init(line: 5, message: "feature number given twice")),
            (good + "(bias)\t0\n", .init(line: 5, message: "(bias) given twice")),
            ("(base-rate-logit)\t-2\n", .init(line: 0, message: "no (bias) line")),
            ("(bias)\t-2\n", .init(line: 0, message: "no (base-rate-logit) line")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected) { try CheckWorthinessModel(parsing: text) }
        }
    }
}
