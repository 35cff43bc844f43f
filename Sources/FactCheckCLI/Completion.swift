import ArgumentParser
import FactCheckKit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Shell completion of what the workspace holds: document ids, and claim refs (`DOC:CLAIM`).
///
/// Bash splits a word at a colon (`COMP_WORDBREAKS`): while a ref is typed after its colon it
/// hands over the document id, the colon and the claim's start as three words, and what it
/// completes is only the last. Zsh and fish hand over the whole ref.
enum ClaimCompletion {
    /// The completion a claim-ref argument declares.
    static let kind = CompletionKind.custom { words, index, prefix in references(words, index, prefix) }
    /// The completion a document-id argument declares.
    static let documentKind = CompletionKind.custom { words, index, prefix in documents(words, index, prefix) }

    /// Refs (or, after a colon bash split off, claim ids) that complete the word being typed.
    /// `words` are the command line's words, `index` the one being completed, `prefix` its start.
    static func references(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let workspace = workspace(in: words)
        if index >= 2, index < words.count + 1, words.indices.contains(index - 1), words[index - 1] == ":" {
            return claims(of: words[index - 2], workspace: workspace).filter { $0.hasPrefix(prefix) }
        }
        if prefix == ":", index >= 1, words.indices.contains(index - 1) {
            // Bash replaces the word ":" with what is offered.
            return claims(of: words[index - 1], workspace: workspace).map { ":" + $0 }
        }
        if let colon = prefix.firstIndex(of: ":") {
            let document = String(prefix[..<colon])
            return claims(of: document, workspace: workspace).map { "\(document):\($0)" }.filter { $0.hasPrefix(prefix) }
        }
        // A document id first: the shell then offers its claims once the colon is typed.
        let documents = documentIDs(workspace: workspace).filter { $0.hasPrefix(prefix) }
        if documents.count == 1 {
            return claims(of: documents[0], workspace: workspace).map { "\(documents[0]):\($0)" }
        }
        return documents.map { $0 + ":" }
    }

    /// Document ids that complete `prefix`.
    static func documents(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        documentIDs(workspace: workspace(in: words)).filter { $0.hasPrefix(prefix) }
    }

    /// The workspace the command line names (`--workspace`), else the one the command would find.
    private static func workspace(in words: [String]) -> String {
        if let flag = words.firstIndex(of: "--workspace"), words.indices.contains(flag + 1) {
            return WorkspaceOptions.path(given: words[flag + 1])
        }
        let given = words.first { $0.hasPrefix("--workspace=") }.map { String($0.dropFirst("--workspace=".count)) }
        return WorkspaceOptions.path(given: given)
    }

    /// The workspace's document ids, in order.
    private static func documentIDs(workspace: String) -> [String] {
        Workspace(root: workspace).documentIDs()
    }

    /// The claim ids of document `id`, in its order; none if it cannot be read.
    private static func claims(of id: String, workspace: String) -> [String] {
        guard let path = try? Workspace(root: workspace).documentPath(for: id),
              let loaded = try? DocumentLoader.load(path: path)
        else { return [] }
        return loaded.document.claims.map(\.id)
    }
}
