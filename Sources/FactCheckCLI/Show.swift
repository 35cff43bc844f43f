import ArgumentParser
import FactCheckKit

/// Loads the claim a reference names, reporting a missing document or claim as an error.
func loadClaim(_ reference: ClaimReference, workspace: String) throws -> (Claim, LoadedDocument) {
    var found: (Claim, LoadedDocument)?
    try reportingFailures {
        let path = try Workspace(root: workspace).documentPath(for: reference.document)
        let loaded = try DocumentLoader.load(path: path)
        let claim = loaded.document.claims[try loaded.document.index(ofClaim: reference.claim, path: path)]
        found = (claim, loaded)
    }
    return found!
}

/// `factcheck show DOC:CLAIM`
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show everything about one claim.", discussion: examples("show nk-icc:c3", "show nk-icc:c3 --json", "show nk-icc:c3 --json verdict,sources", after: JSONShape.claim.help))

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The claim, as DOC:CLAIM.", completion: ClaimCompletion.kind, transform: claimArgument)
    var claim: ClaimReference

    func run() throws {
        let (claim, loaded) = try loadClaim(self.claim, workspace: workspace.path)
        if output.json {
            try JSONOutput.print(ClaimJSON(claim, document: self.claim.document, path: loaded.path))
            return
        }
        var lines = ["\(self.claim)  \(claim.status.rawValue)"]
        lines.append("  “\(claim.anchor.exact)”")
        lines.append("  in \(loaded.document.article.title) (\(loaded.path), characters \(claim.anchor.start)–\(claim.anchor.end))")
        if let claimant = claim.claimant { lines.append("  claimant: \(claimant)") }
        if !claim.topics.isEmpty { lines.append("  topics:   \(claim.topics.joined(separator: ", "))") }
        if let assignee = claim.assignee { lines.append("  assignee: \(assignee)") }
        // From the index as the last list, search or similar left it: a hint, never worth reading
        // the whole workspace for.
        if let index = WorkspaceIndex.existing(workspace: workspace.path, version: FactCheck.version),
           let match = try? index.cachedCheckedBefore(claim.anchor.exact, excluding: self.claim.description) {
            lines.append("  \(CheckedBefore.line(match))")
        }
        if let score = claim.score {
            let features = score.features.map { "\($0.name) \(DecimalFormat.twoPlaces($0.weight))" }.joined(separator: ", ")
            lines.append("  score:    \(DecimalFormat.twoPlaces(score.value))\(features.isEmpty ? "" : " (\(features))")")
        }
        if let verdict = claim.verdict {
            lines.append("")
            lines.append("Verdict: \(Self.describe(verdict))")
            if let summary = verdict.summary { lines.append("  \(summary)") }
        }
        if let conflict = claim.conflict {
            lines.append("")
            lines.append("Conflict: a merge brought two outcomes; `factcheck resolve \(self.claim) --take ours|theirs` or a new mark settles it")
            for (side, outcome) in [("ours", conflict.ours), ("theirs", conflict.theirs)] {
                let what = outcome.verdict.map(Self.describe) ?? "\(outcome.status.rawValue), by \(outcome.actor) at \(outcome.time)"
                lines.append("  \(side.padding(to: 7)) \(outcome.status.hasVerdict ? "\(outcome.status.rawValue): " : "")\(what)")
                if let text = outcome.verdict?.summary ?? outcome.note { lines.append("          \(text)") }
            }
        }
        if !claim.superseded.isEmpty {
            lines.append("")
            lines.append("Superseded verdicts:")
            for old in claim.superseded {
                lines.append("  \(Self.describe(old.verdict)); set aside by \(old.by) at \(old.at)")
                if let summary = old.verdict.summary { lines.append("    \(summary)") }
            }
        }
        if !claim.sources.isEmpty {
            lines.append("")
            lines.append("Sources:")
            for source in claim.sources {
                let about = [source.title.map { "“\($0)”" }, source.publisher].compactMap { $0 }.joined(separator: ", ")
                lines.append("  \(source.relation.rawValue.padding(to: 8))  \(source.url)")
                if !about.isEmpty { lines.append("            \(about)") }
                if let archived = source.archived { lines.append("            archived: \(archived)") }
                if let excerpt = source.excerpt { lines.append("            “\(excerpt.truncated(to: 100))”") }
            }
        }
        if !claim.notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            for note in claim.notes { lines.append("  \(note.time)  \(note.author): \(note.text)") }
        }
        // On a terminal, long lines break between words and keep their indent; the history is a
        // table, left as it is.
        if let columns = Screen.columns { lines = lines.flatMap { $0.wrapped(to: columns) } }
        lines.append("")
        lines.append("History:")
        lines.append(HistoryTable.render(claim.history, indent: "  "))
        Terminal.out(lines.joined(separator: "\n"))
    }
}

extension Show {
    static func describe(_ verdict: Verdict) -> String {
        "\(verdict.rating.rawValue) (\(verdict.rating.value)/5), by \(verdict.reviewer) at \(verdict.time)"
    }
}

/// `factcheck history DOC:CLAIM`
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the history of one claim.",
        discussion: examples("history nk-icc:c3", "history nk-icc:c3 --json", after: JSONShape.history.help))

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The claim, as DOC:CLAIM.", completion: ClaimCompletion.kind, transform: claimArgument)
    var claim: ClaimReference

    func run() throws {
        let (claim, _) = try loadClaim(self.claim, workspace: workspace.path)
        if output.json {
            try JSONOutput.print(claim.history.map(EventJSON.init))
        } else {
            var text = HistoryTable.render(claim.history, indent: "")
            if !claim.superseded.isEmpty {
                text += "\n\nSuperseded verdicts:\n" + claim.superseded.map {
                    "  \(Show.describe($0.verdict)); set aside by \($0.by) at \($0.at)"
                }.joined(separator: "\n")
            }
            Terminal.out(text)
        }
    }
}

/// The history of a claim as a table.
enum HistoryTable {
    static func render(_ history: [HistoryEvent], indent: String) -> String {
        var table = Table(headers: ["TIME", "ACTOR", "ACTION", "STATUS", "NOTE"])
        for event in history {
            let status = event.from.map { $0 == event.to ? $0.rawValue : "\($0.rawValue) → \(event.to.rawValue)" }
                ?? event.to.rawValue
            let detail = [event.rating.map { "[\($0.rawValue)]" }, event.note, event.action == .mark ? nil : event.urls.first]
                .compactMap { $0 }.joined(separator: " ")
            table.rows.append([event.time, event.actor, event.action.rawValue, status, detail.truncated(to: 70)])
        }
        return table.render().split(separator: "\n").map { indent + $0 }.joined(separator: "\n")
    }
}
