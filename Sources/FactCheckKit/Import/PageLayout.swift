#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Tells an article's body from the page around it, for text saved from a web page: the site
/// name, a save stamp, the title, section labels, captions, share and subscribe lines.
public enum PageLayout {
    /// Sorts `blocks` (paragraphs in page order) into the parts of `article`.
    ///
    /// A block is body when it reads as prose: at least eight words ending in sentence
    /// punctuation. Before the body, the longest headline-like block is the title, a short
    /// all-capitals line is the site's name, a lone date is the published date (or, with a time
    /// to the second, the moment the page was saved). Captions are kept apart; the rest is furniture.
    public static func classify(_ blocks: [String], into article: inout ImportedArticle) {
        let firstBody = blocks.firstIndex(where: isProse) ?? blocks.count
        var titleIndex: Int?
        if article.title == nil {
            titleIndex = blocks[..<firstBody].indices
                .filter { isHeadline(blocks[$0]) }
                .max { words(blocks[$0]) < words(blocks[$1]) }
            article.title = titleIndex.map { blocks[$0] }
        }
        for (index, block) in blocks.enumerated() {
            if index == titleIndex || block == article.title { continue }
            if isCaption(block) {
                article.captions.append(block)
            } else if isProse(block) && !isFurniture(block) {
                article.paragraphs.append(block)
            } else if index < firstBody, let date = DateText.parse(block) {
                if date.hasSeconds {
                    article.retrieved = article.retrieved ?? date.iso
                } else {
                    article.published = article.published ?? date.iso
                }
            } else if index < firstBody, article.publisher == nil, isSiteName(block) {
                article.publisher = titleCased(block)
            } else {
                article.furniture.append(block)
            }
        }
    }

    /// Runs of characters between white space.
    static func words(_ block: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in block.unicodeScalars {
            let space = scalar.isUnicodeWhitespace
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// Prose: eight words or more, ending as a sentence ends.
    static func isProse(_ block: String) -> Bool {
        guard words(block) >= 8, let last = block.last else { return false }
        return ".!?\"'”’)…".contains(last)
    }

    static func isHeadline(_ block: String) -> Bool {
        let count = words(block)
        return count >= 3 && count <= 30 && !block.hasSuffix(".") && !isFurniture(block) && !isSiteName(block)
            && DateText.parse(block) == nil && !isCaption(block)
    }

    static func isCaption(_ block: String) -> Bool {
        let lower = block.lowercased()
        return ["(photo", "photo:", "(image", "image:", "(credit", "photo credit"].contains { lower.hasPrefix($0) }
    }

    static func isSiteName(_ block: String) -> Bool {
        let letters = block.filter(\.isLetter)
        return words(block) <= 5 && letters.count >= 2 && letters.allSatisfy(\.isUppercase)
    }

    /// Lines every news site repeats: follow, share, subscribe, sign up, advertising, analytics.
    static func isFurniture(_ block: String) -> Bool {
        let lower = block.lowercased()
        let phrases = [
            "like us on", "follow us", "your homepage", "subscribe", "sign up", "newsletter", "advertisement",
            "share this", "real time analytics", "all rights reserved", "cookie", "read more", "related:",
            "click here", "terms of use", "privacy policy",
        ]
        guard words(block) <= 12 else { return false }
        let bytes = Array(lower.utf8)
        return phrases.contains { ByteSearch.contains(bytes, $0) }
    }

    static func titleCased(_ block: String) -> String {
        block.split(separator: " ").map { word in
            word.count <= 2 && word.allSatisfy(\.isUppercase) ? String(word) : word.prefix(1) + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }
}

/// Dates as pages print them, turned into ISO 8601.
enum DateText {
    struct Found: Equatable {
        /// `YYYY-MM-DD`.
        var iso: String
        /// A time to the second came with it: a save stamp rather than a dateline.
        var hasSeconds: Bool
    }

    private static let months = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]

    /// The date in a block that is a date and nothing else (with an optional time and a
    /// "Published"/"Updated" label): `11/02/2024 09:30:43 am`, `November 18, 2014`, `2014-11-18`.
    static func parse(_ block: String) -> Found? {
        var text = block.trimmingWhitespace()
        for label in ["published:", "published", "updated:", "updated", "posted:", "posted", "date:"]
        where text.lowercased().hasPrefix(label) {
            text = String(text.dropFirst(label.count)).trimmingWhitespace()
        }
        guard text.count <= 40 else { return nil }
        let hasSeconds = text.firstMatch(of: #/\d{1,2}:\d{2}:\d{2}/#) != nil
        let timePattern = #/(\s+\d{1,2}:\d{2}(:\d{2})?(\s*[aApP]\.?[mM]\.?)?(\s*(UTC|GMT|EST|EDT|PST|PDT|[+-]\d{2}:?\d{2}))?)?/#
        if let match = try? #/(?<m>\d{1,2})/(?<d>\d{1,2})/(?<y>\d{4})(?<rest>.*)/#.wholeMatch(in: text),
           (try? timePattern.wholeMatch(in: String(match.rest))) != nil
        {
            return iso(year: Int(match.y)!, month: Int(match.m)!, day: Int(match.d)!, hasSeconds: hasSeconds)
        }
        if let match = try? #/(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(?<rest>.*)/#.wholeMatch(in: text),
           match.rest.isEmpty || match.rest.hasPrefix("T") || (try? timePattern.wholeMatch(in: String(match.rest))) != nil
        {
            return iso(year: Int(match.y)!, month: Int(match.m)!, day: Int(match.d)!, hasSeconds: hasSeconds)
        }
        if let match = try? #/(?:[A-Za-z]+,?\s+)?(?<mon>[A-Za-z]{3,9})\.?\s+(?<d>\d{1,2}),?\s+(?<y>\d{4})(?<rest>.*)/#.wholeMatch(in: text),
           let month = months[String(match.mon.prefix(3)).lowercased()],
           (try? timePattern.wholeMatch(in: String(match.rest))) != nil
        {
            return iso(year: Int(match.y)!, month: month, day: Int(match.d)!, hasSeconds: hasSeconds)
        }
        if let match = try? #/(?<d>\d{1,2})\s+(?<mon>[A-Za-z]{3,9})\.?\s+(?<y>\d{4})(?<rest>.*)/#.wholeMatch(in: text),
           let month = months[String(match.mon.prefix(3)).lowercased()],
           (try? timePattern.wholeMatch(in: String(match.rest))) != nil
        {
            return iso(year: Int(match.y)!, month: month, day: Int(match.d)!, hasSeconds: hasSeconds)
        }
        return nil
    }

    private static func iso(year: Int, month: Int, day: Int, hasSeconds: Bool) -> Found? {
        guard CalendarDate.isValid(year: year, month: month, day: day), (1900...2200).contains(year) else { return nil }
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return Found(iso: "\(year)-\(m)-\(d)", hasSeconds: hasSeconds)
    }
}
