import Foundation
import PackagePlugin

/// Embeds every `Schemas/*.xsd` of the package into the target as Swift string constants.
@main
struct EmbedSchemas: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Schemas")
        let schemas = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xsd" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchemas.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(schemas.count) schemas from Schemas/",
                executable: try context.tool(named: "EmbedSchemasTool").url,
                arguments: [output.path] + schemas.map(\.path),
                inputFiles: schemas,
                outputFiles: [output]
            )
        ]
    }
}
