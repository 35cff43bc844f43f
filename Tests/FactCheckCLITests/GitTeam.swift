import Foundation
import TestSupport
import Testing

/// Two reviewers' clones of a workspace in real git repositories, as a desk shares one: an origin
/// holding the sample (set up with `factcheck init`), and clones `a` and `b` (each set up with
/// `factcheck init --git`, since git does not clone its config).
final class GitTeam {
    let root = TemporaryDirectory()
    static let reviewers = ["a": "Ann Example", "b": "Ben Example"]

    init(document: String? = nil) throws {
        let origin = root.file("origin")
        try FileManager.default.createDirectory(atPath: origin, withIntermediateDirectories: true)
        let sample = try document ?? String(contentsOfFile: FactCheckProcess.samples + "/nk-icc.factcheck.xml", encoding: .utf8)
        try sample.write(toFile: origin + "/nk-icc.factcheck.xml", atomically: true, encoding: .utf8)
        try git(in: origin, "init", "-q", "-b", "main")
        try require(FactCheckProcess.run(["init"], in: origin), "init")
        try git(in: origin, "add", "-A")
        try git(in: origin, "commit", "-qm", "the desk starts")
        for clone in ["a", "b"] {
            try git(in: root.path, "clone", "-q", "origin", clone)
            try require(FactCheckProcess.run(["init", "--git"], in: path(clone)), "init --git")
        }
    }

    func path(_ clone: String) -> String { root.file(clone) }

    /// Runs factcheck in `clone` as its reviewer.
    @discardableResult
    func run(_ clone: String, _ arguments: String...) throws -> RunResult {
        try run(clone, arguments)
    }

    func run(_ clone: String, _ arguments: [String]) throws -> RunResult {
        try FactCheckProcess.run(
            arguments, in: path(clone), environment: ["FACTCHECK_REVIEWER": Self.reviewers[clone] ?? clone, "NO_COLOR": "1"])
    }

    /// Runs git in `folder`, which must succeed.
    @discardableResult
    func git(in folder: String, _ arguments: String...) throws -> RunResult {
        let result = try gitResult(in: folder, arguments)
        try require(result, "git \(arguments.joined(separator: " "))")
        return result
    }

    func gitResult(in folder: String, _ arguments: [String]) throws -> RunResult {
        try FactCheckProcess.run(
            ["git"] + arguments, in: folder,
            environment: ["GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org", "GIT_COMMITTER_NAME": "Desk",
                          "GIT_COMMITTER_EMAIL": "desk@example.org"],
            executable: "/usr/bin/env")
    }

    /// Commits everything in `clone`.
    func commit(_ clone: String, _ message: String = "work") throws {
        try git(in: path(clone), "add", "-A")
        let status = try gitResult(in: path(clone), ["status", "--porcelain"])
        if !status.stdout.isEmpty { try git(in: path(clone), "commit", "-qm", message) }
    }

    /// `git pull` of the other clone's main into `clone`, as a reviewer would run it; git runs the
    /// merge driver.
    func merge(into clone: String, from other: String) throws -> RunResult {
        try gitResult(in: path(clone), ["pull", "--no-rebase", "--no-edit", "../\(other)", "main"])
    }

    func document(_ clone: String) throws -> String {
        try String(contentsOfFile: path(clone) + "/nk-icc.factcheck.xml", encoding: .utf8)
    }

    private func require(_ result: RunResult, _ what: String) throws {
        if result.status != 0 {
            throw GitTeamError(message: "\(what) exited \(result.status): \(result.stderr)")
        }
    }
}

struct GitTeamError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
