import Foundation
import Testing

/// The README's dependency list is Package.swift's: a package added or removed without its line fails here.
@Suite("Documented dependencies")
struct DocumentedDependenciesTests {
    @Test("the README's Build section lists exactly the packages Package.swift depends on")
    func readmeDependencies() throws {
        let root = Fixture.packageRoot
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let declared = manifest.split(separator: "\n").compactMap { line -> String? in
            guard line.contains(".package(url:"), let url = line.split(separator: "\"").dropFirst().first else {
                return nil
            }
            return String(url.split(separator: "/").last ?? "")
        }
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let build = try #require(readme.components(separatedBy: "## Build\n").dropFirst().first)
        let section = build.components(separatedBy: "\n## ").first ?? build
        let listed = section.split(separator: "\n").filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        #expect(!declared.isEmpty)
        #expect(
            listed == declared,
            """
            README.md, section "## Build": the dependency list must be, line for line:
            \(declared.map { "- \($0)" }.joined(separator: "\n"))
            """)
    }
}
