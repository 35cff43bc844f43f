import FactCheckKit
import Foundation
import LibXML
import TestSupport
import Testing

@Suite struct SampleDocument {
    let loaded: LoadedDocument

    init() throws {
        loaded = try DocumentLoader.load(path: Fixture.sample("nk-icc.factcheck.xml"))
    }

    @Test func holdsTheClaimsOfFacts() {
        let document = loaded.document
        #expect(document.article.id == "nk-icc")
        let ratings = document.claims.prefix(11).map { $0.verdict?.rating }
        #expect(
            ratings == [
                .misleading, .accurate, .mixed, .mostlyAccurate, .accurate, .accurate, .inaccurate, .mixed,
                .mostlyAccurate, .accurate, nil,
            ])
        #expect(document.claims[10].status == .unverifiable)
        #expect(document.claims.filter { $0.status == .pending }.count == 2)
        #expect(document.claims.prefix(10).allSatisfy { !$0.sources.isEmpty })
    }

    @Test func serializationReproducesTheFileByteForByte() throws {
        let bytes = try InputFile.read(Fixture.sample("nk-icc.factcheck.xml"))
        #expect(try AnnotationCodec.serialize(loaded.document) == String(decoding: bytes, as: UTF8.self))
    }

    @Test func changingOneClaimChangesOnlyItsLines() throws {
        let before = try AnnotationCodec.serialize(loaded.document).split(separator: "\n", omittingEmptySubsequences: false)
        var document = loaded.document
        document.claims[12].status = .inReview
        document.claims[12].assignee = "Alex Example"
        let after = try AnnotationCodec.serialize(document).split(separator: "\n", omittingEmptySubsequences: false)
        let claimStart = before.firstIndex { $0.contains("<claim id=\"c13\"") }!
        #expect(before[..<claimStart] == after[..<claimStart])
        #expect(before.suffix(1) == after.suffix(1))
        #expect(after.count == before.count + 1)
    }
}

@Suite struct Codec {
    @Test func encodeThenDecodeGivesTheSameDocument() throws {
        let original = try DocumentLoader.load(path: Fixture.path("valid.xml")).document
        let text = try AnnotationCodec.serialize(original)
        let reread = try DocumentLoader.load(bytes: Array(text.utf8), path: "round.xml").document
        #expect(reread == original)
        #expect(reread.claims[1].score == Score(value: 0.62, features: [Feature(name: "number", weight: 0.3), Feature(name: "attribution", weight: 0.2)]))
    }

    @Test func offsetsCountUnicodeScalars() throws {
        let text = "Caf\u{65}\u{301} 🇰🇷 北朝鮮 said 55 countries abstained. 👍🏽 Done."
        let scalars = ScalarText(text)
        let quoteStart = text.unicodeScalars.distance(
            from: text.unicodeScalars.startIndex, to: text.range(of: "55 countries")!.lowerBound.samePosition(in: text.unicodeScalars)!)
        let anchor = scalars.anchor(start: quoteStart, end: quoteStart + "55 countries abstained.".unicodeScalars.count)
        #expect(anchor.exact == "55 countries abstained.")
        #expect(anchor.start == 18)
        #expect(anchor.prefix == "Caf\u{65}\u{301} 🇰🇷 北朝鮮 said ")
        let document = AnnotationDocument(
            article: Article(id: "unicode", title: "Unicode", text: text),
            claims: [
                Claim(
                    id: "c1", status: .pending, created: "2026-11-28T09:00:00Z", anchor: anchor,
                    history: [HistoryEvent(time: "2026-11-28T09:00:00Z", actor: "factcheck", action: .create, from: nil, to: .pending)])
            ])
        let serialized = try AnnotationCodec.serialize(document)
        let reread = try DocumentLoader.load(bytes: Array(serialized.utf8), path: "unicode.factcheck.xml")
        #expect(reread.document == document)
    }
}

@Suite struct Hashing {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func standardVectors(input: String, digest: String) {
        #expect(SHA256.hex(of: Array(input.utf8)) == digest)
        #expect(SHA256.hex(ofUTF8: input) == digest)
    }

