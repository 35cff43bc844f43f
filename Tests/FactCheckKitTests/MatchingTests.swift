@testable import FactCheckKit
import Testing

@Suite struct Stemming {
    /// Words and stems from Porter's paper and his published vocabulary.
    @Test(arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("feed", "feed"), ("agreed", "agre"),
        ("plastered", "plaster"), ("motoring", "motor"), ("sing", "sing"), ("conflated", "conflat"),
        ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"), ("falling", "fall"), ("hissing", "hiss"),
        ("failing", "fail"), ("filing", "file"), ("happy", "happi"), ("relational", "relat"),
        ("conditional", "condit"), ("generalizations", "gener"), ("oscillators", "oscil"), ("connection", "connect"),
        ("connected", "connect"), ("vanished", "vanish"), ("vanishing", "vanish"), ("hopefulness", "hope"),
        ("goodness", "good"), ("adjustment", "adjust"), ("adoption", "adopt"), ("probate", "probat"), ("rate", "rate"),
        ("controll", "control"), ("roll", "roll"), ("2019", "2019"), ("é", "é"),
    ])
    func porter(word: String, stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }
}

@Suite struct MatchTextReading {
    @Test func hashtagsCountWholeAndApart() {
        #expect(MatchText.words("#FyreFestival is a fraud") == ["fyre", "festiv", "fyrefestiv", "fraud"])
        #expect(MatchText.camelParts("NASAEngineers") == ["NASA", "Engineers"])
        #expect(MatchText.camelParts("Trump2020") == ["Trump", "2020"])
    }

    @Test func linksAndStopWordsAreDropped() {
        #expect(MatchText.words("Watch this https://t.co/abc pic.twitter.com/xyz now") == ["watch", "now"])
        #expect(MatchText.words("They didn't vote") == ["didnt", "vote"])
    }

    @Test func aPostsSignatureIsKeptApart() {
        let terms = MatchText.terms("Koalas are functionally extinct — Jane Doe (@janedoe) November 23, 2019")
        #expect(terms.body == ["koala", "function", "extinct"])
        #expect(terms.signature == ["jane", "doe", "janedo", "novemb", "23", "2019"])
    }
}

@Suite struct Matching {
    private let archive = ClaimMatcher([
        .init(id: "a", claim: "Koalas are functionally extinct due to bushfires.", title: "Are Koalas Functionally Extinct?"),
        .init(id: "b", claim: "The Fyre Festival was oversold and descended into chaos.", title: "Fyre Festival Fiasco"),
        .init(id: "c", claim: "A photograph shows a koala drinking from a bottle.", title: "Thirsty Koala Photograph"),
    ])

    @Test func theCheckThatSharesTheRarestWordsComesFirst() {
        let ranked = archive.rank("My children will never meet a koala, now they're functionally extinct", limit: 3)
        #expect(ranked.map(\.entry) == [0, 2])
        #expect(ranked[0].score > ranked[1].score)
        #expect(archive.rank("#FyreFestival is a fraud").first?.entry == 1)
        #expect(archive.rank("nothing in common here").isEmpty)
    }

    @Test func theExplanationAddsUpToTheScore() {
        let text = "Koalas functionally extinct after the bushfires"
        let best = archive.rank(text, limit: 1)[0]
        let parts = archive.explain(text, entry: best.entry)
        #expect(Set(parts.map(\.term)) == ["koala", "function", "extinct", "bushfir"])
        #expect(abs(parts.map(\.score).reduce(0, +) - best.score) < 1e-9)
        #expect(parts.first { $0.term == "koala" }?.inTitle == 1)
    }

    @Test func aTableOfChecksIsReadWithItsLineInErrors() throws {
        let checked = try CheckedClaims.table("\tvclaim\ttitle\n1\tKoalas are extinct.\tKoalas?\n", path: "t.tsv")
        #expect(checked.checks.map(\.ref) == ["1"])
        #expect(throws: DocumentError.self) { try CheckedClaims.table("1\tok\tfine\n\tno id\n", path: "t.tsv") }
    }
}
