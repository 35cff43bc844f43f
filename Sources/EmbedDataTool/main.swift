import Foundation

// Writes a Swift file that embeds the given data files (the schemas, the model's weights) as
// string constants, so the binary carries them and finds them from any working directory.
// Usage: EmbedDataTool OUTPUT.swift FILE...

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedDataTool OUTPUT.swift FILE...\n".utf8))
    exit(64)
}

var output = "// Generated from Schemas/ and Models/ at build time by EmbedDataTool. Edit those files instead.\n\n"
output += "enum EmbeddedFiles {\n"
output += "    /// File names (with their extension) and their text.\n"
output += "    static let all: [String: String] = [\n"
for path in arguments.dropFirst().sorted() {
    let url = URL(fileURLWithPath: path)
    let text: String
    do {
        text = try String(contentsOf: url, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("EmbedDataTool: cannot read \(path): \(error)\n".utf8))
        exit(1)
    }
    // A raw string delimiter longer than any run of '#' in the text keeps it verbatim.
    var delimiter = "#"
    while text.contains("\"" + delimiter) { delimiter += "#" }
    output += "        \"\(url.lastPathComponent)\": \(delimiter)\"\"\"\n\(text)\n\"\"\"\(delimiter),\n"
}
output += "    ]\n}\n"

do {
    try output.write(toFile: outputPath, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedDataTool: cannot write \(outputPath): \(error)\n".utf8))
    exit(1)
}
