import Foundation
import TestSupport
import Testing

/// From any subfolder, commands find the workspace: the nearest folder above with
/// factcheck-workspace.xml, else the git work tree's top, else the current folder.
@Suite struct WorkspaceDiscovery {
    private let sample = FactCheckProcess.samples + "/nk-icc.factcheck.xml"

    /// `folder/relative` holding the sample, with the folders `sub` below it.
    private func place(_ folder: TemporaryDirectory, at relative: String, settings: Bool, sub: String) throws -> String {
        let top = folder.file(relative)
        try folder.write(relative + "/nk-icc.factcheck.xml", try String(contentsOfFile: sample, encoding: .utf8))
        if settings {
            #expect(try FactCheckProcess.run(["init"], in: top).status == 0)
        }
        let below = top + "/" + sub
        try FileManager.default.createDirectory(atPath: below, withIntermediateDirectories: true)
        return below
    }

    private func git(_ arguments: [String], in folder: String) throws {
        let result = try FactCheckProcess.run(arguments, in: folder, executable: "/usr/bin/git")
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func theSettingsFileAboveMarksTheWorkspace() throws {
        let folder = TemporaryDirectory()
        let below = try place(folder, at: "desk", settings: true, sub: "notes/2026")
        let show = try FactCheckProcess.run(["show", "nk-icc:c3"], in: below)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("nk-icc:c3  disputed"))
        let list = try FactCheckProcess.run(["list", "--all", "--json"], in: below)
        #expect(list.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 13)
        // Paths read from where the user is.
        #expect(rows.first?["path"] as? String == "../../nk-icc.factcheck.xml")
        let changed = try FactCheckProcess.run(
            ["note", "nk-icc:c3", "Checked from a subfolder."], in: below, environment: ["FACTCHECK_REVIEWER": "Alex Example"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try String(contentsOfFile: folder.file("desk/nk-icc.factcheck.xml"), encoding: .utf8).contains("Checked from a subfolder."))
        #expect(!FileManager.default.fileExists(atPath: below + "/nk-icc.factcheck.xml"))
    }

    @Test func elseTheGitWorkTreesTop() throws {
        let folder = TemporaryDirectory()
        let below = try place(folder, at: "repo", settings: false, sub: "a/b")
        try git(["init", "-q"], in: folder.file("repo"))
        let list = try FactCheckProcess.run(["list", "--all"], in: below)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("nk-icc:c3"))
        #expect(try FactCheckProcess.run(["show", "nk-icc:c3"], in: below).status == 0)
    }

    @Test func theNearestSettingsFileWinsOverTheGitTop() throws {
        let folder = TemporaryDirectory()
        try git(["init", "-q", folder.path], in: "/")
        // A document at the repository's top that is not the desk's: it is not listed.
        try folder.write("other.factcheck.xml", try String(contentsOfFile: sample, encoding: .utf8))
        let below = try place(folder, at: "desks/world", settings: true, sub: "drafts")
        let list = try FactCheckProcess.run(["list", "--all", "--json"], in: below)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["path"] as? String }) == ["../nk-icc.factcheck.xml"])
    }

    @Test func theOptionAndTheEnvironmentStillWin() throws {
        let folder = TemporaryDirectory()
        let below = try place(folder, at: "desk", settings: true, sub: "sub")
        let empty = folder.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let byOption = try FactCheckProcess.run(["list", "--all", "--workspace", empty], in: below)
        #expect(byOption.stdout.hasPrefix("no annotation documents"))
        let byEnvironment = try FactCheckProcess.run(["list", "--all"], in: below, environment: ["FACTCHECK_WORKSPACE": empty])
        #expect(byEnvironment.stdout.hasPrefix("no annotation documents"))
    }

    @Test func withNeitherItIsTheCurrentFolder() throws {
        let folder = TemporaryDirectory()
        let below = try place(folder, at: "loose", settings: false, sub: "sub")
        let list = try FactCheckProcess.run(["list", "--all"], in: below)
        #expect(list.status == 0)
        #expect(list.stdout == "no annotation documents (*.factcheck.xml) in .; add one with: factcheck import ARTICLE\n")
        let show = try FactCheckProcess.run(["show", "nk-icc:c3"], in: below)
        #expect(show.status == 3)
        #expect(show.stderr.contains("no document 'nk-icc' in the workspace ."))
    }
}
