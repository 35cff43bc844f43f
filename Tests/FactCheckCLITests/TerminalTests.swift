import Foundation
import Testing
import TestSupport

/// Runs the binary on a real pseudo-terminal of a given size, with util-linux's `script`.
enum PseudoTerminal {
    struct Output {
        var status: Int32
        /// Everything the terminal showed (stdout and stderr), line ends as "\n".
        var screen: String
    }

    static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    static func run(
        _ arguments: [String], in folder: String, columns: Int, rows: Int, environment: [String: String] = [:]
    ) throws -> Output {
        let command = ([FactCheckProcess.binary.path] + arguments).map(quoted).joined(separator: " ")
        let result = try FactCheckProcess.run(
            ["-qec", "stty cols \(columns) rows \(rows); exec \(command)", "/dev/null"], in: folder,
            environment: ["NO_COLOR": "1"].merging(environment) { $1 }, executable: "/usr/bin/script")
        return Output(status: result.status, screen: result.stdout.replacingOccurrences(of: "\r\n", with: "\n"))
    }
}

@Suite struct TerminalWidth {
    private func rows(_ screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { $0.hasPrefix("nk-icc:") }
    }

    @Test func tablesFitTheTerminal() throws {
        let desk = try Desk()
        let narrow = try PseudoTerminal.run(["list", "--all", "--no-pager"], in: desk.folder.path, columns: 80, rows: 100)
        #expect(narrow.status == 0)
        #expect(rows(narrow.screen).count == 13)
        for line in narrow.screen.split(separator: "\n") {
            #expect(String(line).displayWidth <= 80, "\(line)")
        }
        let wide = try PseudoTerminal.run(["list", "--all", "--no-pager"], in: desk.folder.path, columns: 200, rows: 100)
        let first = try #require(rows(wide.screen).first { $0.hasPrefix("nk-icc:c1 ") })
        #expect(first.displayWidth <= 200)
        // The quote takes what the other columns leave, far past the 60 of a pipe, cut at a word.
        let quote = try #require(first.range(of: "The United Nations")).lowerBound
        #expect(first[quote...].count > 100, "\(first)")
        #expect(first.hasSuffix("…"))
        #expect(!first[quote...].contains("  "))
    }

    /// Wide characters take two columns: the quote column starts at the same place on every row.
    @Test func wideCharactersKeepTheColumns() throws {
        let desk = try Desk()
        #expect(try desk.run("assign", "nk-icc:c12", "--to", "李明").status == 0)
        let listed = try desk.run("list", "--all").stdout.split(separator: "\n").map(String.init)
        func start(of text: String, in line: String) throws -> Int {
            String(line[..<(try #require(line.range(of: text))).lowerBound]).displayWidth
        }
        let header = try start(of: "QUOTE", in: listed[0])
        let chinese = try #require(listed.first { $0.contains("李明") })
        #expect(try start(of: "The votes", in: chinese) == header, "\(listed)")
        let other = try #require(listed.first { $0.hasPrefix("nk-icc:c1 ") })
        #expect(try start(of: "The United", in: other) == header)
    }

    @Test func showBreaksLongLinesUnderTheirIndent() throws {
        let desk = try Desk()
        let shown = try PseudoTerminal.run(["show", "nk-icc:c1", "--no-pager"], in: desk.folder.path, columns: 60, rows: 100)
        #expect(shown.status == 0)
        let lines = shown.screen.split(separator: "\n").map(String.init)
        let history = try #require(lines.firstIndex(of: "History:"))
        for line in lines[..<history] where !line.contains("https://") {
            #expect(line.displayWidth <= 60, "\(line)")
        }
        // The quote goes on under its opening mark.
        let quote = try #require(lines.firstIndex { $0.hasPrefix("  “The United Nations") })
        #expect(lines[quote + 1].hasPrefix("   ") && !lines[quote + 1].hasPrefix("    "))
        // Through a pipe, lines stay whole.
        #expect(try desk.run("show", "nk-icc:c1").stdout.contains("International Criminal Court.”\n"))
    }
}

@Suite struct PagerUse {
    @Test func outputLongerThanTheScreenGoesThroughThePager() throws {
        let desk = try Desk()
        let paged = desk.folder.file("paged.txt")
        let pager = ["FACTCHECK_PAGER": "cat > '\(paged)'"]
        let long = try PseudoTerminal.run(["list", "--all"], in: desk.folder.path, columns: 120, rows: 6, environment: pager)
        #expect(long.status == 0)
        let text = try String(contentsOfFile: paged, encoding: .utf8)
        #expect(text.hasPrefix("CLAIM "))
        #expect(text.hasSuffix("13 claims\n"))
        #expect(!long.screen.contains("nk-icc:c1 "), "\(long.screen)")
        try FileManager.default.removeItem(atPath: paged)
        // What fits the screen is written straight to it.
        let short = try PseudoTerminal.run(["list", "--all", "--limit", "2"], in: desk.folder.path, columns: 120, rows: 6,
                                           environment: pager)
        #expect(short.screen.contains("nk-icc:c1 "))
        #expect(!FileManager.default.fileExists(atPath: paged))
        // --no-pager, an empty pager, and a pipe never page.
        let unpaged = try PseudoTerminal.run(["list", "--all", "--no-pager"], in: desk.folder.path, columns: 120, rows: 6,
                                             environment: pager)
        #expect(unpaged.screen.contains("nk-icc:c13 "))
        let empty = try PseudoTerminal.run(["list", "--all"], in: desk.folder.path, columns: 120, rows: 6,
                                           environment: ["FACTCHECK_PAGER": "", "PAGER": "cat > '\(paged)'"])
        #expect(empty.screen.contains("nk-icc:c13 "))
        #expect(try desk.run(["list", "--all"], environment: pager).stdout.hasSuffix("13 claims\n"))
        #expect(!FileManager.default.fileExists(atPath: paged))
        // $PAGER when $FACTCHECK_PAGER is not set.
        _ = try PseudoTerminal.run(["show", "nk-icc:c1"], in: desk.folder.path, columns: 120, rows: 6,
                                   environment: ["PAGER": "cat > '\(paged)'"])
        #expect(try String(contentsOfFile: paged, encoding: .utf8).hasPrefix("nk-icc:c1  disputed\n"))
    }
}

@Suite struct ProgressLines {
    /// 1,500 generated documents: long enough to read for the line to show.
    private func workspace() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        let generator = FactCheckProcess.binary.deletingLastPathComponent().appendingPathComponent("factcheck-benchgen").path
        let made = try FactCheckProcess.run([folder.path, "1500"], in: folder.path, executable: generator)
        #expect(made.status == 0, "\(made.stderr)")
        return folder
    }

    @Test func onATerminalOnly() throws {
        let folder = try workspace()
        let shown = try PseudoTerminal.run(["validate"], in: folder.path, columns: 100, rows: 40)
        #expect(shown.status == 0)
        #expect(shown.screen.contains("reading documents: "), "\(shown.screen.prefix(300))")
        // Cleared before the result: the summary starts a clean line.
        #expect(shown.screen.contains("\r\u{1B}[K1500 documents checked: 1500 valid\n"), "\(shown.screen.suffix(300))")
        let json = try PseudoTerminal.run(["validate", "--json"], in: folder.path, columns: 100, rows: 40,
                                          environment: ["FACTCHECK_PAGER": ""])
        #expect(!json.screen.contains("reading documents"))
        let piped = try FactCheckProcess.run(["validate"], in: folder.path)
        #expect(piped.stderr.isEmpty)
        #expect(piped.stdout == "1500 documents checked: 1500 valid\n")
    }
}
