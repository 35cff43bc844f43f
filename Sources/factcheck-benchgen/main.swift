import FactCheckKit
import Foundation

// Writes a synthetic workspace for `make bench`, the same bytes for the same arguments:
//   factcheck-benchgen FOLDER DOCUMENTS [--claims-per-document N] [--large-claims N] [--archive-checks N]
// Each document has a ~5 KB article of synthetic sentences and N claims (default 10) with mixed
// statuses, verdicts, sources and histories, about 30% pending; with --large-claims, one more
// document (`large-report`) holds that many claims; with --archive-checks, the workspace's archive
// holds that many checks of another (synthetic) desk, as `import-claimreview` would have written
// them. All names and urls are synthetic (example.org).

/// SplitMix64: small, fast, and the same sequence on every platform.
struct Generator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

let subjects = ["The council", "The ministry", "The committee", "A spokesperson", "The agency", "The mayor", "The report", "Officials", "The survey", "The company"]
let verbs = ["said", "reported", "estimated", "announced", "claimed", "found", "confirmed", "denied"]
let objects = ["spending rose", "unemployment fell", "the deficit doubled", "turnout increased", "prices climbed", "emissions dropped", "the budget grew", "crime declined", "wages stagnated", "exports recovered"]
let tails = ["in the last quarter", "since 2019", "compared with last year", "across the region", "according to new data", "for the third year running", "in most districts", "despite earlier forecasts"]
let reviewers = ["Alex Example", "Sam Example", "Robin Example", "Kim Example"]

func sentence(_ random: inout Generator) -> String {
    let number = random.below(900) + 10
    return "\(random.pick(subjects)) \(random.pick(verbs)) that \(random.pick(objects)) by \(number) percent \(random.pick(tails))."
}

func article(id: String, random: inout Generator) -> Article {
    var paragraphs: [String] = []
    var length = 0
    while length < 5_000 {
        let paragraph = (0..<4).map { _ in sentence(&random) }.joined(separator: " ")
        paragraphs.append(paragraph)
        length += paragraph.utf8.count + 2
    }
    return Article(
        id: id, title: "Synthetic article \(id)", url: "https://example.org/news/\(id)", publisher: "Example News",
        published: "2026-0\(random.below(9) + 1)-1\(random.below(9))", language: "en",
        text: paragraphs.joined(separator: "\n\n"))
}

func claims(count: Int, article: Article, random: inout Generator) -> [Claim] {
    let sentences = SentenceSplitter.split(article.text)
    let text = ScalarText(article.text)
    var result: [Claim] = []
    for index in 0..<count {
        let sentence = sentences[index % sentences.count]
        let id = "c\(index + 1)"
        let created = "2026-10-01T09:00:00Z"
        let reviewer = random.pick(reviewers)
        var claim = Claim(
            id: id, status: .pending, created: created, anchor: text.anchor(start: sentence.start, end: sentence.end),
            score: Score(value: Double(random.below(1000)) / 1000, features: [Feature(name: "number", weight: 0.59), Feature(name: "attribution", weight: 0.33)]),
            history: [HistoryEvent(time: created, actor: "factcheck", action: .create, from: nil, to: .pending)])
        let roll = random.below(100)
        let source = Source(url: "https://example.org/records/\(article.id)/\(id)", relation: .supports, accessed: "2026-10-02", title: "Synthetic record \(id)", publisher: "Example Records")
        func step(_ change: ClaimChange, _ time: String) {
            try? change.apply(to: &claim, by: reviewer, at: time)
        }
        if roll >= 30 { step(.assign(assignee: reviewer), "2026-10-02T10:00:00Z") }
        if roll >= 45 && roll < 65 {
            step(.mark(.verified, rating: random.pick([.accurate, .mostlyAccurate]), sources: [source], note: "Matches the synthetic record."), "2026-10-03T10:00:00Z")
        } else if roll >= 65 && roll < 85 {
            step(.mark(.disputed, rating: random.pick([.mixed, .misleading, .inaccurate]), sources: [source], note: "The synthetic record says otherwise."), "2026-10-03T10:00:00Z")
        } else if roll >= 85 && roll < 93 {
            step(.mark(.unverifiable, rating: nil, sources: [], note: "No synthetic record covers this."), "2026-10-03T10:00:00Z")
        } else if roll >= 93 {
            step(.unassign, "2026-10-03T10:00:00Z")
            step(.dismiss(note: "Not a checkable statement."), "2026-10-03T11:00:00Z")
        }
        result.append(claim)
    }
    return result
}

