import Testing

@Suite("fix --format markdown")
struct FixMarkdownCommandTests {
    @Test("the plan as Markdown; exit 1 while changes remain")
    func plan() throws {
        let outcome = try TrailGateProcess.run([
            "fix", "--snapshot", "examples/needs-work.json", "--format", "markdown",
        ])
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.hasPrefix("## TrailGate fix plan: "))
        #expect(outcome.stdout.contains("```sh\naws "))
    }

    @Test("refused with --apply: a plan only, exit 2")
    func refusedWithApply() throws {
        let outcome = try TrailGateProcess.run(["fix", "--apply", "--yes", "--format", "markdown"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("--format markdown writes the plan only; it cannot be used with --apply"))
        #expect(outcome.stdout.isEmpty)
    }
}