    @Test func millionAs() {
        #expect(
            SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(
            SHA256.portableDigest(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == SHA256.digest(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
    }

    /// The processor's SHA instructions (where used) and the Swift code agree at every length
    /// around the block and padding boundaries.
    @Test func acceleratedAndPortableAgree() {
        var generator = SystemRandomNumberGenerator()
        for length in Array(0...200) + [447, 448, 511, 512, 513, 5_256, 65_537] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(SHA256.digest(of: bytes) == SHA256.portableDigest(of: bytes), "length \(length)")
        }
    }
}

/// Scalar offsets over UTF-8 of every width, across the 64-scalar checkpoints.
@Suite struct ScalarOffsets {
    private static let pieces = ["a", "é", "한", "😀", " ", "\n", "ß", "€"]
    private static let text = (0..<300).map { pieces[($0 * 7 + $0 / 5) % pieces.count] }.joined()

    @Test func slicesAndMatchesAgreeWithScalarArithmetic() {
        let scalars = Array(Self.text.unicodeScalars)
        let indexed = ScalarText(Self.text)
        #expect(indexed.count == scalars.count)
        #expect(indexed.scalars == scalars)
        func naive(_ start: Int, _ end: Int) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            return String(view)
        }
        for start in stride(from: 0, through: scalars.count, by: 7) {
            for end in stride(from: start, through: scalars.count, by: 13) {
                let expected = naive(start, end)
                #expect(indexed.slice(start, end) == expected)
                #expect(indexed.matches(expected, at: start, length: end - start))
                // No piece is an "x": one more scalar never matches.
                #expect(!indexed.matches(expected + "x", at: start, length: end - start + 1))
            }
        }
        #expect(indexed.slice(-5, 3) == naive(0, 3))
        #expect(indexed.slice(290, 900) == naive(290, scalars.count))
        #expect(!indexed.matches("a", at: scalars.count, length: 1))
    }

    @Test func asciiTextIsItsOwnIndex() {
        let indexed = ScalarText("The committee voted 111 to 19.")
        #expect(indexed.count == 30)
        #expect(indexed.slice(4, 13) == "committee")
        #expect(indexed.matches("111", at: 20, length: 3))
        #expect(!indexed.matches("112", at: 20, length: 3))
    }
}

/// Quotes cut for one line of a table: in terminal columns, between words.
@Suite struct Truncation {
    /// What `truncated(to:)` promises, written the plain way: the line (breaks made spaces) if it
    /// fits, else the longest start that leaves a column for the ellipsis, taken back to the last
    /// space when that keeps at least half of it.
    private func expected(_ text: String, _ limit: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard line.displayWidth > limit else { return line }
        let characters = Array(line)
        var end = 0
        while end < characters.count, String(characters[..<(end + 1)]).displayWidth <= limit - 1 { end += 1 }
        if characters[end] != " ", let space = characters[..<end].lastIndex(of: " "), space >= end / 2 { end = space }
        while end > 0 && characters[end - 1] == " " { end -= 1 }
        return String(characters[..<end]) + "…"
    }

    @Test(arguments: [1, 2, 5, 10, 11, 12, 60])
    func cutsLikeThePlainWay(limit: Int) {
        let texts = [
            "", "short", "exactly ten", "\n\nleading and trailing breaks\n\n", "one\ntwo\r\nthree\n\n\nfour",
            "emoji 👩‍👩‍👧 flags 🇰🇵🇰🇷 and é composed", String(repeating: "long quote ", count: 20),
            "ten chars\nx", "nine char\n", "\n", "a\nb", "北朝鲜人权问题 联合国大会 第三委员会", "supercalifragilisticexpialidocious",
        ]
        for text in texts {
            let cut = text.truncated(to: limit)
            #expect(cut == expected(text, limit), "\(text.debugDescription) to \(limit)")
            #expect(cut.displayWidth <= limit, "\(text.debugDescription) to \(limit)")
        }
    }

    @Test func cutsBetweenWords() {
        #expect("The votes that call on the UN Security Council".truncated(to: 20) == "The votes that call…")
        #expect("The votes that call on the UN Security Council".truncated(to: 24) == "The votes that call on…")
        // One word longer than half the room is cut inside it.
        #expect("supercalifragilistic expialidocious".truncated(to: 10) == "supercali…")
        // Wide characters take two columns each.
        #expect("北朝鲜人权问题".truncated(to: 9) == "北朝鲜人…")
        #expect("北朝鲜人权问题".truncated(to: 14) == "北朝鲜人权问题")
    }

    @Test func displayWidths() {
        #expect("plain".displayWidth == 5)
        #expect("北朝鲜".displayWidth == 6)
        #expect("ｆｕｌｌ".displayWidth == 8)
        #expect("e\u{301}te\u{301}".displayWidth == 3)  // combining accents take no column
        #expect("🇰🇵".displayWidth == 2)
        #expect("👩‍👩‍👧".displayWidth == 2)
        #expect("café".displayWidth == 4)
        #expect("\u{200B}".displayWidth == 0)  // zero-width space
    }
}

/// Attribute values may carry white space the schema collapses (tokens, numbers); decoding trims it.
@Suite struct PaddedAttributes {
    @Test func paddedValuesDecodeAsTheirTrimmedSelves() throws {
        let text = try String(contentsOfFile: Fixture.path("valid.xml"), encoding: .utf8)
        let padded = text.replacingOccurrences(of: "<anchor start=\"0\" end=\"41\">", with: "<anchor start=\" 0\" end=\"41\u{20}\u{20}\">")
            .replacingOccurrences(of: "status=\"verified\"", with: "status=\"\u{09}verified \"")
        #expect(padded != text)
        let folder = TemporaryDirectory()
        let path = try folder.write("base.factcheck.xml", padded)
        let claim = try #require(try DocumentLoader.load(path: path).document.claims.first)
        #expect(claim.anchor.start == 0 && claim.anchor.end == 41)
        #expect(claim.status == .verified)
    }
}