let units = ["percent", "million", "points", "thousand", "times", "billion"]
let regions = ["District", "County", "Ward", "Province", "Borough", "Parish"]
let ratings: [Rating] = [.accurate, .mostlyAccurate, .mixed, .misleading, .inaccurate]

/// A check of another desk: a claim about one of some thousands of places, and a summary.
func check(_ number: Int, random: inout Generator) -> ArchivedCheck {
    let place = "\(random.pick(regions)) \(random.below(5_000) + 1)"
    let figure = random.below(900) + 10
    let claim = "\(random.pick(subjects)) of \(place) \(random.pick(verbs)) that \(random.pick(objects)) by \(figure) \(random.pick(units)) \(random.pick(tails))."
    let summary = "The published figures for \(place) show a change of \(random.below(900) + 10) \(random.pick(units)) \(random.pick(tails))."
    return ArchivedCheck(
        url: "https://example.org/checks/\(number)", claim: claim, summary: summary, rating: random.pick(ratings),
        published: "2025-0\(random.below(9) + 1)-1\(random.below(9))", imported: "2026-12-01T00:00:00Z")
}

func write(_ document: AnnotationDocument, to folder: String) throws {
    let path = folder + "/" + document.article.id + AnnotationDocument.fileSuffix
    try AnnotationCodec.serialize(document).write(toFile: path, atomically: false, encoding: .utf8)
}

/// Removes `--name N` from `arguments` and returns N, or `value` when it is not there.
func option(_ name: String, default value: Int, in arguments: inout [String]) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let number = Int(arguments[index + 1]) else { return value }
    arguments.removeSubrange(index...(index + 1))
    return number
}
var arguments = Array(CommandLine.arguments.dropFirst())
let perDocument = option("--claims-per-document", default: 10, in: &arguments)
let large = option("--large-claims", default: 0, in: &arguments)
let archived = option("--archive-checks", default: 0, in: &arguments)
guard arguments.count == 2, let count = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: factcheck-benchgen FOLDER DOCUMENTS [--claims-per-document N] [--large-claims N] [--archive-checks N]\n".utf8))
    exit(64)
}
let folder = arguments[0]
do {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var random = Generator(state: 2026)
    for number in 0..<count {
        let id = "doc-\(String(number, radix: 10).leftPadded(to: 5))"
        let source = article(id: id, random: &random)
        try write(AnnotationDocument(article: source, claims: claims(count: perDocument, article: source, random: &random)), to: folder)
    }
    if large > 0 {
        let source = article(id: "large-report", random: &random)
        try write(AnnotationDocument(article: source, claims: claims(count: large, article: source, random: &random)), to: folder)
    }
    if archived > 0 {
        let archive = CheckArchive(publisher: "Example Archive Desk", checks: (0..<archived).map { check($0, random: &random) })
        let path = folder + "/" + CheckArchive.folder + "/" + CheckArchive.fileName(for: archive.publisher)
        try FileManager.default.createDirectory(atPath: folder + "/" + CheckArchive.folder, withIntermediateDirectories: true)
        try archive.serialized(path: path).write(toFile: path, atomically: false, encoding: .utf8)
    }
} catch {
    FileHandle.standardError.write(Data("factcheck-benchgen: \(error)\n".utf8))
    exit(1)
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
