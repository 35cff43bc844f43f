import ArgumentParser
import FactCheckKit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `factcheck score [FILE]`: check-worthiness of sentences, for pipelines and to measure the scorer.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score sentences for check-worthiness: reads id<TAB>sentence lines, writes id<TAB>score.",
        discussion: """
            Reads standard input unless a file is named. A first line whose first field is 'id' is a \
            header and is skipped; columns after the sentence are ignored.
            """
            + "\n\n" + examples("score sentences.tsv", "score --features < sentences.tsv"))

    @Argument(help: "A file of id<TAB>sentence lines (default: standard input).")
    var file: String?

    @Flag(help: "Also print each sentence's raw feature values (name=value), the input the model is trained on.")
    var features = false

    func run() throws {
        var output = ""
        try reportingFailures {
            let text = try readInput()
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                if number == 0 && fields.first == "id" { continue }
                if line.isEmpty { continue }
                guard fields.count >= 2 else {
                    throw DocumentError.invalid([
                        .init(file: file ?? "<stdin>", line: number + 1, column: 1, message: "expected id<TAB>sentence")
                    ])
                }
                let sentence = String(fields[1])
                output += "\(fields[0])\t\(DecimalFormat.fixed(CheckWorthiness.score(sentence).value, places: 9))"
                if features {
                    output += "\t" + CheckWorthinessFeatures.extract(sentence).map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                }
                output += "\n"
            }
        }
        Terminal.outText(output)
    }

    private func readInput() throws -> String {
        let data: Data
        if let file {
            data = Data(try readFile(file))
        } else {
            data = Data(Terminal.readStandardInput())
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DocumentError.invalid([.init(file: file ?? "<stdin>", message: "input is not UTF-8 text")])
        }
        return text
    }

    private func readFile(_ path: String) throws -> [UInt8] {
        try CheckedInput.read(path, limit: ArticleImporter.sizeLimit * 8)
    }
}
