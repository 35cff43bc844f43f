#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LibXML

/// Reads other desks' published ClaimReview JSON-LD: a single object, an array, a `@graph`, or a
/// web page's `<script type="application/ld+json">` blocks; each ClaimReview found becomes a check
/// for the archive, its rating normalized to this desk's scale with the original kept.
public enum ClaimReviewReader {
    /// A check and the publisher whose archive it goes to.
    public struct Item: Sendable, Hashable {
        public var publisher: String
        public var check: ArchivedCheck
    }

    /// The deepest nesting of arrays and objects read; deeper JSON is refused before it is decoded.
    public static let depthLimit = 64

    /// Every ClaimReview in `bytes` (the file at `path`), imported at `time`; an item that cannot be
    /// used is an error naming where it is (`$[2]`, `script block 1: $.@graph[0]`).
    public static func read(_ bytes: [UInt8], path: String, imported time: String) throws(DocumentError) -> [Item] {
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        var blocks: [(label: String, json: [UInt8])] = []
        if first == UInt8(ascii: "<") {
            let page: HTMLPage
            do throws(XMLError) {
                page = try HTMLPage.parse(bytes, path: path)
            } catch {
                throw DocumentError(error)
            }
            let scripts = page.root.descendants(named: page.names(["script"])).filter {
                ($0[attribute: "type"] ?? "").lowercased().split(separator: ";").first.map { String($0).trimmingWhitespace() }
                    == "application/ld+json"
            }
            for (index, script) in scripts.enumerated() { blocks.append(("script block \(index + 1): ", Array(script.text.utf8))) }
            guard !blocks.isEmpty else {
                throw failure(path, "the page has no <script type=\"application/ld+json\"> block")
            }
        } else {
            blocks = [("", bytes)]
        }
        var items: [Item] = []
        for (label, json) in blocks {
            let value = try decode(json, path: path, label: label)
            var found: [(location: String, object: [String: JSONValue])] = []
            collect(value, at: "$", into: &found)
            for (location, object) in found {
                items.append(try item(object, path: path, location: label + location, imported: time))
            }
        }
        guard !items.isEmpty else { throw failure(path, "no ClaimReview found (an object whose @type is ClaimReview)") }
        return items
    }

    private static func failure(_ path: String, _ message: String) -> DocumentError {
        .invalid([Diagnostic(file: path, message: message)])
    }

    // MARK: JSON

    /// The offset of the first byte that is not part of valid UTF-8, if any.
    static func invalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func decode(_ bytes: [UInt8], path: String, label: String) throws(DocumentError) -> JSONValue {
        if let offset = invalidUTF8Offset(bytes) {
            throw failure(path, "\(label)not UTF-8 text (JSON is UTF-8): an invalid byte at offset \(offset)")
        }
        // Nesting is counted first: a decoder recursing into a hostile file would use the stack up.
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > depthLimit {
                    throw failure(path, "\(label)JSON nested more than \(depthLimit) deep (the limit)")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw failure(path, "\(label)not valid JSON (\(describe(error)))")
        }
    }

