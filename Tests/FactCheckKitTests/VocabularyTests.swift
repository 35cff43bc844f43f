import FactCheckKit
import Foundation
import LibXML
import Testing

/// The repository's `Schemas/` folder.
private let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Schemas")

/// The values an XSD's named simple type enumerates, in schema order.
private func enumeration(_ type: String, in schema: String) throws -> [String] {
    let document = try XMLDocument.read(contentsOf: schemas.appendingPathComponent(schema).path)
    let value = try document.evaluate(
        "//xs:simpleType[@name='\(type)']//xs:enumeration/@value", namespaces: ["xs": "http://www.w3.org/2001/XMLSchema"])
    guard case .nodes(let nodes) = value else { return [] }
    return nodes.compactMap { node in
        if case .text(let text) = node { text } else { nil }
    }
}

/// The Swift enums and the schemas name the same statuses and ratings, in the same order.
@Suite struct VocabularyMatchesSchemas {
    @Test(arguments: ["annotation.xsd", "annotated-article.xsd"])
    func statuses(schema: String) throws {
        #expect(try enumeration("Status", in: schema) == Status.allCases.map(\.rawValue))
    }

    @Test(arguments: ["annotation.xsd", "annotated-article.xsd"])
    func ratings(schema: String) throws {
        #expect(try enumeration("Rating", in: schema) == Rating.allCases.map(\.rawValue))
    }

    @Test func relations() throws {
        #expect(try enumeration("Relation", in: "annotation.xsd") == Relation.allCases.map(\.rawValue))
    }

    @Test func aMisspelledTypeHasNoValues() throws {
        #expect(try enumeration("Statuses", in: "annotation.xsd").isEmpty)
    }
}

/// What each status means, checked against the workflow table and PRODUCT.md §3–4.
@Suite struct StatusKnowledge {
    @Test func markLeadsToTheReviewOutcomes() {
        #expect(Status.markable == [.verified, .disputed, .unverifiable])
        #expect(Status.allCases.filter(\.isReviewed) == Status.markable)
    }

    @Test func onlyVerifiedAndDisputedCarryAVerdict() {
        #expect(Status.allCases.filter(\.hasVerdict) == [.verified, .disputed])
        for status in Status.allCases {
            #expect(status.ratings.isEmpty == !status.hasVerdict, "\(status)")
        }
        #expect(Status.verified.ratings == [.accurate, .mostlyAccurate])
        #expect(Status.disputed.ratings == [.mixed, .misleading, .inaccurate])
    }

    @Test func everyRatingLeadsToAStatusWithAVerdict() {
        for rating in Rating.allCases {
            #expect(rating.status.hasVerdict, "\(rating)")
            #expect(rating.status.ratings.contains(rating), "\(rating)")
        }
    }

    @Test func closingByNote() {
        #expect(Status.allCases.filter(\.isClosedByNote) == [.unverifiable, .dismissed])
        #expect(Status.allCases.filter(\.needsAssignee) == [.inReview])
    }

    @Test func defaultRelations() {
        #expect(Status.markable.map(\.defaultSourceRelation) == [.supports, .refutes, .context])
    }

    /// The report styles every status: a new one cannot go out unstyled.
    @Test func theReportHasAStyleForEveryStatus() throws {
        let loaded = try DocumentLoader.load(path: Fixture.sample("nk-icc.factcheck.xml"))
        let page = try HTMLReportExporter().export([loaded], options: ExportOptions(selection: .all, settings: WorkspaceSettings())).text
        for status in Status.allCases {
            #expect(page.contains("mark.\(status.cssClass){"), "\(status)")
            #expect(page.contains(".chip.\(status.cssClass){"), "\(status)")
            #expect(page.contains(">\(status.label)</span>"), "\(status)")
        }
    }

    @Test func labelsAndClassesAreDistinct() {
        #expect(Set(Status.allCases.map(\.label)).count == Status.allCases.count)
        #expect(Set(Status.allCases.map(\.cssClass)).count == Status.allCases.count)
        #expect(Status.inReview.label == "In review")
        #expect(Set(Rating.allCases.map(\.label)).count == Rating.allCases.count)
        #expect(Rating.mostlyAccurate.label == "Mostly accurate")
    }
}
