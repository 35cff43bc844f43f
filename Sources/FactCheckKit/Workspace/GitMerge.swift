#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LibXML

/// git's merge driver for annotation documents (`factcheck merge-file %O %A %B %P`): reads the
/// three versions, merges them claim by claim and writes the result over ours.
public enum GitMergeDriver {
    /// How a merge went, for the driver's message and exit status.
    public struct Report: Sendable {
        /// The document's name as the user knows it: its id, or the path git gave.
        public var name: String
        /// Merged with nothing left to decide: git may commit the result.
        public var clean: Bool
        /// One line per thing worth telling: renumbered and joined claims, conflicts, a refusal.
        public var lines: [String]
    }

    /// Merges `theirs` into `ours` from `base` (git's %O %A %B; `path` is %P, for messages), writing
    /// the result to `ours`. When the versions cannot be merged claim by claim (an article text
    /// differs, a version is unreadable), git's own line merge is left in `ours`, conflict markers
    /// and all, and the report is not clean.
    public static func merge(base: String, ours: String, theirs: String, path: String?) -> Report {
        let label = path ?? ours
        let loadedOurs: LoadedDocument
        let loadedTheirs: LoadedDocument
        var loadedBase: LoadedDocument?
        do throws(DocumentError) {
            loadedOurs = try DocumentLoader.load(path: ours)
            loadedTheirs = try DocumentLoader.load(path: theirs)
            // Both sides added the document: git gives an empty base.
            if fileSize(base) != 0 { loadedBase = try DocumentLoader.load(path: base) }
        } catch {
            let first = error.diagnostics.first?.message ?? "\(error)"
            return lineMerge(base: base, ours: ours, theirs: theirs, name: label, reason: "a version cannot be read (\(first))")
        }
        let name = loadedOurs.document.article.id
        let outcome: DocumentMerge.Outcome
        do throws(DocumentMerge.Refusal) {
            outcome = try DocumentMerge.merge(base: loadedBase?.document, ours: loadedOurs.document, theirs: loadedTheirs.document)
        } catch {
            return lineMerge(base: base, ours: ours, theirs: theirs, name: name, reason: error.description)
        }
        let problems = SemanticRules.check(outcome.document, path: path ?? ours)
        guard problems.isEmpty else {
            return lineMerge(
                base: base, ours: ours, theirs: theirs, name: name,
                reason: "the merged document would not be valid (\(problems[0].message))")
        }
        do throws(DocumentError) {
            try AtomicFile.replace(ours, with: Array(try AnnotationCodec.serialize(outcome.document).utf8))
        } catch {
            return Report(name: name, clean: false, lines: ["cannot write the merge: \(error.diagnostics.first?.message ?? "\(error)")"])
        }
        var lines: [String] = []
        for (from, to) in outcome.renumbered {
            lines.append("\(name):\(from) of theirs is now \(name):\(to) (both sides added a claim numbered \(from))")
        }
        for (theirsID, oursID) in outcome.joined where theirsID != oursID {
            lines.append("\(name):\(theirsID) of theirs is \(name):\(oursID): both sides added the same claim")
        }
        for id in outcome.conflicts {
            let claim = outcome.document.claim(id)
            let sides = claim?.conflict.map { "ours \(describe($0.ours)), theirs \(describe($0.theirs))" } ?? ""
            lines.append(
                "CONFLICT (verdict): \(name):\(id): \(sides); settle it with `factcheck resolve \(name):\(id) --take ours|theirs` or a new mark")
        }
        return Report(name: name, clean: outcome.conflicts.isEmpty, lines: lines)
    }

    private static func describe(_ outcome: VerdictConflict.Outcome) -> String {
        "\(outcome.status.rawValue)\(outcome.verdict.map { " (\($0.rating.rawValue))" } ?? "") by \(outcome.actor)"
    }

    /// git's own merge of the lines, left in `ours`.
    private static func lineMerge(base: String, ours: String, theirs: String, name: String, reason: String) -> Report {
        let result = ChildProcess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs])
        let left = result == nil
            ? "git could not be run, so ours is left as it was"
            : result!.status == 0 ? "git's line merge had no conflict, and is left for review" : "git's line merge, with conflict markers, is left in the file"
        return Report(
            name: name, clean: false,
            lines: ["\(name): not merged claim by claim: \(reason); \(left) (`factcheck validate` names what to fix)"])
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : -1
    }
}

/// Sets a workspace up for git: the merge driver named in `.gitattributes` (part of the workspace,
/// so it is committed and cloned) and defined in the repository's config (which is not cloned).
public enum GitSetup {
    /// The line `.gitattributes` needs.
    public static let attributesLine = "*\(AnnotationDocument.fileSuffix) merge=factcheck"

    /// What `install` did.
    public struct Result: Sendable {
        /// Files written.
        public var written: [String]
        /// The repository configured, or nil when the workspace is not in a git work tree.
        public var repository: String?
    }

    /// Adds the `.gitattributes` line under `root` if missing and, when `root` is in a git work
    /// tree, sets `merge.factcheck.driver` to run `executable` (an absolute path).
    /// With `dryRun`, says what it would write and set, and writes and sets nothing.
    public static func install(at root: String, executable: String, dryRun: Bool = false) throws(DocumentError) -> Result {
        var written: [String] = []
        let attributesPath = PathNames.join(root, ".gitattributes")
        let existing = (try? InputFile.read(attributesPath)).map { String(decoding: $0, as: UTF8.self) }
        if !(existing ?? "").split(separator: "\n").contains(where: { String($0).trimmingWhitespace() == attributesLine }) {
            var text = existing ?? ""
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += "# factcheck: merge annotation documents claim by claim (factcheck init --git sets up a clone)\n"
            text += attributesLine + "\n"
            if !dryRun {
                if existing == nil {
                    try AtomicFile.create(attributesPath, with: Array(text.utf8))
                } else {
                    try AtomicFile.replace(attributesPath, with: Array(text.utf8))
                }
            }
            written.append(attributesPath)
        }
        guard let top = ChildProcess.output(of: ["git", "-C", root, "rev-parse", "--show-toplevel"])?.trimmingWhitespace(),
              !top.isEmpty
        else { return Result(written: written, repository: nil) }
        guard !dryRun else { return Result(written: written, repository: top) }
        let driver = "\(shellQuoted(executable)) merge-file %O %A %B %P"
        for (key, value) in [("merge.factcheck.name", "factcheck: annotation documents merged claim by claim"),
                             ("merge.factcheck.driver", driver)] {
            guard ChildProcess.run(["git", "-C", root, "config", key, value])?.status == 0 else {
                throw .invalid([Diagnostic(file: top, message: "cannot set \(key) in the repository's git config")])
            }
        }
        return Result(written: written, repository: top)
    }

    /// `text` as one word for the shell git runs the driver with.
    static func shellQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+".contains($0) } ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
