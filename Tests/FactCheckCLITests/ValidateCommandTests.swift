import Foundation
import TestSupport
import Testing

/// `path:line:col: error: message`, as every diagnostic must look.
private func isDiagnostic(_ line: some StringProtocol) -> Bool {
    String(line).wholeMatch(of: #/[^:\n]+:\d+:\d+: error: .+/#) != nil
}

private func sampleText() throws -> String {
    try String(contentsOfFile: FactCheckProcess.samples + "/nk-icc.factcheck.xml", encoding: .utf8)
}

@Suite struct ValidateCommand {
    @Test func jsonNamesEachDocumentAndItsFindings() throws {
        let folder = TemporaryDirectory()
        try folder.write("nk-icc.factcheck.xml", try sampleText())
        try folder.write("broken.factcheck.xml", "<x")
        try folder.write("bogus.factcheck.xml", try sampleText().replacingOccurrences(of: "status=\"pending\"", with: "status=\"bogus\""))
        let result = try FactCheckProcess.run(["validate", ".", "--json"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr == "", "diagnostics go in the JSON")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["checked"] as? Int == 3 && report["valid"] as? Int == 1 && report["invalid"] as? Int == 2)
        let documents = try #require(report["documents"] as? [[String: Any]])
        #expect(documents.map { $0["path"] as? String } == ["bogus.factcheck.xml", "broken.factcheck.xml", "nk-icc.factcheck.xml"])
        #expect(documents.map { $0["status"] as? String } == ["invalid", "invalid", "valid"])
        let findings = try #require(documents[0]["diagnostics"] as? [[String: Any]])
        #expect(!findings.isEmpty && findings.allSatisfy {
            $0["file"] as? String == "bogus.factcheck.xml" && ($0["line"] as? Int ?? 0) > 0 && $0["severity"] as? String == "error"
                && !($0["message"] as? String ?? "").isEmpty
        })
        #expect((documents[2]["diagnostics"] as? [Any])?.isEmpty == true)
        let missing = try FactCheckProcess.run(["validate", "gone.factcheck.xml", "--json"], in: folder.path)
        #expect(missing.status == 3)
        #expect(missing.stdout.contains("\"status\" : \"unreadable\""))
    }

    @Test func samplesAreValid() throws {
        let result = try FactCheckProcess.run(["validate", FactCheckProcess.samples], in: "/")
        #expect(result.status == 0)
        #expect(result.stdout == "1 document checked: 1 valid\n")
        #expect(result.stderr == "")
    }

    @Test func semanticErrorsAreReportedXmllintStyle() throws {
        let folder = TemporaryDirectory()
        try folder.write("nk-icc.factcheck.xml", try sampleText().replacingOccurrences(of: "status=\"pending\"", with: "status=\"dismissed\""))
        let result = try FactCheckProcess.run(["validate", "nk-icc.factcheck.xml"], in: folder.path)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy(isDiagnostic))
        #expect(lines[0].hasPrefix("nk-icc.factcheck.xml:"))
        #expect(lines[0].hasSuffix("error: claim c12 has status dismissed but its history leads to pending"))
        #expect(result.stdout == "1 document checked: 0 valid, 1 invalid (2 errors)\n")
    }

    @Test func malformedXMLIsLocatedAndNothingElseIsPrinted() throws {
        let folder = TemporaryDirectory()
        try folder.write("broken.factcheck.xml", "<?xml version=\"1.0\"?>\n<factcheck>\n  <article>\n</factcheck>\n")
        let result = try FactCheckProcess.run(["validate", "broken.factcheck.xml"], in: folder.path)
        #expect(result.status == 1)
        let first = try #require(result.stderr.split(separator: "\n").first.map(String.init))
        #expect(first.hasPrefix("broken.factcheck.xml:4:"))
        #expect(first.contains("error: opening and ending tag mismatch: article line 3 and factcheck"))
        #expect(result.stderr.split(separator: "\n").allSatisfy(isDiagnostic))
    }

    @Test func hostileDocumentIsRefused() throws {
        let folder = TemporaryDirectory()
        try folder.write(
            "evil.factcheck.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE factcheck [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<factcheck>&x;</factcheck>\n")
        let result = try FactCheckProcess.run(["validate", "evil.factcheck.xml"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr == "evil.factcheck.xml:2:1: error: document has a DOCTYPE; DTDs and entity declarations are refused\n")
        #expect(!result.stdout.contains("root:"))
    }

    @Test func oneBrokenFileDoesNotStopTheOthers() throws {
        let folder = TemporaryDirectory()
        let good = try sampleText()
        try folder.write("a/nk-icc.factcheck.xml", good)
        try folder.write("b/nk-icc.factcheck.xml", good.replacingOccurrences(of: "schemaVersion=\"1\"", with: "schemaVersion=\"9\""))
        try folder.write("c/nk-icc.factcheck.xml", good)
        try folder.write("c/notes.txt", "not a document")
        let result = try FactCheckProcess.run(["validate"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("b/nk-icc.factcheck.xml:2:1: error: element 'factcheck', attribute 'schemaVersion'"))
        #expect(result.stdout == "3 documents checked: 2 valid, 1 invalid (1 error)\n")
    }

    @Test func missingFileExitsWithThree() throws {
        let folder = TemporaryDirectory()
        try folder.write("nk-icc.factcheck.xml", try sampleText())
        let result = try FactCheckProcess.run(["validate", "nk-icc.factcheck.xml", "gone.factcheck.xml"], in: folder.path)
        #expect(result.status == 3)
        #expect(result.stderr == "gone.factcheck.xml: error: no such file or folder\n")
        #expect(result.stdout == "2 documents checked: 1 valid, 1 unreadable (1 error)\n")
    }

    /// A folder named like a document is not silently "0 documents checked".
    @Test func aFolderNamedLikeADocumentIsUnreadable() throws {
        let folder = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.file("odd.factcheck.xml"), withIntermediateDirectories: true)
        for name in ["odd.factcheck.xml", "odd.factcheck.xml/"] {
            let result = try FactCheckProcess.run(["validate", name], in: folder.path)
            #expect(result.status == 3)
            #expect(result.stderr == "\(name): error: not a regular file\n")
            #expect(result.stdout == "1 document checked: 0 valid, 1 unreadable (1 error)\n")
        }
        // Found inside a folder being searched, it is a folder like any other.
        try folder.write("odd.factcheck.xml/inner.factcheck.xml", try sampleText())
        let searched = try FactCheckProcess.run(["validate", "."], in: folder.path)
        #expect(searched.stdout.hasPrefix("1 document checked"))
    }

    @Test func workspaceComesFromTheOptionOrTheEnvironment() throws {
        let folder = TemporaryDirectory()
        try folder.write("desk/nk-icc.factcheck.xml", try sampleText())
        let byOption = try FactCheckProcess.run(["validate", "--workspace", folder.file("desk")], in: "/")
        #expect(byOption.stdout == "1 document checked: 1 valid\n")
        let byEnvironment = try FactCheckProcess.run(
            ["validate"], in: "/", environment: ["FACTCHECK_WORKSPACE": folder.file("desk")])
        #expect(byEnvironment.stdout == "1 document checked: 1 valid\n")
    }

    @Test func gzipIsRefused() throws {
        let folder = TemporaryDirectory()
        try folder.write("nk-icc.factcheck.xml", bytes: [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03])
        let result = try FactCheckProcess.run(["validate", "nk-icc.factcheck.xml"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr == "nk-icc.factcheck.xml: error: gzip-compressed input is refused; decompress it first\n")
    }

    @Test func usageErrorsExitWith64() throws {
        let result = try FactCheckProcess.run(["validate", "--no-such-flag"], in: "/")
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--no-such-flag'"))
    }
}
