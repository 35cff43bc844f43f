/// A claim named as `DOC:CLAIM`, e.g. `nk-icc:c3`.
public struct ClaimReference: Sendable, Hashable, CustomStringConvertible {
    public var document: String
    public var claim: String

    public init(document: String, claim: String) {
        self.document = document
        self.claim = claim
    }

    /// Parses `DOC:CLAIM`; nil when the text is not of that form.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, Self.isDocumentID(parts[0]), Self.isClaimID(parts[1]) else { return nil }
        document = String(parts[0])
        claim = String(parts[1])
    }

    /// Why `text` is not a `DOC:CLAIM` reference, in words; nil when it is one.
    public static func problem(with text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 1 {
            return isClaimID(text)
                ? "'\(text)' names no document: a claim is DOC:CLAIM, e.g. nk-icc:\(text)"
                : "'\(text)' is not a claim: a claim is DOC:CLAIM, e.g. nk-icc:c3"
        }
        guard parts.count == 2 else { return "'\(text)' is not a claim: a claim is DOC:CLAIM with one colon, e.g. nk-icc:c3" }
        if !isDocumentID(parts[0]) {
            return "'\(parts[0])' is not a document id: lower-case letters and digits joined by single hyphens, e.g. nk-icc"
        }
        if !isClaimID(parts[1]) { return "'\(parts[1])' is not a claim id: c and a number, e.g. c3" }
        return nil
    }

    public var description: String { "\(document):\(claim)" }

    /// A slug: lower-case letters and digits in groups joined by single hyphens.
    public static func isDocumentID(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.count <= 100 && !text.hasPrefix("-") && !text.hasSuffix("-") && !text.contains("--")
            && text.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// `c` and a number from 1, without leading zeros.
    public static func isClaimID(_ text: some StringProtocol) -> Bool {
        text.count >= 2 && text.count <= 10 && text.first == "c" && text.dropFirst().first != "0"
            && text.dropFirst().allSatisfy { ("0"..."9").contains($0) }
    }
}
