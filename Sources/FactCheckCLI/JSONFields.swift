#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FactCheckKit

/// What a command's `--json` prints: an array of objects or one object, and its fields. Each
/// command's help shows it; `--json FIELDS` (or `--json=FIELDS`) keeps only some fields, as gh does.
struct JSONShape: Sendable {
    var array: Bool
    /// Each top-level field and what it holds.
    var fields: [(name: String, meaning: String)]

    var names: [String] { fields.map(\.name) }

    /// The help's paragraph on the shape.
    var help: String {
        let list = fields.map { "\($0.name) (\($0.meaning))" }.joined(separator: ", ")
        return "--json prints \(array ? "an array of objects" : "an object") with \(list); a field with no value is left out. "
            + "--json FIELDS (comma-separated, e.g. --json \(fields.prefix(2).map(\.name).joined(separator: ","))) keeps only those."
    }

    static let claimRow = JSONShape(array: true, fields: [
        ("ref", "DOC:CLAIM"), ("document", "its id"), ("claim", "the claim's id"), ("status", "its status"),
        ("score", "check-worthiness, 0-1"), ("rating", "the verdict's"), ("assignee", "who reviews it"),
        ("quote", "the claim's words"), ("path", "the document's file"),
    ])
    static let search = JSONShape(array: true, fields: [
        ("ref", "DOC:CLAIM, or an archived review's url"), ("status", "a claim's"), ("rating", "the verdict's"),
        ("assignee", "a claim's"), ("quote", "the claim's words"), ("path", "a claim's document"),
        ("publisher", "an archived review's"),
    ])
    static let similar = JSONShape(array: true, fields: [
        ("ref", "DOC:CLAIM, or an archived review's url"), ("score", "the match's BM25F score"),
        ("strength", "0-1, the score over the claim's own"), ("status", "a claim's"), ("rating", "the verdict's"),
        ("publisher", "an archived review's"), ("quote", "the checked claim's words"),
    ])
    static let claim = JSONShape(array: false, fields: [
        ("ref", "DOC:CLAIM"), ("document", "its id"), ("claim", "the claim's id"), ("path", "the document's file"),
        ("status", "its status"), ("created", "UTC time"), ("anchor", "{start, end, prefix, exact, suffix}"),
        ("claimant", "who made the claim"), ("topics", "tags"), ("score", "{value, features}"),
        ("assignee", "who reviews it"), ("verdict", "{rating, ratingValue, summary, reviewer, time}"),
        ("conflict", "{ours, theirs} left by a merge"), ("superseded", "earlier verdicts"),
        ("sources", "[{url, relation, accessed, title, publisher, archived, excerpt}]"),
        ("notes", "[{author, time, text}]"), ("history", "[{time, actor, action, from, to, note, rating, sources}]"),
    ])
    static let history = JSONShape(array: true, fields: [
        ("time", "UTC"), ("actor", "who"), ("action", "what"), ("from", "the status before"), ("to", "the status after"),
        ("note", "why"), ("rating", "a verdict's"), ("sources", "urls cited"),
    ])
    static let stats = JSONShape(array: false, fields: [
        ("documents", "how many"), ("claims", "how many"), ("byStatus", "claims per status"),
        ("byRating", "verdicts per rating"), ("byReviewer", "verdicts per reviewer"),
    ])
    static let validation = JSONShape(array: false, fields: [
        ("checked", "documents"), ("valid", "documents"), ("invalid", "documents"), ("unreadable", "documents"),
        ("documents", "[{path, status, diagnostics: [{file, line, column, severity, message}]}], in path order"),
    ])

    /// The shape of each command that prints JSON, by name.
    static let byCommand: [String: JSONShape] = [
        "list": claimRow, "search": search, "similar": similar, "show": claim, "history": history, "stats": stats,
        "validate": validation,
    ]

    /// The command line with `--json=FIELDS`, and `--json FIELDS` where every word of FIELDS is a
    /// field of the command's shape, written as `--json --json-fields FIELDS` for the parser.
    static func rewrite(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, let shape = byCommand[command] else { return arguments }
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word.hasPrefix("--json=") {
                result += ["--json", "--json-fields", String(word.dropFirst("--json=".count))]
            } else if word == "--json", index + 1 < arguments.count,
                      case let names = arguments[index + 1].split(separator: ",", omittingEmptySubsequences: false),
                      !names.isEmpty, names.allSatisfy({ shape.names.contains(String($0)) }) {
                result += ["--json", "--json-fields", arguments[index + 1]]
                index += 1
            } else {
                result.append(word)
            }
            index += 1
        }
        return result
    }
}

/// The fields `--json FIELDS` keeps, checked against the shape; nil keeps all.
struct JSONSelection: Sendable {
    let fields: Set<String>

    init?(_ text: String?, shape: JSONShape, command: String) throws {
        guard let text else { return nil }
        let names = text.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        let unknown = names.filter { !shape.names.contains($0) }
        guard unknown.isEmpty, !names.isEmpty else {
            let what = unknown.isEmpty ? "--json needs field names" : "no JSON field '\(unknown[0])' in \(command)"
            let hint = unknown.first.flatMap { EditDistance.nearest(to: $0, in: shape.names) }.map { "; did you mean '\($0)'?" } ?? ""
            throw ValidationErrorText("\(what)\(hint); its fields are \(shape.names.joined(separator: ", "))")
        }
        fields = Set(names)
    }

    /// `json` (one value, as the encoder wrote it) with only the selected fields at its top
    /// level (of each element, for an array), written as the encoder writes.
    func apply(_ json: Data) throws -> String {
        var value = try JSONDecoder().decode(JSONValue.self, from: json)
        switch value {
        case .object(let object):
            value = .object(object.filter { fields.contains($0.key) })
        case .array(let elements):
            value = .array(elements.map { element in
                guard case .object(let object) = element else { return element }
                return .object(object.filter { fields.contains($0.key) })
            })
        default:
            break
        }
        return try StableJSONEncoder().string(value)
    }
}

/// A validation message to throw where `ArgumentParser` is not imported.
struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
