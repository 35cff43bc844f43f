import CLibXML2

/// Prepares libxml2 once per process: initializes the parser and installs a loader that refuses
/// every external resource, so no DTD, entity or schema is ever fetched from disk or network.
enum LibXMLSetup {
    private static let done: Void = {
        xmlInitParser()
        fc_install_deny_all_entity_loader()
    }()

    static func ensure() {
        _ = done
    }
}
