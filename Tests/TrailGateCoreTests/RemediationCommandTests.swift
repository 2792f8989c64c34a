import Foundation
import Testing

@testable import TrailGateCore

/// `check` and `fix` print the same AWS CLI command for the same change, always with `--region`: both come from
/// ``FixAction/cliCommand(on:)``.
@Suite("Remediation commands")
struct RemediationCommandTests {
    /// The `aws` commands of a rendered text (after `$ ` or at the start of a manual step's line).
    private static func awsCommands(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " }
            let command = trimmed.hasPrefix("$ ") ? trimmed.dropFirst(2) : trimmed
            return command.hasPrefix("aws ") ? String(command) : nil
        }
    }

    /// True for a command that changes a setting (not a read).
    private static func changes(_ command: String) -> Bool {
        let verb = command.split(separator: " ").dropFirst(2).first ?? ""
        return verb.hasPrefix("put-") || verb.hasPrefix("update-") || verb.hasPrefix("start-")
    }

    private static func rendered(_ example: String) throws -> (check: String, fix: String) {
        let snapshot = try Fixture.parse(try Fixture.example("\(example).json"))
        let check = TextReportRenderer(verbose: true).render(try ReadinessChecker().run(snapshot))
        let fix = FixPlanRenderer().text(try FixPlanner().plans(for: snapshot, checkOptions: CheckOptions()))
        return (check, fix)
    }

    @Test("every aws command check and fix print carries --region", arguments: GoldenReportTests.examples)
    func region(_ example: String) throws {
        let (check, fix) = try Self.rendered(example)
        for command in Self.awsCommands(in: check) + Self.awsCommands(in: fix) {
            #expect(command.contains(" --region "), "\(command)")
        }
    }

    @Test(
        "every change command of check is in fix's plan; a file:// one is fix's call reading its document from the file",
        arguments: GoldenReportTests.examples)
    func sameCommands(_ example: String) throws {
        let (check, fix) = try Self.rendered(example)
        let planned = Self.awsCommands(in: fix)
        for command in Self.awsCommands(in: check) where Self.changes(command) {
            if let file = command.range(of: " file://") {
                let head = command[..<file.lowerBound]
                let region = command[command.range(of: " --region ")!.lowerBound...]
                #expect(
                    planned.contains { $0.hasPrefix(head + " '") && $0.hasSuffix(region) },
                    "\(command) has no counterpart in fix's plan")
            } else {
                #expect(planned.contains(command), "\(command) is not in fix's plan")
            }
        }
    }

    @Test("a check's change command is the planned change's command, for the ownership controls of needs-work")
    func ownershipControls() throws {
        let (check, fix) = try Self.rendered("needs-work")
        let command =
            "aws s3api put-bucket-ownership-controls --bucket acme-prod-cloudtrail-222233334444 --ownership-controls "
            + #"'{"Rules":[{"ObjectOwnership":"BucketOwnerEnforced"}]}' --region eu-west-1"#
        #expect(check.contains("$ " + command + "\n"))
        #expect(fix.contains("$ " + command + "\n"))
    }
}

/// The three management-event checks propose the same `put-event-selectors`: the report prints it once.
@Suite("Shared fixes in the report")
struct SharedFixReportTests {
    @Test("a selector that logs only read events from all but KMS and RDS Data fails three checks with one command")
    func eventSelectorsOnce() throws {
        let json = try Fixture.readyTrail { entry in
            entry["eventSelectors"] = [
                "AdvancedEventSelectors": [
                    [
                        "Name": "Read-only management events",
                        "FieldSelectors": [
                            ["Field": "eventCategory", "Equals": ["Management"]],
                            ["Field": "readOnly", "Equals": ["true"]],
                            ["Field": "eventSource", "NotEquals": ["kms.amazonaws.com", "rds-data.amazonaws.com"]],
                        ],
                    ]
                ]
            ]
        }
        let text = TextReportRenderer().render(try ReadinessChecker().run(try Fixture.parse(json)))
        for id in ["trail.management-events", "trail.kms-events", "trail.rds-data-events"] {
            #expect(text.contains("✘ FAIL     \(id)"))
        }
        #expect(text.components(separatedBy: "$ aws cloudtrail put-event-selectors").count == 2)
        #expect(text.components(separatedBy: "fix: same as trail.management-events\n").count == 3)
    }
}
