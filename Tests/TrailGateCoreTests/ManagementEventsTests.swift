import OrderedJSON
import Testing

@testable import TrailGateCore

/// One selector configuration and the statuses of the three coverage checks, in the AWS CLI's output shape.
struct SelectorCase: CustomTestStringConvertible, Sendable {
    var name: String
    var response: JSONValue
    /// Statuses of trail.management-events, trail.kms-events, trail.rds-data-events.
    var expected: [CheckStatus]
    var testDescription: String { name }
}

private func advanced(_ selectors: JSONValue...) -> JSONValue {
    [
        "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail",
        "AdvancedEventSelectors": .array(selectors),
    ]
}

private func basic(_ selectors: JSONValue...) -> JSONValue {
    ["TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail", "EventSelectors": .array(selectors)]
}

private let management: JSONValue = ["Field": "eventCategory", "Equals": ["Management"]]

private func field(_ name: String, _ op: String, _ values: String...) -> JSONValue {
    .object([(key: "Field", value: .string(name)), (key: op, value: .array(values.map(JSONValue.string)))])
}

private func fields(_ name: String? = nil, _ conditions: JSONValue...) -> JSONValue {
    var selector: JSONValue = ["FieldSelectors": .array(conditions)]
    if let name { selector["Name"] = .string(name) }
    return selector
}

private func basicSelector(_ readWrite: String, include: Bool = true, exclude: [String] = [], data: JSONValue = [])
    -> JSONValue
{
    [
        "ReadWriteType": .string(readWrite), "IncludeManagementEvents": .bool(include), "DataResources": data,
        "ExcludeManagementEventSources": .array(exclude.map(JSONValue.string)),
    ]
}

