import LibXML

/// A desk's folder of annotation documents, with its optional settings file.
public struct Workspace: Sendable {
    /// The settings file at the top of a workspace.
    public static let settingsFile = "factcheck-workspace.xml"
    /// What the workspace's `.gitignore` keeps out of git: lock files and temporaries of interrupted writes.
    public static let ignoredPatterns = [".*.lock", ".*.tmp-*", ".factcheck/"]

    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The file of document `id`: `ID.factcheck.xml` at the top, else the one file of that name below.
    public func documentPath(for id: String) throws(DocumentError) -> String {
        let name = id + AnnotationDocument.fileSuffix
        let direct = newDocumentPath(for: id)
        if fileExists(direct) { return direct }
        let documents = DocumentFinder.documents(in: root)
        let found = documents.filter { PathNames.split($0).name == name }
        switch found.count {
        case 1:
            return found[0]
        case 0:
            let ids = documents.map(Self.documentID)
            let hint = EditDistance.nearest(to: id, in: ids).map { "; did you mean \($0)?" } ?? ""
            throw .unreadable([Diagnostic(file: direct, message: "no document '\(id)' in the workspace \(root)\(hint)")])
        default:
            throw .invalid([
                Diagnostic(
                    file: root, message: "document id '\(id)' is ambiguous: \(found.joined(separator: ", "))")
            ])
        }
    }

    /// The ids of the workspace's documents, in the order they are found.
    public func documentIDs() -> [String] {
        DocumentFinder.documents(in: root).map(Self.documentID)
    }

    /// A document file's id: its name without `.factcheck.xml`.
    private static func documentID(_ path: String) -> String {
        String(PathNames.split(path).name.dropLast(AnnotationDocument.fileSuffix.count))
    }

    /// Where a new document `id` goes: `ID.factcheck.xml` at the top of the workspace.
    public func newDocumentPath(for id: String) -> String {
        PathNames.join(root, id + AnnotationDocument.fileSuffix)
    }

    private func fileExists(_ path: String) -> Bool {
        DocumentFinder.entries(for: [path]) == [.document(path)]
    }

    /// Creates the settings file and `.gitignore` in `root` (the folder is made if needed) and
    /// returns the paths written.
    ///
    /// An existing settings file is an error and left alone; `.gitignore` gains only missing lines.
    /// With `dryRun`, the same checks are made and the paths returned, and nothing is written.
    public static func initialize(
        at root: String, settings: WorkspaceSettings, dryRun: Bool = false
    ) throws(DocumentError) -> [String] {
        if !dryRun { try FileSystem.makeFolder(root) }
        var created: [String] = []
        let settingsPath = PathNames.join(root, settingsFile)
        let settingsBytes = Array(try settings.serialized().utf8)
        if dryRun {
            try AtomicFile.checkFree(settingsPath)
        } else {
            try AtomicFile.create(settingsPath, with: settingsBytes)
        }
        created.append(settingsPath)
        let ignorePath = PathNames.join(root, ".gitignore")
        let existing = (try? InputFile.read(ignorePath)).map { String(decoding: $0, as: UTF8.self) }
        let present = Set((existing ?? "").split(separator: "\n").map(String.init))
        let missing = ignoredPatterns.filter { !present.contains($0) }
        if !missing.isEmpty {
            var text = existing ?? ""
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            if existing == nil { text += "# factcheck: lock files, temporaries of interrupted writes, the index (a cache)\n" }
            text += missing.joined(separator: "\n") + "\n"
            if !dryRun {
                if existing == nil {
                    try AtomicFile.create(ignorePath, with: Array(text.utf8))
                } else {
                    try AtomicFile.replace(ignorePath, with: Array(text.utf8))
                }
            }
            created.append(ignorePath)
        }
        return created
    }
}
