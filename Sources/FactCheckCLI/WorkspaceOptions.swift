import ArgumentParser
import FactCheckKit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the desk's documents live: `--workspace`, else `$FACTCHECK_WORKSPACE`, else the nearest folder
/// above holding factcheck-workspace.xml, else the git work tree's top, else the current folder.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "The workspace folder (default: $FACTCHECK_WORKSPACE, else the nearest folder above holding factcheck-workspace.xml, else the git work tree's top, else the current folder).")
    var workspace: String?

    var path: String {
        Self.path(given: workspace)
    }

    /// The workspace `--workspace` names, else the one found from the current folder.
    static func path(given workspace: String?) -> String {
        if let workspace { return workspace }
        if let environment = ProcessInfo.processInfo.environment["FACTCHECK_WORKSPACE"], !environment.isEmpty {
            return environment
        }
        return Workspace.discover(from: ".")
    }
}
