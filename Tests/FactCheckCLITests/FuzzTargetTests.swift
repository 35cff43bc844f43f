import Foundation
import Testing

/// The fuzz targets' checks, built without libFuzzer, over the seed corpus and every input a fuzzing
/// run once broke (Fuzz/regressions): a property that stops holding fails here, not only under `make fuzz`.
@Suite struct FuzzTargetTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test(arguments: ["annotation", "html", "claimreview"])
    func seedsAndRegressionsHoldEveryProperty(target: String) throws {
        let folders = ["Fuzz/seeds/\(target)", "Fuzz/regressions/\(target)"].filter {
            FileManager.default.fileExists(atPath: "\(Self.repository)/\($0)")
        }
        let inputs = try folders.reduce(0) { count, folder in
            try count + FileManager.default.contentsOfDirectory(atPath: "\(Self.repository)/\(folder)").count
        }
        #expect(inputs >= 10)
        let replay = FactCheckProcess.binary.deletingLastPathComponent().appendingPathComponent("factcheck-fuzz-\(target)").path
        let result = try FactCheckProcess.run(folders, in: Self.repository, executable: replay)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(inputs) inputs checked\n")
    }

    @Test func aBrokenPropertyStopsTheTargetNamingIt() throws {
        // A document the whole reader accepts, made unreadable to the streaming reader's scratch file
        // by a TMPDIR that does not exist: the target must stop and say why, not pass silently.
        let replay = FactCheckProcess.binary.deletingLastPathComponent().appendingPathComponent("factcheck-fuzz-annotation").path
        let result = try FactCheckProcess.run(
            ["Fuzz/seeds/annotation/minimal.xml"], in: Self.repository, environment: ["TMPDIR": "/nonexistent-folder"],
            executable: replay)
        #expect(result.status != 0)
        #expect(result.stderr.contains("fuzz property broken: cannot write the scratch file /nonexistent-folder/"))
    }
}
