import LibXML

/// The schemas of `Schemas/`, embedded in the binary at build time and compiled once per process.
enum Schemas {
    /// The annotation document schema, `Schemas/annotation.xsd`.
    static let annotation = compile("annotation")
    /// The workspace settings schema, `Schemas/workspace.xsd`.
    static let workspace = compile("workspace")
    /// The annotated-xml export's schema, `Schemas/annotated-article.xsd`.
    static let annotatedArticle = compile("annotated-article")
    /// The archive of other desks' fact-checks, `Schemas/archive.xsd`.
    static let archive = compile("archive")

    /// A hash of every bundled schema: an index made under other schemas is rebuilt.
    static let hash = SHA256.hex(ofUTF8: EmbeddedFiles.all.filter { $0.key.hasSuffix(".xsd") }.sorted { $0.key < $1.key }
        .map { "\($0.key)\n\($0.value)" }.joined(separator: "\n"))

    /// The text of the bundled schema `name` (file name without `.xsd`).
    static func text(_ name: String) -> String? {
        EmbeddedFiles.all["\(name).xsd"]
    }

    private static func compile(_ name: String) -> XMLSchema {
        guard let text = EmbeddedFiles.all["\(name).xsd"] else {
            preconditionFailure("Schemas/\(name).xsd was not embedded at build time")
        }
        do {
            return try XMLSchema(source: text, name: "Schemas/\(name).xsd")
        } catch {
            // The schema ships inside the binary; the test suite compiles it, so this is a build defect.
            preconditionFailure("Schemas/\(name).xsd does not compile:\n\(error)")
        }
    }
}
