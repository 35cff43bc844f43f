/// Writes `XMLElement` values as XML text, the same bytes for the same value every time.
///
/// Fixed layout: an XML declaration, two spaces of indentation a level, attributes in the order
/// given, one element a line. An element with only text, or whose children include non-blank text,
/// is written inline exactly as its text is, so mixed content and significant white space survive.
package enum XMLWriter {
    /// The document text for `root`, ending with a newline.
    ///
    /// Elements named in `verbatim` hold mixed content (text with markup inside it): their content
    /// is written exactly as it is, even where it happens to contain no text of its own.
    package static func document(_ root: XMLElement, verbatim: Set<String> = []) throws(XMLError) -> String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        try write(root, parentNamespace: nil, indent: "", verbatim: verbatim, inline: false, into: &output)
        output += "\n"
        return output
    }

    /// `element` exactly as `document` writes it at `depth` (1 for a child of the root) inside a
    /// parent in `parentNamespace`: from its indentation to its end tag, without the line feed
    /// before it. Replacing those bytes in a written document changes just that element.
    package static func fragment(
        _ element: XMLElement, depth: Int, parentNamespace: String?, verbatim: Set<String> = []
    ) throws(XMLError) -> String {
        var output = ""
        try write(
            element, parentNamespace: parentNamespace, indent: String(repeating: "  ", count: depth), verbatim: verbatim,
            inline: false, into: &output)
        return output
    }

    private static func write(
        _ element: XMLElement, parentNamespace: String?, indent: String, verbatim: Set<String>, inline inherited: Bool,
        into output: inout String
    ) throws(XMLError) {
        try checkName(element.name)
        output += indent
        output += "<"
        output += element.name
        if element.namespace != parentNamespace {
            output += " xmlns=\""
            try escape(element.namespace ?? "", attribute: true, into: &output)
            output += "\""
        }
        for attribute in element.attributes {
            try checkName(attribute.name)
            output += " "
            output += attribute.name
            output += "=\""
            try escape(attribute.value, attribute: true, into: &output)
            output += "\""
        }
        if element.children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        // Inside mixed content every descendant is written as it is: indentation would change the text.
        let inline = inherited || verbatim.contains(element.name) || element.children.allSatisfy {
            if case .text = $0 { true } else { false }
        } || element.children.contains {
            if case .text(let text) = $0 { !text.allSatisfy(\.isWhitespace) } else { false }
        }
        if inline {
            for child in element.children {
                switch child {
                case .text(let text): try escape(text, attribute: false, into: &output)
                case .element(let inner):
                    try write(inner, parentNamespace: element.namespace, indent: "", verbatim: verbatim, inline: true, into: &output)
                }
            }
        } else {
            let inner = indent + "  "
            for case .element(let child) in element.children {
                output += "\n"
                try write(child, parentNamespace: element.namespace, indent: inner, verbatim: verbatim, inline: false, into: &output)
            }
            output += "\n" + indent
        }
        output += "</\(element.name)>"
    }

    /// Escapes markup characters; in attributes also quotes and white space that parsers would normalize.
    static func escape(_ text: String, attribute: Bool, into output: inout String) throws(XMLError) {
        if needsNoEscaping(text, attribute: attribute) {
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where attribute: output += "&quot;"
            case "\n" where attribute: output += "&#10;"
            case "\t" where attribute: output += "&#9;"
            case "\r": output += "&#13;"
            default:
                guard isXMLCharacter(scalar) else {
                    throw .unrepresentable(
                        "character U+\(String(scalar.value, radix: 16, uppercase: true)) cannot be written in XML 1.0")
                }
                output.unicodeScalars.append(scalar)
            }
        }
    }

    /// Whether `text` goes into the document as it is: no markup character, nothing a parser would
    /// normalize, nothing XML 1.0 forbids. Decided on the UTF-8 alone; most text is like that.
    private static func needsNoEscaping(_ text: String, attribute: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0D: return false
                case UInt8(ascii: "\""), 0x0A, 0x09: if attribute { return false }
                case 0x00..<0x20: return false  // other C0 controls are not XML characters
                case 0xEF:
                    // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
                    if index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
                default: break
                }
                index += 1
            }
            return true
        }
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    package static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func checkName(_ name: String) throws(XMLError) {
        // ASCII names, the usual ones, are checked on their bytes.
        var ascii = name
        let plain = ascii.withUTF8 { bytes in
            guard let first = bytes.first, first.isASCIILetter || first == UInt8(ascii: "_") else { return false }
            return bytes.allSatisfy { $0.isASCIILetter || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
        }
        if plain { return }
        let valid = !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.".unicodeScalars.contains($0)
        } && !(name.first!.isNumber || name.first == "-" || name.first == ".")
        guard valid else { throw .unrepresentable("'\(Excerpt.sanitized(name))' is not an XML name") }
    }
}

extension UInt8 {
    fileprivate var isASCIILetter: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}
