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
        if let workspace { return workspace }
        if let environment = ProcessInfo.processInfo.environment["FACTCHECK_WORKSPACE"], !environment.isEmpty {
            return environment
        }
        return Workspace.discover(from: ".")
    }
}
