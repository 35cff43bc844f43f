import LibXML

/// The desk's settings from `factcheck-workspace.xml`.
public struct WorkspaceSettings: Sendable, Hashable {
    public static let namespace = "urn:factcheck:workspace:1"

    /// The organization that publishes the reviews.
    public var organizationName: String?
    public var organizationURL: String?
    /// Pages that say who the organization is (its Wikidata item, a profile): ClaimReview's `sameAs`.
    public var organizationSameAs: [String]
    /// Where a published review lives, with `{doc}` and `{claim}` placeholders.
    public var reviewURLTemplate: String?

    public init(
        organizationName: String? = nil, organizationURL: String? = nil, organizationSameAs: [String] = [],
        reviewURLTemplate: String? = nil
    ) {
        self.organizationName = organizationName
        self.organizationURL = organizationURL
        self.organizationSameAs = organizationSameAs
        self.reviewURLTemplate = reviewURLTemplate
    }

    /// The settings of the workspace at `root`; empty settings when it has no settings file.
    public static func load(workspace root: String) throws(DocumentError) -> WorkspaceSettings {
        let path = PathNames.join(root, Workspace.settingsFile)
        guard DocumentFinder.entries(for: [path]) == [.document(path)] else { return WorkspaceSettings() }
        let xml: XMLDocument
        do {
            xml = try XMLDocument.read(contentsOf: path, limit: 1 << 20)
        } catch {
            throw DocumentError(error)
        }
        let findings = Schemas.workspace.findings(xml)
        guard findings.isEmpty else { throw .invalid(findings) }
        let root = xml.root
        let organization = root.element(named: "organization")
        return WorkspaceSettings(
            organizationName: organization?.element(named: "name")?.text,
            organizationURL: organization?.element(named: "url")?.text,
            organizationSameAs: organization?.elements(named: "sameAs").map(\.text) ?? [],
            reviewURLTemplate: root.element(named: "reviewURLTemplate")?.text)
    }

    /// The settings file's content.
    func serialized() throws(DocumentError) -> String {
        func element(_ name: String, _ text: String? = nil, children: [XMLElement] = []) -> XMLElement {
            XMLElement(
                name, namespace: Self.namespace,
                children: text.map { [.text($0)] } ?? children.map { .element($0) })
        }
        var root = XMLElement("workspace", namespace: Self.namespace, attributes: [("schemaVersion", "1")])
        if let organizationName {
            var organization = [element("name", organizationName)]
            if let organizationURL { organization.append(element("url", organizationURL)) }
            organization += organizationSameAs.map { element("sameAs", $0) }
            root.children.append(.element(element("organization", children: organization)))
        }
        if let reviewURLTemplate { root.children.append(.element(element("reviewURLTemplate", reviewURLTemplate))) }
        let text: String
        let findings: [Diagnostic]
        do {
            text = try XMLWriter.document(root)
            findings = Schemas.workspace.findings(try XMLDocument.parse(Array(text.utf8), path: Workspace.settingsFile))
        } catch {
            throw DocumentError(error)
        }
        guard findings.isEmpty else { throw .invalid(findings) }
        return text
    }
}
