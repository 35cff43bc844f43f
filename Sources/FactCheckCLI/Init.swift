import ArgumentParser
import FactCheckKit

/// `factcheck init [DIR]`: a workspace's settings file and `.gitignore`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: factcheck-workspace.xml and a .gitignore for lock files.")

    @Argument(help: "The workspace folder (default: the current folder).")
    var folder: String = "."

    @Option(help: "The organization that publishes the reviews.")
    var orgName: String?

    @Option(help: "The organization's web site (http or https).")
    var orgURL: String?

    @Option(name: .customLong("org-same-as"), help: "A page that says who the organization is (its Wikidata item, a profile); repeat for more.")
    var orgSameAs: [String] = []

    @Option(help: "Where published reviews live, with {doc} and {claim}, e.g. https://example.org/checks/{doc}/{claim}.")
    var reviewURL: String?

    func validate() throws {
        if orgURL != nil && orgName == nil { throw ValidationError("--org-url needs --org-name") }
        if !orgSameAs.isEmpty && orgName == nil { throw ValidationError("--org-same-as needs --org-name") }
    }

    func run() throws {
        let settings = WorkspaceSettings(
            organizationName: orgName, organizationURL: try orgURL.map(checkedSourceURL),
            organizationSameAs: try orgSameAs.map(checkedSourceURL),
            reviewURLTemplate: try reviewURL.map(checkedSourceURL))
        try reportingFailures {
            for path in try Workspace.initialize(at: folder, settings: settings) {
                Terminal.out("wrote \(path)")
            }
        }
    }
}
