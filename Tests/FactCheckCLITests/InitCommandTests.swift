import FactCheckKit
import Foundation
import TestSupport
import Testing

@Suite struct InitCommand {
    private func git(_ arguments: String..., in folder: String) throws -> String {
        let result = try FactCheckProcess.run(
            ["git"] + arguments, in: folder,
            environment: ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                          "GIT_COMMITTER_EMAIL": "t@example.org"],
            executable: "/usr/bin/env")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func writesSettingsAndGitignore() throws {
        let folder = TemporaryDirectory()
        let result = try FactCheckProcess.run(
            ["init", "desk", "--org-name", "Example Fact Desk", "--org-url", "https://example.org",
             "--review-url", "https://example.org/checks/{doc}/{claim}"],
            in: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout == """
            wrote desk/factcheck-workspace.xml
            wrote desk/.gitignore
            wrote desk/.gitattributes
            not in a git repository yet: after `git init` (or in each clone), run `factcheck init --git`

            """)
        #expect(try String(contentsOfFile: folder.file("desk/.gitattributes"), encoding: .utf8).contains("*.factcheck.xml merge=factcheck\n"))
        let settings = try WorkspaceSettings.load(workspace: folder.file("desk"))
        #expect(settings == WorkspaceSettings(
            organizationName: "Example Fact Desk", organizationURL: "https://example.org",
            reviewURLTemplate: "https://example.org/checks/{doc}/{claim}"))

        let again = try FactCheckProcess.run(["init", "desk"], in: folder.path)
        #expect(again.status == 3)
        #expect(again.stderr == "desk/factcheck-workspace.xml: error: cannot create file: it already exists\n")
    }

    @Test func locksAndTemporariesStayOutOfGit() throws {
        let desk = try Desk()
        #expect(try desk.run("init").status == 0)
        _ = try git("init", "-q", in: desk.folder.path)
        _ = try git("add", "-A", in: desk.folder.path)
        _ = try git("commit", "-qm", "start", in: desk.folder.path)
        #expect(try desk.run("note", "nk-icc:c12", "Checked.").status == 0)
        try desk.folder.write(".nk-icc.factcheck.xml.tmp-123-456", "left by a crash")
        #expect(FileManager.default.fileExists(atPath: desk.folder.file(".nk-icc.factcheck.xml.lock")))
        #expect(try git("status", "--porcelain", in: desk.folder.path) == " M nk-icc.factcheck.xml\n")
    }

    @Test func existingGitignoreKeepsItsLines() throws {
        let folder = TemporaryDirectory()
        try folder.write(".gitignore", "*.log")
        #expect(try FactCheckProcess.run(["init"], in: folder.path).status == 0)
        #expect(try String(contentsOfFile: folder.file(".gitignore"), encoding: .utf8) == "*.log\n.*.lock\n.*.tmp-*\n.factcheck/\n")
    }
}
