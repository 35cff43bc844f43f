import Foundation
import TestSupport

/// A temporary workspace holding a copy of the sample document, for commands run as a reviewer.
final class Desk {
    let folder = TemporaryDirectory()
    let reviewer = "Alex Example"

    init() throws {
        try folder.write("nk-icc.factcheck.xml", try String(contentsOfFile: FactCheckProcess.samples + "/nk-icc.factcheck.xml", encoding: .utf8))
    }

    var documentPath: String { folder.file("nk-icc.factcheck.xml") }

    func document() throws -> String {
        try String(contentsOfFile: documentPath, encoding: .utf8)
    }

    /// Runs `factcheck arguments…` in the workspace as the desk's reviewer.
    @discardableResult
    func run(_ arguments: String..., environment: [String: String] = [:]) throws -> RunResult {
        try run(arguments, environment: environment)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        var env = ["FACTCHECK_REVIEWER": reviewer, "NO_COLOR": "1"]
        env.merge(environment) { $1 }
        return try FactCheckProcess.run(arguments, in: folder.path, environment: env)
    }
}

extension Desk {
    /// A desk with the sample and workspace settings naming a (synthetic) publishing organization,
    /// as ClaimReview needs.
    static func publishing() throws -> Desk {
        let desk = try Desk()
        try desk.folder.write(
            "factcheck-workspace.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <workspace xmlns="urn:factcheck:workspace:1" schemaVersion="1">
              <organization>
                <name>Example Fact Desk</name>
                <url>https://example.org/</url>
              </organization>
              <reviewURLTemplate>https://example.org/checks/{doc}/{claim}</reviewURLTemplate>
            </workspace>

            """)
        return desk
    }
}
