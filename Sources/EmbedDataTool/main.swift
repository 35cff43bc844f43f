import Foundation

// Writes a Swift file that embeds the given schema files as string constants, so the binary
// carries `Schemas/` with it and finds them from any working directory.
// Usage: EmbedSchemasTool OUTPUT.swift SCHEMA.xsd...

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedSchemasTool OUTPUT.swift SCHEMA.xsd...\n".utf8))
    exit(64)
}

var output = "// Generated from Schemas/ at build time by EmbedSchemasTool. Edit the .xsd files instead.\n\n"
output += "enum EmbeddedSchemas {\n"
output += "    /// Schema file names (without extension) and their text.\n"
output += "    static let all: [String: String] = [\n"
for path in arguments.dropFirst().sorted() {
    let url = URL(fileURLWithPath: path)
    let text: String
    do {
        text = try String(contentsOf: url, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("EmbedSchemasTool: cannot read \(path): \(error)\n".utf8))
        exit(1)
    }
    // A raw string delimiter longer than any run of '#' in the text keeps it verbatim.
    var delimiter = "#"
    while text.contains("\"" + delimiter) { delimiter += "#" }
    let name = url.deletingPathExtension().lastPathComponent
    output += "        \"\(name)\": \(delimiter)\"\"\"\n\(text)\n\"\"\"\(delimiter),\n"
}
output += "    ]\n}\n"

do {
    try output.write(toFile: outputPath, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedSchemasTool: cannot write \(outputPath): \(error)\n".utf8))
    exit(1)
}
