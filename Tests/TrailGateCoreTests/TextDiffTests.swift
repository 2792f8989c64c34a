import Testing

@testable import TrailGateCore

@Suite("Text diff")
struct TextDiffTests {
    @Test("the same texts have no diff")
    func same() {
        let diff = TextDiff(from: "a\nb", to: "a\nb")
        #expect(diff.lines == [.same("a"), .same("b")])
        #expect(diff.unified(oldName: "old", newName: "new") == "")
    }

    @Test("replaced lines: removed before added, in a longest common subsequence")
    func replaced() {
        let diff = TextDiff(from: "a\nb\nc\nd", to: "a\nx\ny\nc\nd\ne")
        #expect(
            diff.lines == [.same("a"), .removed("b"), .added("x"), .added("y"), .same("c"), .same("d"), .added("e")])
        #expect(
            diff.unified(oldName: "old", newName: "new") == """
                --- old
                +++ new
                @@ -1,4 +1,6 @@
                 a
                -b
                +x
                +y
                 c
                 d
                +e

                """)
    }

    @Test("an added block starts after the unchanged closing lines it could also start before")
    func slidDown() {
        let diff = TextDiff(from: "p\nx\n  }\n]", to: "q\nx\n  }\n  {\n    y\n  }\n]")
        #expect(
            diff.lines == [
                .removed("p"), .added("q"), .same("x"), .same("  }"), .added("  {"), .added("    y"),
                .added("  }"), .same("]"),
            ])
    }

    @Test("changes far apart get their own hunks with three lines of context")
    func hunks() {
        let old = (1...20).map(String.init).joined(separator: "\n")
        let new = old.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(of: "\n17\n", with: "\n")
        #expect(
            TextDiff(from: old, to: new).unified(oldName: "old", newName: "new") == """
                --- old
                +++ new
                @@ -1,5 +1,5 @@
                 1
                -2
                +two
                 3
                 4
                 5
                @@ -14,7 +14,6 @@
                 14
                 15
                 16
                -17
                 18
                 19
                 20

                """)
    }

    @Test("changes at most six unchanged lines apart share a hunk")
    func joinedHunks() {
        let old = (1...10).map(String.init).joined(separator: "\n")
        let new = old.replacingOccurrences(of: "1\n", with: "one\n").replacingOccurrences(
            of: "\n8\n", with: "\neight\n")
        let unified = TextDiff(from: old, to: new).unified(oldName: "old", newName: "new")
        #expect(unified.components(separatedBy: "@@ ").count == 2)
        #expect(unified.hasPrefix("--- old\n+++ new\n@@ -1,10 +1,10 @@\n-1\n+one\n 2\n"))
    }

    @Test("ranges as diff(1) writes them: one line without a count, an empty range at the line before")
    func ranges() {
        #expect(
            TextDiff(from: "", to: "a").unified(oldName: "old", newName: "new")
                == "--- old\n+++ new\n@@ -1 +1 @@\n-\n+a\n")
        #expect(
            TextDiff(from: "a\nb", to: "b").unified(oldName: "old", newName: "new")
                == "--- old\n+++ new\n@@ -1,2 +1 @@\n-a\n b\n")
        #expect(
            TextDiff(from: "b", to: "a\nb").unified(oldName: "old", newName: "new", context: 0)
                == "--- old\n+++ new\n@@ -0,0 +1 @@\n+a\n")
        #expect(
            TextDiff(from: "a\nb\nc", to: "a\nc").unified(oldName: "old", newName: "new", context: 0)
                == "--- old\n+++ new\n@@ -2 +1,0 @@\n-b\n")
    }
}