    /// The decoder's complaint, on one line without control characters.
    private static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return Excerpt.sanitized(context.underlyingError.map { "\($0)" } ?? context.debugDescription, limit: 200)
        }
        return Excerpt.sanitized("\(error)", limit: 200)
    }

    /// Every object whose `@type` is (or includes) ClaimReview, with where it is.
    private static func collect(_ value: JSONValue, at location: String, into found: inout [(location: String, object: [String: JSONValue])]) {
        switch value {
        case .array(let values):
            for (index, inner) in values.enumerated() { collect(inner, at: "\(location)[\(index)]", into: &found) }
        case .object(let fields):
            if types(fields).contains("ClaimReview") {
                found.append((location, fields))
                return
            }
            for key in fields.keys.sorted() { collect(fields[key]!, at: "\(location).\(key)", into: &found) }
        default:
            break
        }
    }

    private static func types(_ fields: [String: JSONValue]) -> [String] {
        switch fields["@type"] {
        case .string(let type): [type]
        case .array(let values): values.compactMap(\.string)
        default: []
        }
    }

    // MARK: One review

    private static func item(
        _ review: [String: JSONValue], path: String, location: String, imported time: String
    ) throws(DocumentError) -> Item {
        func refuse(_ message: String) -> DocumentError { failure(path, "ClaimReview at \(location): \(message)") }
        guard let claim = review["claimReviewed"]?.string.map(TextNormalizer.paragraph), !claim.isEmpty else {
            throw refuse("no claimReviewed (the claim it checks)")
        }
        guard claim.count <= 20_000 else { throw refuse("claimReviewed is longer than 20,000 characters") }
        guard let url = review["url"]?.string?.trimmingWhitespace(), isHTTP(url) else {
            throw refuse("no url of the review (an http or https url)")
        }
        guard let publisher = name(review["author"]) ?? name(review["publisher"]) else {
            throw refuse("no author (the publisher's name)")
        }
        let claimant = review["itemReviewed"]?.object.flatMap { name($0["author"]) }
        let summary = (review["name"]?.string ?? review["headline"]?.string ?? review["reviewBody"]?.string)
            .map(TextNormalizer.paragraph).flatMap { $0.isEmpty ? nil : line($0, limit: 1000) }
        var check = ArchivedCheck(
            url: url, claim: claim, claimant: claimant.map { line($0) }, summary: summary,
            published: review["datePublished"]?.string.flatMap(dateOrTime), imported: time)
        if let rating = review["reviewRating"]?.object {
            check.ratingText = (rating["alternateName"]?.string ?? rating["name"]?.string)
                .map(TextNormalizer.paragraph).flatMap { $0.isEmpty ? nil : line($0) }
            let value = number(rating["ratingValue"])
            if value == nil, let text = rating["ratingValue"]?.string.map(TextNormalizer.paragraph), !text.isEmpty {
                check.ratingText = check.ratingText ?? line(text)
            }
            check.ratingValue = value.map(DecimalFormat.string)
            let best = number(rating["bestRating"])
            let worst = number(rating["worstRating"])
            check.bestRating = best.map(DecimalFormat.string)
            check.worstRating = worst.map(DecimalFormat.string)
            check.rating = RatingScale.normalize(value: value, best: best, worst: worst, text: check.ratingText)
        }
        return Item(publisher: line(publisher), check: check)
    }

    private static func name(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): return nonEmpty(text)
        case .object(let fields): return fields["name"]?.string.flatMap(nonEmpty)
        case .array(let values): return values.lazy.compactMap { name($0) }.first
        default: return nil
        }
    }

    private static func nonEmpty(_ text: String) -> String? {
        let normalized = TextNormalizer.paragraph(text)
        return normalized.isEmpty ? nil : normalized
    }

    private static func number(_ value: JSONValue?) -> Double? {
        let found: Double?
        switch value {
        case .number(let number): found = number
        case .string(let text): found = Double(text.trimmingWhitespace())
        default: found = nil
        }
        return found.flatMap { $0.isFinite ? $0 : nil }
    }

    /// A one-line text within the schema's limit.
    private static func line(_ text: String, limit: Int = 500) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    private static func isHTTP(_ url: String) -> Bool {
        URIText.isHTTPURL(url)
    }

    private static func dateOrTime(_ text: String) -> String? {
        CalendarDate.validated(text.trimmingWhitespace())
    }
}

/// Other desks' ratings on this desk's five-point scale.
public enum RatingScale {
    /// A numeric rating placed on the scale by where it falls between worst and best (schema.org's
    /// defaults: 1 and 5); else the published words, when they say one of ours.
    public static func normalize(value: Double?, best: Double?, worst: Double?, text: String?) -> Rating? {
        if let value {
            let high = best ?? 5
            let low = worst ?? 1
            if high != low, (min(low, high)...max(low, high)).contains(value) {
                let fraction = (value - low) / (high - low)
                let points = Int((1 + 4 * fraction).rounded())
                return Rating.allCases.first { $0.value == points }
            }
        }
        return text.flatMap(words)
    }

    /// The rating the words of a published verdict mean, if they say one clearly.
    public static func words(_ text: String) -> Rating? {
        let lower = " " + text.lowercased().map { $0.isLetter ? $0 : " " }.reduce(into: "") { $0.append($1) } + " "
        func says(_ phrases: [String]) -> Bool { phrases.contains { lower.contains(" \($0) ") } }
        if says(["mostly false", "largely false", "mostly inaccurate"]) { return .misleading }
        if says(["mostly true", "mostly accurate", "largely true", "largely accurate", "mostly correct"]) { return .mostlyAccurate }
        if says(["half true", "mixture", "mixed", "partly true", "partly false", "partially true", "partially false", "half truth"]) {
            return .mixed
        }
        if says(["misleading", "missing context", "out of context", "exaggerated", "exaggeration", "distorted", "needs context"]) {
            return .misleading
        }
        if says(["false", "pants on fire", "fake", "incorrect", "inaccurate", "wrong", "hoax", "not true", "fabricated", "baseless"]) {
            return .inaccurate
        }
        if says(["true", "correct", "accurate", "verified", "confirmed"]) { return .accurate }
        return nil
    }
}
