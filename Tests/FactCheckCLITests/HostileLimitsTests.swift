import Foundation
import TestSupport
import Testing

/// Each limit the README's Safety section names, hit by a hostile input: the binary refuses it with
/// the file, the line and the limit, exit 1, within 5 s of CPU
/// and 256 MiB of address space (enforced with `ulimit`, so a slow or bloated refusal is killed
/// and fails the test, in the debug build the tests run).
@Suite struct HostileLimits {
    /// Runs `factcheck arguments…` in `folder` under the CPU and memory limits.
    private func runLimited(_ arguments: [String], in folder: TemporaryDirectory, cpuSeconds: Int = 5) throws -> RunResult {
        let quoted = ([FactCheckProcess.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try FactCheckProcess.run(
            ["-c", "ulimit -t \(cpuSeconds) && ulimit -v 262144 && exec \(quoted)"], in: folder.path, executable: "/bin/bash")
    }

    private let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<factcheck xmlns=\"urn:factcheck:annotation:1\" schemaVersion=\"1\">"

    private func attributes(_ count: Int) -> String {
        (0..<count).map { "a\($0)=\"1\"" }.joined(separator: " ")
    }

    @Test(arguments: [
        // Read whole (under 128 KiB) and streamed (over it, the tag far into the file).
        ("small", 0),
        ("streamed", 300_000),
    ])
    func aStartTagWithTooManyAttributesIsRefusedBeforeParsing(name: String, padding: Int) throws {
        let folder = TemporaryDirectory()
        let comment = padding > 0 ? "<!-- \(String(repeating: "x", count: padding)) -->\n" : ""
        _ = try folder.write(
            "\(name).factcheck.xml", header + comment + "\n<article \(attributes(40_000))/></factcheck>\n")
        let result = try runLimited(["validate", "\(name).factcheck.xml"], in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        let line = padding > 0 ? 4 : 3
        #expect(result.stderr == """
            \(name).factcheck.xml:\(line):1: error: start tag <article> has more than 256 attributes (the limit per element); refused before parsing

            """)
    }

    @Test func attributesUpToTheLimitAreParsed() throws {
        let folder = TemporaryDirectory()
        _ = try folder.write("many.factcheck.xml", header + "<article \(attributes(256))/></factcheck>\n")
        let result = try runLimited(["validate", "many.factcheck.xml"], in: folder)
        // Parsed, then refused by the schema: the attributes are not the annotation schema's.
        #expect(result.status == 1)
        #expect(result.stderr.contains("attribute 'a0': The attribute 'a0' is not allowed"))
        #expect(!result.stderr.contains("limit per element"))
    }

    @Test func anHTMLPageWithTooManyAttributesIsRefused() throws {
        let folder = TemporaryDirectory()
        // Attributes without values count as well; those inside a script do not.
        let page = "<html><head><script>if (a<b \(String(repeating: "x ", count: 500))) {}</script></head>"
            + "<body>\n<p \(String(repeating: "hidden ", count: 40_000))>The committee voted 111 to 19 on Tuesday.</p></body></html>"
        _ = try folder.write("page.html", page)
        let result = try runLimited(["import", "page.html"], in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "page.html:2:1: error: start tag <p> has more than 256 attributes (the limit per element); refused before parsing\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["page.html"])
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        let folder = TemporaryDirectory()
        let depth = 100_000
        _ = try folder.write(
            "deep.factcheck.xml",
            header + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</factcheck>\n")
        let result = try runLimited(["validate", "deep.factcheck.xml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("deep.factcheck.xml:2:"))
        #expect(result.stderr.contains("error: excessive depth: elements nested more than 256 deep (the limit)"))
        #expect(!result.stderr.contains("XML_PARSE_HUGE"))

        _ = try folder.write("deep.html", "<html><body>" + String(repeating: "<div>", count: 1_000_000) + "</body></html>")
        let page = try runLimited(["import", "deep.html"], in: folder)
        #expect(page.status == 1)
        #expect(page.stderr.hasPrefix("deep.html:1:"))
        #expect(page.stderr.contains("error: excessive depth: elements nested more than 256 deep (the limit)"))
    }

    @Test func aTextNodeLongerThanTheLimitIsRefused() throws {
        let folder = TemporaryDirectory()
        let text = String(repeating: "word ", count: 2_100_000)
        _ = try folder.write(
            "long.factcheck.xml",
            header + "<article id=\"long\"><title>T</title><text sha256=\"\(String(repeating: "0", count: 64))\">\(text)</text></article></factcheck>\n")
        let result = try runLimited(["validate", "long.factcheck.xml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("long.factcheck.xml:2:"))
        #expect(result.stderr.contains("error: a text node is longer than 10,000,000 bytes (the limit)"))
    }

    @Test func filesOverTheSizeCapAreNotRead() throws {
        let folder = TemporaryDirectory()
        // Sparse: the size is all the tool looks at before refusing.
        for (name, size) in [("huge.factcheck.xml", 600 << 20), ("huge.html", 17 << 20)] {
            let path = folder.file(name)
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: UInt64(size))
            try handle.close()
        }
        let document = try runLimited(["validate", "huge.factcheck.xml"], in: folder)
        #expect(document.status == 1)
        #expect(document.stderr.contains("huge.factcheck.xml: error: file is 629145600 bytes, over the limit of 536870912 bytes"))
        let page = try runLimited(["import", "huge.html"], in: folder)
        #expect(page.status == 1)
        #expect(page.stderr == "huge.html: error: file is 17825792 bytes, over the limit of 16777216 bytes\n")
    }

    @Test func aPageOfTwoMillionTagsImportsInBoundedMemory() throws {
        let folder = TemporaryDirectory()
        // 8 MiB: a paragraph of prose every hundred tags, the rest `<i>a</i>`. libxml2's tree of it
        // and a Swift copy took 579 MiB; the compact tree keeps it under the 256 MiB limit here.
        let paragraph = "<p>The committee voted 111 to 19 on Tuesday, officials said in a statement.</p>"
        let chunk = String(repeating: "<i>a</i>", count: 100) + paragraph
        let chunks = 8 * 1024 * 1024 / chunk.utf8.count
        let page = "<html><body><article>" + String(repeating: chunk, count: chunks) + "</article></body></html>"
        _ = try folder.write("tags.html", page)
        let result = try runLimited(["import", "tags.html", "--id", "tags", "--no-extract"], in: folder, cpuSeconds: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(" characters in \(chunks) paragraphs;"))
    }
}
