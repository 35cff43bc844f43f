import LibXML
import Testing

/// Reading a document in place gives what copying it into values gives.
@Suite struct NodeViews {
    private static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <root xmlns="urn:example:a" xmlns:x="urn:example:x" version="1">
          <!-- a comment between elements -->
          <item id="i1" x:other="not kept" note="a &amp; b &#10; c">plain text</item>
          <item id="i2"><![CDATA[<raw> & ready]]></item>
          <item id="i3">mixed <b>bold</b> and <!-- hidden -->tail</item>
          <empty/>
          <x:foreign attribute="v">in another namespace</x:foreign>
          <item id="i4">  spaced
            over lines  </item>
          <nested><level><level><level>deep</level></level></level></nested>
        </root>
        """

    /// Compares a view with the value copied from the same element, and their children in turn.
    private func compare(_ view: XMLNodeView, _ value: XMLElement) {
        #expect(view.name == value.name)
        #expect(view.namespace == value.namespace)
        #expect(view.line == value.line)
        #expect(view.text == value.text)
        for attribute in value.attributes {
            #expect(view[attribute: attribute.name] == attribute.value)
        }
        #expect(view[attribute: "missing"] == nil)
        let names = Set(value.elements.map(\.name))
        for name in names {
            let views = view.elements(named: name)
            let values = value.elements(named: name)
            #expect(views.count == values.count)
            for (childView, childValue) in zip(views, values) { compare(childView, childValue) }
            #expect(view.element(named: name)?.line == value.element(named: name)?.line)
        }
        #expect(view.element(named: "nothing-of-that-name") == nil)
        #expect(view.elements(named: "it").isEmpty)  // a prefix of "item" is not "item"
    }

    @Test func viewsReadWhatValuesHold() throws {
        let xml = try XMLDocument.parse(Array(Self.document.utf8), path: "views.xml")
        let root = xml.root
        #expect(root.elements(named: "item").count == 4)
        compare(xml.rootView, root)
        #expect(xml.rootView.element(named: "item")?[attribute: "other"] == nil)
        #expect(xml.rootView.elements(named: "item")[1].text == "<raw> & ready")
    }

    /// A stream reader's expanded subtree reads the same in place as copied.
    @Test func streamedSubtreesReadWhatValuesHold() throws {
        let reader = try XMLStreamReader(bytes: Array(Self.document.utf8), path: "views.xml")
        _ = try reader.nextElement(atDepth: 0)
        var count = 0
        while try reader.nextElement(atDepth: 1) != nil {
            let view = try reader.expandedView()
            compare(view, try reader.expand())
            count += 1
        }
        try reader.finish()
        #expect(count == 7)
    }

    /// A view keeps its document alive.
    @Test func viewOutlivesItsDocumentValue() throws {
        var view: XMLNodeView?
        do {
            let xml = try XMLDocument.parse(Array(Self.document.utf8), path: "views.xml")
            view = xml.rootView.element(named: "item")
        }
        #expect(view?.text == "plain text")
    }
}
