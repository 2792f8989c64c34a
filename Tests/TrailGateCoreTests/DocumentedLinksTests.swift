import Foundation
import Testing

/// Every relative link of README.md and docs/*.md leads somewhere: the file exists and, when the link names a
/// heading (`page.md#section`), the page has that heading.
@Suite("Documented links")
struct DocumentedLinksTests {
    @Test("every relative link in README.md and docs/*.md points to a file that exists, and to a heading it has")
    func relativeLinksResolve() throws {
        let root = Fixture.packageRoot
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
        var broken: [String] = []
        var linkCount = 0
        for page in ["README.md"] + docs {
            let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            let directory = root.appendingPathComponent(page).deletingLastPathComponent()
            for target in Self.relativeLinks(in: text) {
                linkCount += 1
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file =
                    parts[0].isEmpty
                    ? root.appendingPathComponent(page) : directory.appendingPathComponent(String(parts[0]))
                guard FileManager.default.fileExists(atPath: file.path) else {
                    broken.append("\(page): (\(target)): no file \(file.standardized.path)")
                    continue
                }
                guard parts.count == 2, file.pathExtension == "md" else { continue }
                let headings = Self.headingAnchors(in: try String(contentsOf: file, encoding: .utf8))
                if !headings.contains(String(parts[1])) {
                    broken.append("\(page): (\(target)): no heading with that anchor in \(file.lastPathComponent)")
                }
            }
        }
        #expect(linkCount > 20, "only \(linkCount) relative links found")
        #expect(broken.isEmpty, "broken links:\n\(broken.joined(separator: "\n"))")
    }

    @Test("headings become the anchors GitHub gives them")
    func anchors() {
        #expect(Self.anchor(of: "JSON output (`trailgate.check/v1`)") == "json-output-trailgatecheckv1")
        #expect(Self.anchor(of: "`trailgate fix --access-log-bucket`") == "trailgate-fix---access-log-bucket")
        #expect(Self.anchor(of: "The local mirror (`--local ROOT`)") == "the-local-mirror---local-root")
    }

    /// The targets of the Markdown links `[text](target)` outside code: fenced blocks and code spans are skipped,
    /// and so are links with a scheme (`https:`).
    static func relativeLinks(in text: String) -> [String] {
        var inFence = false
        var targets: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inFence.toggle()
                continue
            }
            if inFence { continue }
            let prose = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset.isMultiple(of: 2) }.map(\.element).joined(separator: " ")
            var rest = Substring(prose)
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                let target = String(after[..<close])
                if !target.contains(":") && !target.isEmpty { targets.append(target) }
                rest = after[close...]
            }
        }
        return targets
    }

    /// The anchors of a page's headings (outside fenced code blocks).
    static func headingAnchors(in text: String) -> Set<String> {
        var inFence = false
        var anchors: Set<String> = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#") else { continue }
            anchors.insert(anchor(of: line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)))
        }
        return anchors
    }

    /// GitHub's anchor for a heading: lowercased, letters, digits, hyphens and underscores kept, spaces as hyphens.
    static func anchor(of heading: String) -> String {
        String(
            heading.lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                return character.isLetter || character.isNumber || character == "-" || character == "_"
                    ? character : nil
            })
    }
}