let selectorCases: [SelectorCase] = [
    SelectorCase(
        name: "no selectors key: CloudTrail's default",
        response: ["TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t"],
        expected: [.pass, .pass, .pass]),
    SelectorCase(
        name: "basic All with management events", response: basic(basicSelector("All")),
        expected: [.pass, .pass, .pass]),
    SelectorCase(
        name: "basic All without IncludeManagementEvents (data only)",
        response: basic(
            basicSelector("All", include: false, data: [["Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]]])),
        expected: [.fail, .fail, .fail]),
    SelectorCase(
        name: "basic ReadOnly only", response: basic(basicSelector("ReadOnly")), expected: [.fail, .fail, .fail]),
    SelectorCase(
        name: "basic WriteOnly plus ReadOnly (split)",
        response: basic(basicSelector("WriteOnly"), basicSelector("ReadOnly")), expected: [.pass, .pass, .pass]),
    SelectorCase(
        name: "basic excluding KMS", response: basic(basicSelector("All", exclude: ["kms.amazonaws.com"])),
        expected: [.pass, .fail, .pass]),
    SelectorCase(
        name: "basic excluding RDS Data API", response: basic(basicSelector("All", exclude: ["rdsdata.amazonaws.com"])),
        expected: [.pass, .pass, .fail]),
    SelectorCase(
        name: "basic excluding both, with a second selector restoring KMS writes only",
        response: basic(
            basicSelector("All", exclude: ["kms.amazonaws.com", "rdsdata.amazonaws.com"]),
            basicSelector("WriteOnly")),
        expected: [.pass, .fail, .fail]),
    SelectorCase(name: "empty basic list logs nothing", response: basic(), expected: [.fail, .fail, .fail]),
    SelectorCase(
        name: "console default advanced selector", response: advanced(fields("Management events selector", management)),
        expected: [.pass, .pass, .pass]),
    SelectorCase(
        name: "IaC-named advanced selector (the name is never used)",
        response: advanced(fields("mgmt-all", management)),
        expected: [.pass, .pass, .pass]),
    SelectorCase(
        name: "advanced NotEquals KMS",
        response: advanced(
            fields(
                "Management events selector", management,
                field("eventSource", "NotEquals", "kms.amazonaws.com"))),
        expected: [.pass, .fail, .pass]),
    SelectorCase(
        name: "advanced NotEquals both",
        response: advanced(
            fields(nil, management, field("eventSource", "NotEquals", "kms.amazonaws.com", "rdsdata.amazonaws.com"))),
        expected: [.pass, .fail, .fail]),
    SelectorCase(
        name: "advanced readOnly true only",
        response: advanced(fields(nil, management, field("readOnly", "Equals", "true"))),
        expected: [.fail, .fail, .fail]),
    SelectorCase(
        name: "advanced readOnly true + readOnly false (split)",
        response: advanced(
            fields(nil, management, field("readOnly", "Equals", "true")),
            fields(nil, management, field("readOnly", "Equals", "false"))),
        expected: [.pass, .pass, .pass]),
    SelectorCase(
        name: "advanced readOnly Equals true and false in one selector",
        response: advanced(fields(nil, management, field("readOnly", "Equals", "true", "false"))),
        expected: [.pass, .pass, .pass]),
    SelectorCase(
        name: "advanced narrowed by eventName covers nothing",
        response: advanced(fields(nil, management, field("eventName", "StartsWith", "Create"))),
        expected: [.fail, .fail, .fail]),
    SelectorCase(
        name: "advanced data-only selector covers nothing",
        response: advanced(
            fields(nil, field("eventCategory", "Equals", "Data"), field("resources.type", "Equals", "AWS::S3::Object"))),
        expected: [.fail, .fail, .fail]),
    SelectorCase(
        name: "advanced eventSource Equals s3 only: other sources are not all covered",
        response: advanced(fields(nil, management, field("eventSource", "Equals", "s3.amazonaws.com"))),
        expected: [.fail, .fail, .fail]),
    SelectorCase(
        name: "advanced complementary eventSource selectors cover every source",
        response: advanced(
            fields(nil, management, field("eventSource", "StartsWith", "s3")),
            fields(nil, management, field("eventSource", "NotStartsWith", "s3"))),
        expected: [.pass, .pass, .pass]),
    SelectorCase(
        name: "advanced NotStartsWith iam leaves iam sources out",
        response: advanced(fields(nil, management, field("eventSource", "NotStartsWith", "iam"))),
        expected: [.fail, .pass, .pass]),
    SelectorCase(
        name: "advanced NotEndsWith .amazonaws.com excludes almost everything",
        response: advanced(fields(nil, management, field("eventSource", "NotEndsWith", ".amazonaws.com"))),
        expected: [.fail, .fail, .fail]),
    SelectorCase(
        name: "advanced NotEquals KMS plus a KMS-only selector restores KMS",
        response: advanced(
            fields(nil, management, field("eventSource", "NotEquals", "kms.amazonaws.com")),
            fields(nil, management, field("eventSource", "Equals", "kms.amazonaws.com"))),
        expected: [.pass, .pass, .pass]),
    SelectorCase(
        name: "advanced KMS restored for reads only",
        response: advanced(
            fields(nil, management, field("eventSource", "NotEquals", "kms.amazonaws.com")),
            fields(
                nil, management, field("eventSource", "Equals", "kms.amazonaws.com"),
                field("readOnly", "Equals", "true"))),
        expected: [.pass, .fail, .pass]),
    SelectorCase(
        name: "advanced NotEquals a source other than KMS/RDS is a gap for other sources",
        response: advanced(fields(nil, management, field("eventSource", "NotEquals", "s3.amazonaws.com"))),
        expected: [.fail, .pass, .pass]),
]

@Suite("Management-event coverage")
struct ManagementEventsTests {
    private func statuses(_ response: JSONValue) throws -> [CheckStatus] {
        let json = try Fixture.readyTrail { $0["eventSelectors"] = response }
        return try [ManagementEventsCheck(), KMSEventsCheck(), RDSDataEventsCheck() as any Check].map {
            try Fixture.evaluate($0, json).status
        }
    }

    @Test("selector table", arguments: selectorCases)
    func table(_ testCase: SelectorCase) throws {
        #expect(try statuses(testCase.response) == testCase.expected)
    }

    @Test("a KMS exclusion names the gap and keeps data selectors in the fix")
    func kmsExclusionReport() throws {
        let data = fields(
            "S3 data", field("eventCategory", "Equals", "Data"), field("resources.type", "Equals", "AWS::S3::Object"))
        let json = try Fixture.readyTrail {
            $0["eventSelectors"] = advanced(
                fields(
                    "Management events selector", management,
                    field("eventSource", "NotEquals", "kms.amazonaws.com")), data)
        }
        let result = try Fixture.evaluate(KMSEventsCheck(), json)
        #expect(result.status == .fail)
        #expect(result.summary == "Not logged: read and write management events from kms.amazonaws.com.")
        #expect(result.evidence.first?.label == "selector 1 (advanced, \"Management events selector\")")
        #expect(
            result.evidence.first?.value
                == .string(
                    "eventCategory Equals [Management]; eventSource NotEquals [kms.amazonaws.com] → read and write from all sources except kms.amazonaws.com"
                ))
        let command = try #require(result.remediation?.commands.first)
        #expect(
            command.hasPrefix(
                "aws cloudtrail put-event-selectors --trail-name arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail --advanced-event-selectors '"
            ))
        #expect(command.hasSuffix("' --region us-east-1"))
        #expect(
            command.contains(
                #"{"Name":"Management events selector","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}"#
            ))
        #expect(command.contains(#""Name":"S3 data""#))
        #expect(!command.contains("NotEquals"))
    }

    @Test("split read-only and write-only selectors pass with a note")
    func splitNote() throws {
        let json = try Fixture.readyTrail {
            $0["eventSelectors"] = basic(basicSelector("ReadOnly"), basicSelector("WriteOnly"))
        }
        let result = try Fixture.evaluate(ManagementEventsCheck(), json)
        #expect(result.status == .pass)
        #expect(result.notes.contains { $0.hasPrefix("No single selector logs both read and write events here") })
    }

    @Test("a narrowing selector says why it does not count")
    func narrowingReason() throws {
        let json = try Fixture.readyTrail {
            $0["eventSelectors"] = advanced(fields("writes", management, field("eventName", "Equals", "PutObject")))
        }
        let result = try Fixture.evaluate(ManagementEventsCheck(), json)
        #expect(result.status == .fail)
        #expect(
            result.notes == [
                "selector 1 (advanced, \"writes\") does not count: narrowed by eventName, so it logs only some management events."
            ])
    }

    @Test("the basic fix keeps data resources and clears exclusions")
    func basicFix() throws {
        let resources: JSONValue = [["Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::payments/"]]]
        let json = try Fixture.readyTrail {
            $0["eventSelectors"] = basic(basicSelector("ReadOnly", exclude: ["kms.amazonaws.com"], data: resources))
        }
        let result = try Fixture.evaluate(ManagementEventsCheck(), json)
        let command = try #require(result.remediation?.commands.first)
        #expect(
            command.contains(
                #"--event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]},{"ReadWriteType":"ReadOnly","IncludeManagementEvents":false,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::payments/"]}]}]'"#
            ))
    }

    @Test("selectors unreadable from a member account are unknown, saying where to decide")
    func memberAccount() throws {
        var json = try Fixture.readyTrail {
            $0["eventSelectors"] = Fixture.error("TrailNotFoundException", "Unknown trail")
        }
        json["callerIdentity"]!["Account"] = "444455556666"
        for check in [ManagementEventsCheck(), KMSEventsCheck(), RDSDataEventsCheck() as any Check] {
            let result = try Fixture.evaluate(check, json)
            #expect(result.status == .unknown)
            #expect(result.summary.contains("organization trail seen from member account 444455556666"))
            #expect(result.summary.contains("management account 111122223333"))
        }
    }
}
