import CLibXML2
import CXMLMemory

/// Prepares libxml2 once per process: gives it the allocator with per-thread caches (`CXMLMemory`),
/// initializes the parser and installs a loader that refuses every external resource, so no DTD,
/// entity or schema is ever fetched from disk or network.
///
/// Every entry into libxml2 calls `ensure` first: the allocator must be in place before libxml2
/// allocates anything, since it frees only blocks it made itself.
enum LibXMLSetup {
    private static let done: Void = {
        xmlMemSetup(fc_xml_free_block, fc_xml_malloc, fc_xml_realloc, fc_xml_strdup)
        xmlInitParser()
        fc_install_deny_all_entity_loader()
    }()

    static func ensure() {
        _ = done
    }
}
