import LibXML
import TestSupport
import Testing

private let bookSchema = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:book"
               xmlns="urn:test:book" elementFormDefault="qualified">
      <xs:element name="book">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="title" type="xs:string"/>
            <xs:element name="pages" type="xs:positiveInteger"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:schema>
    """

@Suite struct SchemaValidation {
    let schema: XMLSchema

    init() throws {
        schema = try XMLSchema(source: bookSchema, name: "book.xsd")
    }

    @Test func validDocumentHasNoFindings() throws {
        let document = try XMLDocument.parse(
            Array("<book xmlns=\"urn:test:book\"><title>T</title><pages>3</pages></book>".utf8), path: "ok.xml")
        #expect(schema.validate(document).isEmpty)
    }

    @Test func violationsAreLocated() throws {
        let text = "<book xmlns=\"urn:test:book\">\n  <title>T</title>\n    <pages>none</pages>\n</book>\n"
        let document = try XMLDocument.parse(Array(text.utf8), path: "bad.xml")
        let findings = schema.validate(document)
        let first = try #require(findings.first)
        #expect(first.file == "bad.xml")
        #expect(first.line == 3)
        #expect(first.column == 5)
        #expect(first.message == "element 'pages': 'none' is not a valid value of the atomic type 'xs:positiveInteger'")
    }

    @Test func schemaLocationInTheDocumentIsIgnored() throws {
        let folder = TemporaryDirectory()
        let permissive = try folder.write(
            "permissive.xsd",
            """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:book">
              <xs:element name="book"><xs:complexType><xs:sequence>
                <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence></xs:complexType></xs:element>
            </xs:schema>
            """)
        let text = """
            <book xmlns="urn:test:book" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xsi:schemaLocation="urn:test:book file://\(permissive)"><anything/></book>
            """
        let document = try XMLDocument.parse(Array(text.utf8), path: "sneaky.xml")
        let findings = schema.validate(document)
        #expect(findings.first?.message.contains("element 'anything': This element is not expected") == true)
    }

    @Test func brokenSchemaIsReported() {
        #expect {
            _ = try XMLSchema(source: "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>", name: "broken.xsd")
        } throws: { error in
            guard case .invalidSchema(let diagnostics)? = error as? XMLError else { return false }
            return diagnostics.first?.file == "broken.xsd" && diagnostics.first?.line == 1
        }
    }

    @Test func schemaIncludesAreNotFetched() throws {
        let folder = TemporaryDirectory()
        let included = try folder.write(
            "part.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"x\"/></xs:schema>")
        #expect(throws: XMLError.self) {
            _ = try XMLSchema(
                source: "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:include schemaLocation=\"file://\(included)\"/><xs:element name=\"y\" type=\"missingType\"/></xs:schema>",
                name: "outer.xsd")
        }
    }
}

/// `XMLSchema.validate(streaming:)`: libxml2's SAX parser with the validator plugged in, over a real file.
@Suite struct StreamingSchemaValidation {
    let schema: XMLSchema
    let folder = TemporaryDirectory()

    init() throws {
        schema = try XMLSchema(source: bookSchema, name: "book.xsd")
    }

    /// The findings for `text` written to a file, or nil when it is valid.
    private func findings(_ text: String) throws -> [XMLDiagnostic]? {
        let file = try OpenInputFile(try folder.write("book.xml", text))
        do {
            try schema.validate(streaming: file)
            return nil
        } catch {
            guard case .malformed(let diagnostics) = error else {
                Issue.record("expected .malformed, got \(error)")
                return []
            }
            return diagnostics
        }
    }

    @Test func validDocumentPasses() throws {
        #expect(try findings("<?xml version=\"1.0\"?>\n<book xmlns=\"urn:test:book\"><title>T &amp; U</title><pages>3</pages></book>\n") == nil)
    }

    /// The same message as validating the tree, at the line the parser had reached.
    @Test func violationIsReportedAsTheTreeValidatorReportsIt() throws {
        let text = "<book xmlns=\"urn:test:book\">\n  <title>T</title>\n    <pages>none</pages>\n</book>\n"
        let expected = try #require(schema.validate(try XMLDocument.parse(Array(text.utf8), path: "book.xml")).first)
        let found = try #require(try findings(text)?.first)
        #expect(found.message == expected.message)
        #expect(found.line == 3)
        #expect(found.file.hasSuffix("book.xml"))
    }

    /// Text in a CDATA section reaches the validator like any other text.
    @Test func cdataContentIsChecked() throws {
        let found = try findings("<book xmlns=\"urn:test:book\"><title>T</title><pages><![CDATA[none]]></pages></book>")
        #expect(found?.first?.message == "element 'pages': 'none' is not a valid value of the atomic type 'xs:positiveInteger'")
    }

    @Test func missingElementIsFoundAtTheEnd() throws {
        let found = try findings("<book xmlns=\"urn:test:book\">\n<title>T</title>\n</book>\n")
        #expect(found?.count == 1)
        #expect(found?.first?.line == 3)
        #expect(found?.first?.message.contains("Missing child element(s)") == true)
    }

    /// Well-formedness errors come from the parser, through the same collector.
    @Test func malformedAndTruncatedDocumentsAreLocated() throws {
        let mismatched = try #require(try findings("<book xmlns=\"urn:test:book\">\n<title>T</titel>\n</book>\n"))
        #expect(mismatched.first?.line == 2)
        #expect(mismatched.first?.message.contains("tag mismatch") == true)
        let truncated = try #require(try findings("<book xmlns=\"urn:test:book\">\n<title>T</title>\n<pag"))
        #expect(truncated.contains { $0.line == 3 })
    }

    @Test func undeclaredEntityIsRefused() throws {
        let found = try #require(try findings("<book xmlns=\"urn:test:book\"><title>&secret;</title><pages>1</pages></book>"))
        #expect(found.first?.message == "entity 'secret' not defined")
    }

    @Test func doctypeIsRefused() throws {
        let found = try #require(try findings("<!DOCTYPE book [<!ENTITY x \"y\">]>\n<book xmlns=\"urn:test:book\"><title>&x;</title><pages>1</pages></book>"))
        #expect(found == [XMLDiagnostic(file: found[0].file, line: 1, column: 1, message: "document has a DOCTYPE; DTDs and entity declarations are refused")])
    }

    /// A long document is read in pieces; a finding far into it is still located.
    @Test func findingFarIntoALongFileIsLocated() throws {
        let filler = String(repeating: "<!-- filler -->\n", count: 20_000)
        let found = try findings("<book xmlns=\"urn:test:book\">\n\(filler)<title>T</title>\n<pages>0</pages>\n</book>\n")
        #expect(found?.first?.line == 20_003)
        #expect(found?.first?.message == "element 'pages': '0' is not a valid value of the atomic type 'xs:positiveInteger'")
    }
}

@Suite struct XPathQueries {
    let document: XMLDocument

    init() throws {
        document = try XMLDocument.parse(
            Array("<l xmlns=\"urn:x\"><i n=\"1\">one</i><i n=\"2\">two</i></l>".utf8), path: "list.xml")
    }

    @Test func nodesStringsNumbersAndBooleans() throws {
        let namespaces = ["x": "urn:x"]
        #expect(try document.evaluate("count(//x:i)", namespaces: namespaces) == .number(2))
        #expect(try document.evaluate("string(//x:i[@n='2'])", namespaces: namespaces) == .string("two"))
        #expect(try document.evaluate("boolean(//x:missing)", namespaces: namespaces) == .boolean(false))
        guard case .nodes(let nodes) = try document.evaluate("//x:i/@n | //x:i[1]", namespaces: namespaces) else {
            Issue.record("expected a node set")
            return
        }
        #expect(nodes.count == 3)
        #expect(nodes.contains(.text("2")))
    }

    @Test func invalidExpressionIsAnError() {
        #expect(throws: XMLError.self) { _ = try document.evaluate("//[") }
    }
}
