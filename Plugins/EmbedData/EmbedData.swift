import Foundation
import PackagePlugin

/// Embeds the package's data files into the target as Swift string constants: every
/// `Schemas/*.xsd` and the trained model's `Models/*.tsv`.
@main
struct EmbedData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let files = try [("Schemas", "xsd"), ("Models", "tsv")].flatMap { folder, suffix in
            try FileManager.default.contentsOfDirectory(
                at: context.package.directoryURL.appending(path: folder), includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == suffix }
        }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) data files from Schemas/ and Models/",
                executable: try context.tool(named: "EmbedDataTool").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
