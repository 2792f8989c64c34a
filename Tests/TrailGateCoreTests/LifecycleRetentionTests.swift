import Foundation
import OrderedJSON
import Testing

@testable import TrailGateCore

/// The trail of the ready example writes under this key space (prefix `cloudtrail`, organization `o-a1b2c3d4e5`).
private let keySpace = "cloudtrail/AWSLogs/o-a1b2c3d4e5/"

private let getCommand =
    "aws s3api get-bucket-lifecycle-configuration --bucket acme-org-trail-logs --region us-east-1 > lifecycle.json"
private let putCommand =
    "aws s3api put-bucket-lifecycle-configuration --bucket acme-org-trail-logs "
    + "--lifecycle-configuration file://lifecycle.json --region us-east-1"

/// `get-bucket-lifecycle-configuration` output with one rule made of `fields`.
private func oneRule(_ fields: String) -> String { #"{"Rules":[{"# + fields + "}]}" }

/// One enabled rule `expire-logs` with `filter` (AWS CLI fields, or "" for none) that expires after `days`.
private func expiring(filter: String, days: Int = 365) -> String {
    oneRule(
        #""ID":"expire-logs","# + (filter.isEmpty ? "" : filter + ",")
            + #""Status":"Enabled","Expiration":{"Days":\#(days)}"#)
}

/// Runs the check on the ready example whose bucket's lifecycle slot is `lifecycle` (AWS CLI output text).
private func evaluate(lifecycle: String, options: CheckOptions = CheckOptions()) throws -> CheckResult {
    let slot = try JSONValue.parse(Data(lifecycle.utf8))
    return try evaluate(slot: slot, options: options)
}

private func evaluate(slot: JSONValue?, options: CheckOptions = CheckOptions()) throws -> CheckResult {
    try Fixture.evaluate(LifecycleRetentionCheck(), Fixture.readyBucket { $0["lifecycle"] = slot }, options: options)
}

private func evidence(_ result: CheckResult, _ label: String) -> JSONValue? {
    result.evidence.first { $0.label == label }?.value
}

@Suite("Lifecycle retention")
struct LifecycleRetentionTests {
    @Test("the ready example keeps trail logs 730 days and notes the actions that do not shorten retention")
    func readyExample() throws {
        let result = try Fixture.evaluate(LifecycleRetentionCheck(), Fixture.ready())
        #expect(result.status == .pass)
        #expect(
            result.summary == #"Rule "trail-logs-2y" deletes trail logs under \#(keySpace) after 730 days, "#
                + "which meets 550 days (18 months).")
        #expect(
            result.evidence == [
                Evidence("trail key space", .string(keySpace)),
                Evidence(
                    "rule trail-logs-2y",
                    [
                        "Prefix": "cloudtrail/AWSLogs/", "Expiration.Days": 730,
                        "Transitions": [["Days": 90, "StorageClass": "STANDARD_IA"]],
                    ]),
                Evidence("rule abort-uploads", ["Prefix": ""]),
                Evidence("effective retention (days)", 730),
            ])
        #expect(
            result.notes == [
                #"Rule "trail-logs-2y": NoncurrentVersionExpiration does not shorten how long log files are kept."#,
                #"Rule "abort-uploads": AbortIncompleteMultipartUpload does not shorten how long log files are kept."#,
            ])
        #expect(result.remediation == nil)
    }

    @Test("the check is registered right after access logging")
    func registered() throws {
        let ids = CheckRegistry.all.map(\.id)
        let index = try #require(ids.firstIndex(of: "bucket.access-logging"))
        #expect(ids[index + 1] == "bucket.lifecycle-retention")
        #expect(LifecycleRetentionCheck().area == .bucket)
        #expect(LifecycleRetentionCheck().title == "Lifecycle retention (18 months)")
    }

    // MARK: Which rules apply

    @Test(
        "a filter that selects the whole key space applies",
        arguments: [
            #""Filter":{}"#,
            #""Filter":{"Prefix":""}"#,
            #""Filter":{"Prefix":"cloudtrail/"}"#,
            #""Filter":{"Prefix":"cloudtrail/AWSLogs/o-a1b2c3d4e5"}"#,
            #""Filter":{"And":{"Prefix":"cloudtrail/AWSLogs/","Tags":[]}}"#,
            #""Prefix":"cloudtrail/AWSLogs/""#,
            #""Prefix":"""#,
            "",
        ])
    func wholeKeySpace(filter: String) throws {
        let result = try evaluate(lifecycle: expiring(filter: filter))
        #expect(result.status == .fail)
        #expect(
            result.summary == #"Rule "expire-logs" deletes trail logs under \#(keySpace) after 365 days, "#
                + "shorter than 550 days (18 months).")
        #expect(evidence(result, "trail key space") == .string(keySpace))
        #expect(evidence(result, "rule expire-logs")?["Expiration.Days"] == 365)
        #expect(evidence(result, "effective retention (days)") == 365)
        #expect(
            result.remediation?.summary.hasPrefix(
                #"Raise Expiration.Days of rule "expire-logs" to at least 550, or scope the rule away from \#(keySpace)."#
            ) == true)
        #expect(result.remediation?.commands == [getCommand, putCommand])
    }

    @Test("a prefix inside the key space applies to the log files under it")
    func narrowerPrefix() throws {
        let narrow = keySpace + "222233334444/"
        let result = try evaluate(lifecycle: expiring(filter: #""Filter":{"Prefix":"\#(narrow)"}"#))
        #expect(result.status == .fail)
        #expect(result.summary.contains("deletes trail logs under \(narrow) after 365 days"))
        #expect(evidence(result, "rule expire-logs") == ["Prefix": .string(narrow), "Expiration.Days": 365])
    }

    @Test(
        "a rule that cannot select the trail's objects is set aside with a note",
        arguments: [
            (#""Filter":{"Prefix":"other/"}"#, #"Scoped outside the trail's key space: rule "expire-logs" (other/)."#),
            (
                #""Filter":{"Prefix":"cloudtrail/AWSLogs/111122223333/"}"#,
                #"Scoped outside the trail's key space: rule "expire-logs" (cloudtrail/AWSLogs/111122223333/)."#
            ),
            (#""Prefix":"AWSLogs/""#, #"Scoped outside the trail's key space: rule "expire-logs" (AWSLogs/)."#),
            (
                #""Filter":{"Tag":{"Key":"retention","Value":"short"}}"#,
                #"Filtered on tags, which CloudTrail's objects never carry, so not applicable: rule "expire-logs"."#
            ),
            (
                #""Filter":{"And":{"Prefix":"cloudtrail/AWSLogs/","Tags":[{"Key":"retention","Value":"short"}]}}"#,
                #"Filtered on tags, which CloudTrail's objects never carry, so not applicable: rule "expire-logs"."#
            ),
        ])
    func notApplicable(filter: String, note: String) throws {
        let result = try evaluate(lifecycle: expiring(filter: filter, days: 30))
        #expect(result.status == .pass)
        #expect(
            result.summary == "No rule expires the trail's objects under \(keySpace), so they are kept until deleted.")
        #expect(result.notes == [note])
        #expect(evidence(result, "rule expire-logs") == nil)
        #expect(evidence(result, "effective retention (days)") == "unlimited")
    }

    @Test(
        "a size condition applies to some log files by size",
        arguments: [
            (#""Filter":{"ObjectSizeGreaterThan":1048576}"#, "larger than 1048576 bytes"),
            (#""Filter":{"And":{"Prefix":"cloudtrail/","ObjectSizeLessThan":4096}}"#, "smaller than 4096 bytes"),
            (
                #""Filter":{"And":{"ObjectSizeGreaterThan":128,"ObjectSizeLessThan":4096}}"#,
                "larger than 128 and smaller than 4096 bytes"
            ),
        ])
    func sizeFiltered(filter: String, sizes: String) throws {
        let result = try evaluate(lifecycle: expiring(filter: filter))
        #expect(result.status == .fail)
        #expect(result.summary.contains("after 365 days"))
        #expect(
            result.notes == [#"Rule "expire-logs" applies only to objects \#(sizes), so to some log files by size."#])
    }

    @Test("a disabled rule is skipped and named in the notes")
    func disabledRule() throws {
        let result = try evaluate(
            lifecycle: oneRule(
                #""ID":"old-expiry","Filter":{"Prefix":""},"Status":"Disabled","Expiration":{"Days":30}"#))
        #expect(result.status == .pass)
        #expect(result.summary.contains("No rule expires the trail's objects"))
        #expect(result.notes == [#"Disabled, so not considered: rule "old-expiry"."#])
    }

    @Test("an empty rule list expires nothing")
    func noRules() throws {
        let result = try evaluate(lifecycle: #"{"Rules":[]}"#)
        #expect(result.status == .pass)
        #expect(result.summary.contains("No rule expires the trail's objects"))
    }

    // MARK: Expiration.Days against the threshold

    @Test(
        "Expiration.Days against the default 550 days",
        arguments: [
            (1, CheckStatus.fail), (545, .fail), (546, .warn), (548, .warn), (549, .warn), (550, .pass), (3650, .pass),
        ])
    func defaultThreshold(days: Int, status: CheckStatus) throws {
        let result = try evaluate(
            lifecycle: expiring(filter: #""Filter":{"Prefix":"cloudtrail/AWSLogs/"}"#, days: days))
        #expect(result.status == status)
        #expect(result.summary.contains("after \(days) days"))
        #expect(evidence(result, "effective retention (days)") == .int(days))
        switch status {
        case .pass:
            #expect(result.summary.hasSuffix("which meets 550 days (18 months)."))
            #expect(result.remediation == nil)
        case .warn:
            #expect(
                result.summary.hasSuffix(
                    "which is 18 calendar months for only some creation dates (550 days covers every date)."))
            #expect(
                result.remediation?.summary.contains(#"Raise Expiration.Days of rule "expire-logs" to at least 550"#)
                    == true)
        default:
            #expect(result.summary.hasSuffix("shorter than 550 days (18 months)."))
            #expect(result.remediation?.commands == [getCommand, putCommand])
        }
    }

    @Test(
        "--retention-days moves the threshold; above 550 or below 546 there is no warning band",
        arguments: [
            (400, 399, CheckStatus.fail), (400, 400, .pass), (400, 546, .pass),
            (730, 548, .fail), (730, 729, .fail), (730, 730, .pass),
            (548, 545, .fail), (548, 546, .warn), (548, 548, .pass),
        ])
    func configuredThreshold(threshold: Int, days: Int, status: CheckStatus) throws {
        let result = try evaluate(
            lifecycle: expiring(filter: #""Filter":{}"#, days: days),
            options: CheckOptions(retentionDays: threshold))
        #expect(result.status == status)
        if status == .fail {
            #expect(result.summary.hasSuffix("after \(days) days, shorter than \(threshold) days."))
            #expect(result.remediation?.summary.contains("to at least \(threshold),") == true)
        }
    }

    // MARK: Expiration.Date

    @Test(
        "a fixed expiration date fails within the threshold and warns beyond it",
        arguments: [
            (
                "2026-01-01T00:00:00+00:00", CheckStatus.fail,
                #"Rule "expire-logs" has expired every trail log under \#(keySpace) since 2026-01-01, "#
                    + "so new log files are deleted soon after they arrive."
            ),
            (
                "2027-06-01T00:00:00+00:00", .fail,
                #"Rule "expire-logs" deletes every trail log under \#(keySpace) on 2027-06-01, "#
                    + "so log files written from now on are kept less than 550 days (18 months)."
            ),
            (
                "2028-05-31T00:00:00+00:00", .fail,
                #"Rule "expire-logs" deletes every trail log under \#(keySpace) on 2028-05-31, "#
                    + "so log files written from now on are kept less than 550 days (18 months)."
            ),
            (
                "2028-06-01T00:00:00+00:00", .warn,
                #"Rule "expire-logs" deletes every trail log under \#(keySpace) on 2028-06-01: "#
                    + "log files written from 2026-11-29 on are kept less than 550 days (18 months)."
            ),
            (
                "2030-01-01T00:00:00+00:00", .warn,
                #"Rule "expire-logs" deletes every trail log under \#(keySpace) on 2030-01-01: "#
                    + "log files written from 2028-06-30 on are kept less than 550 days (18 months)."
            ),
        ])
    func expirationDate(date: String, status: CheckStatus, summary: String) throws {
        let result = try evaluate(
            lifecycle: oneRule(
                #""ID":"expire-logs","Filter":{"Prefix":"cloudtrail/AWSLogs/"},"Status":"Enabled","Expiration":{"Date":"\#(date)"}"#
            ))
        #expect(result.status == status)
        #expect(result.summary == summary)
        let day = String(date.prefix(10))
        #expect(
            evidence(result, "rule expire-logs") == ["Prefix": "cloudtrail/AWSLogs/", "Expiration.Date": .string(day)])
        #expect(evidence(result, "effective retention (days)") == .null)
        #expect(evidence(result, "earliest Expiration.Date") == .string(day))
        #expect(result.remediation?.summary.hasPrefix(#"Remove Expiration.Date from rule "expire-logs""#) == true)
    }

    @Test(
        "the date threshold follows --retention-days",
        arguments: [
            (400, "2028-01-02T00:00:00+00:00", CheckStatus.fail), (400, "2028-01-03T00:00:00+00:00", .warn),
            (730, "2028-06-01T00:00:00+00:00", .fail), (730, "2028-11-28T00:00:00+00:00", .warn),
        ])
    func expirationDateWithThreshold(threshold: Int, date: String, status: CheckStatus) throws {
        let result = try evaluate(
            lifecycle: oneRule(#""ID":"expire-logs","Filter":{},"Status":"Enabled","Expiration":{"Date":"\#(date)"}"#),
            options: CheckOptions(retentionDays: threshold))
        #expect(result.status == status)
        #expect(result.summary.contains("kept less than \(threshold) days."))
    }

    // MARK: Overlapping rules

    @Test("overlapping expirations: the shortest wins and is named; the others are notes and fixes")
    func overlappingExpirations() throws {
        let result = try evaluate(
            lifecycle: #"""
                {"Rules":[
                  {"ID":"keep-2y","Filter":{"Prefix":"cloudtrail/"},"Status":"Enabled","Expiration":{"Days":730}},
                  {"ID":"short","Filter":{"Prefix":""},"Status":"Enabled","Expiration":{"Days":400}},
                  {"ID":"shorter","Filter":{"Prefix":"cloudtrail/AWSLogs/"},"Status":"Enabled","Expiration":{"Days":90}}
                ]}
                """#)
        #expect(result.status == .fail)
        #expect(
            result.summary == #"Rule "shorter" deletes trail logs under \#(keySpace) after 90 days, "#
                + "shorter than 550 days (18 months).")
        #expect(
            result.notes == [
                #"Rule "short" deletes trail logs under \#(keySpace) after 400 days, "#
                    + "shorter than 550 days (18 months)."
            ])
        #expect(evidence(result, "effective retention (days)") == 90)
        #expect(
            result.evidence.map(\.label) == [
                "trail key space", "rule keep-2y", "rule short", "rule shorter", "effective retention (days)",
            ])
        let fixes = try #require(result.remediation?.summary)
        #expect(fixes.contains(#"Raise Expiration.Days of rule "short" to at least 550"#))
        #expect(fixes.contains(#"Raise Expiration.Days of rule "shorter" to at least 550"#))
        #expect(!fixes.contains(#"rule "keep-2y""#))
        #expect(fixes.contains("The put command replaces the whole configuration"))
    }

    @Test("among passing rules the shortest is the one reported")
    func overlappingPasses() throws {
        let result = try evaluate(
            lifecycle: #"""
                {"Rules":[
                  {"ID":"long","Filter":{},"Status":"Enabled","Expiration":{"Days":900}},
                  {"ID":"enough","Filter":{"Prefix":"cloudtrail/AWSLogs/"},"Status":"Enabled","Expiration":{"Days":600}}
                ]}
                """#)
        #expect(result.status == .pass)
        #expect(result.summary.hasPrefix(#"Rule "enough" deletes trail logs under \#(keySpace) after 600 days"#))
        #expect(result.notes.isEmpty)
    }

    @Test("a failing rule outranks a warning; the warning stays a note")
    func failOutranksWarn() throws {
        let result = try evaluate(
            lifecycle: #"""
                {"Rules":[
                  {"ID":"almost","Filter":{},"Status":"Enabled","Expiration":{"Days":548}},
                  {"ID":"short","Filter":{"Prefix":"cloudtrail/"},"Status":"Enabled","Expiration":{"Days":365}}
                ]}
                """#)
        #expect(result.status == .fail)
        #expect(result.summary.hasPrefix(#"Rule "short""#))
        #expect(result.notes.count == 1)
        #expect(
            result.notes.first?.hasPrefix(#"Rule "almost" deletes trail logs under \#(keySpace) after 548 days"#)
                == true)
    }

    @Test("a rule without an ID is named by its position")
    func unnamedRule() throws {
        let result = try evaluate(
            lifecycle: #"""
                {"Rules":[
                  {"ID":"abort","Filter":{},"Status":"Enabled","AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}},
                  {"Filter":{"Prefix":"cloudtrail/"},"Status":"Enabled","Expiration":{"Days":365}}
                ]}
                """#)
        #expect(result.status == .fail)
        #expect(result.summary.hasPrefix("Rule #2 deletes trail logs under \(keySpace) after 365 days"))
        #expect(evidence(result, "rule #2") == ["Prefix": "cloudtrail/", "Expiration.Days": 365])
        #expect(result.remediation?.summary.hasPrefix("Raise Expiration.Days of rule #2 to at least 550") == true)
    }

    // MARK: Transitions and actions that keep the data

    @Test(
        "transitions: archive classes before the threshold warn, readable classes pass",
        arguments: [
            ("GLACIER", 90, CheckStatus.warn), ("DEEP_ARCHIVE", 180, .warn), ("GLACIER", 549, .warn),
            ("GLACIER", 550, .pass), ("STANDARD_IA", 30, .pass), ("ONEZONE_IA", 30, .pass), ("GLACIER_IR", 90, .pass),
        ])
    func transition(storageClass: String, days: Int, status: CheckStatus) throws {
        let result = try evaluate(
            lifecycle: oneRule(
                #""ID":"archive","Filter":{"Prefix":"cloudtrail/AWSLogs/"},"#
                    + #""Status":"Enabled","Transitions":[{"Days":\#(days),"StorageClass":"\#(storageClass)"}],"#
                    + #""Expiration":{"Days":730}"#))
        #expect(result.status == status)
        #expect(
            evidence(result, "rule archive")?["Transitions"] == [
                ["Days": .int(days), "StorageClass": .string(storageClass)]
            ])
        if status == .warn {
            #expect(
                result.summary == #"Rule "archive" moves trail logs under \#(keySpace) to \#(storageClass) "#
                    + "after \(days) days; Athena cannot read them there until they are restored.")
            #expect(
                result.remediation?.summary.hasPrefix(
                    #"Move the \#(storageClass) transition of rule "archive" to 550 days or later"#) == true)
        } else {
            #expect(result.summary.hasPrefix(#"Rule "archive" deletes trail logs under \#(keySpace) after 730 days"#))
            #expect(result.notes.isEmpty)
        }
    }

    @Test("a transition to Glacier on a fixed date warns")
    func transitionOnDate() throws {
        let result = try evaluate(
            lifecycle: oneRule(
                #""ID":"archive","Filter":{},"Status":"Enabled","Transitions":[{"Date":"2030-01-01T00:00:00+00:00","StorageClass":"GLACIER"}]"#
            ))
        #expect(result.status == .warn)
        #expect(result.summary.contains("to GLACIER on 2030-01-01; Athena cannot read them"))
        #expect(
            evidence(result, "rule archive")?["Transitions"] == [["Date": "2030-01-01", "StorageClass": "GLACIER"]])
    }

    /// The ready example with one lifecycle rule moving everything to INTELLIGENT_TIERING after `moveDays`, and
    /// the bucket's Intelligent-Tiering slot `tiering` (AWS CLI output text, or nil to leave it out).
    private func tiered(moveDays: Int = 0, tiering: String?) throws -> CheckResult {
        let lifecycle = try JSONValue.parse(
            Data(
                oneRule(
                    #""ID":"tiering","Filter":{},"Status":"Enabled","Transitions":[{"Days":\#(moveDays),"StorageClass":"INTELLIGENT_TIERING"}]"#
                ).utf8))
        let slot = try tiering.map { try JSONValue.parse(Data($0.utf8)) }
        return try Fixture.evaluate(
            LifecycleRetentionCheck(),
            Fixture.readyBucket {
                $0["lifecycle"] = lifecycle
                $0["intelligentTiering"] = slot
            })
    }

    private static func configuration(_ filter: String, archiveDays: Int, deepDays: Int? = nil) -> String {
        let deep = deepDays.map { #",{"Days":\#($0),"AccessTier":"DEEP_ARCHIVE_ACCESS"}"# } ?? ""
        return #"{"IsTruncated":false,"IntelligentTieringConfigurationList":[{"Id":"archive","Filter":\#(filter),"#
            + #""Status":"Enabled","Tierings":[{"Days":\#(archiveDays),"AccessTier":"ARCHIVE_ACCESS"}\#(deep)]}]}"#
    }

    @Test(
        "INTELLIGENT_TIERING without the Intelligent-Tiering slot passes with a note that its archive tiers are unknown"
    )
    func intelligentTieringNotCollected() throws {
        let result = try tiered(tiering: nil)
        #expect(result.status == .pass)
        #expect(
            result.notes == [
                "Trail logs move to INTELLIGENT_TIERING, whose archive tiers are configured apart "
                    + "(list-bucket-intelligent-tiering-configurations) and are not in the snapshot."
            ])
    }

    @Test("INTELLIGENT_TIERING with no archive configuration passes and says objects only archive under one")
    func intelligentTieringWithoutArchive() throws {
        let result = try tiered(tiering: #"{"IsTruncated":false}"#)
        #expect(result.status == .pass)
        #expect(result.notes.first?.hasSuffix("none reaches the trail's key space.") == true)
    }

    @Test("an archive tier reaching the trail's keys before 550 days warns with the days, the evidence and the fix")
    func archiveBeforeRetention() throws {
        let result = try tiered(
            moveDays: 30, tiering: Self.configuration(#"{"Prefix":"cloudtrail/"}"#, archiveDays: 90))
        #expect(result.status == .warn)
        #expect(
            result.summary
                == #"Rule "tiering" moves trail logs under cloudtrail/AWSLogs/o-a1b2c3d4e5/ to INTELLIGENT_TIERING, and Intelligent-Tiering configuration "archive" moves them to ARCHIVE_ACCESS after 120 days (30 to move, 90 without access); Athena cannot read them there until they are restored."#
        )
        #expect(evidence(result, "Intelligent-Tiering archive") == "ARCHIVE_ACCESS after 90 days")
        #expect(
            result.remediation?.summary.contains(
                #"Raise the ARCHIVE_ACCESS days of Intelligent-Tiering configuration "archive""#) == true)
    }

    @Test(
        "archive tiers that come late enough, are scoped away, filter on tags or are disabled do not warn",
        arguments: [
            configuration(#"{"Prefix":"cloudtrail/"}"#, archiveDays: 600),
            configuration(#"{"Prefix":"images/"}"#, archiveDays: 90),
            configuration(#"{"Tag":{"Key":"tier","Value":"cold"}}"#, archiveDays: 90),
            configuration("{}", archiveDays: 90).replacingOccurrences(of: "Enabled", with: "Disabled"),
        ])
    func archiveThatDoesNotMatter(_ tiering: String) throws {
        #expect(try tiered(moveDays: 0, tiering: tiering).status == .pass)
    }

    @Test("an archive configuration without a lifecycle move to INTELLIGENT_TIERING does not warn, and says why")
    func archiveWithoutMove() throws {
        let slot = try JSONValue.parse(Data(Self.configuration("{}", archiveDays: 90, deepDays: 180).utf8))
        let result = try Fixture.evaluate(
            LifecycleRetentionCheck(), Fixture.readyBucket { $0["intelligentTiering"] = slot })
        #expect(result.status == .pass)
        #expect(result.notes.contains { $0.contains("no lifecycle rule moves trail logs to INTELLIGENT_TIERING") })
        #expect(
            evidence(result, "Intelligent-Tiering archive")
                == "ARCHIVE_ACCESS after 90 days, DEEP_ARCHIVE_ACCESS after 180 days")
    }

    @Test(
        "noncurrent-version, delete-marker and abort actions do not shorten retention",
        arguments: [
            (#""NoncurrentVersionExpiration":{"NoncurrentDays":30}"#, "NoncurrentVersionExpiration does"),
            (
                #""NoncurrentVersionTransitions":[{"NoncurrentDays":30,"StorageClass":"GLACIER"}]"#,
                "NoncurrentVersionTransitions does"
            ),
            (#""Expiration":{"ExpiredObjectDeleteMarker":true}"#, "Expiration.ExpiredObjectDeleteMarker does"),
            (#""AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}"#, "AbortIncompleteMultipartUpload does"),
            (
                #""Expiration":{"ExpiredObjectDeleteMarker":true},"NoncurrentVersionExpiration":{"NoncurrentDays":1}"#,
                "NoncurrentVersionExpiration, Expiration.ExpiredObjectDeleteMarker do"
            ),
        ])
    func actionsThatKeepLogs(action: String, listed: String) throws {
        let result = try evaluate(lifecycle: oneRule(#""ID":"housekeeping","Filter":{},"Status":"Enabled","# + action))
        #expect(result.status == .pass)
        #expect(result.summary.contains("No rule expires the trail's objects"))
        #expect(result.notes == [#"Rule "housekeeping": \#(listed) not shorten how long log files are kept."#])
        #expect(evidence(result, "rule housekeeping") == ["Prefix": ""])
        #expect(evidence(result, "effective retention (days)") == "unlimited")
    }

    // MARK: No configuration, and data that is missing

    @Test("no lifecycle configuration keeps logs forever: pass with a note")
    func noConfiguration() throws {
        let result = try evaluate(
            slot: Fixture.error("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist"))
        #expect(result.status == .pass)
        #expect(
            result.summary
                == "The bucket has no lifecycle configuration, so trail logs are kept until someone deletes them.")
        #expect(
            result.evidence == [
                Evidence("trail key space", .string(keySpace)),
                Evidence("GetBucketLifecycleConfiguration", "NoSuchLifecycleConfiguration"),
                Evidence("effective retention (days)", "unlimited"),
            ])
        #expect(result.notes.first?.contains("strict mode fails a bucket without one") == true)
        #expect(result.remediation == nil)
    }

    @Test("no lifecycle configuration fails in strict mode, with a rule to add")
    func noConfigurationStrict() throws {
        let result = try evaluate(
            slot: Fixture.error("NoSuchLifecycleConfiguration"), options: CheckOptions(strict: true))
        #expect(result.status == .fail)
        #expect(
            result.summary
                == "The bucket has no lifecycle configuration; strict mode requires one that keeps trail logs "
                + "at least 550 days (18 months).")
        #expect(
            result.remediation?.summary
                == "Add a lifecycle rule that keeps the trail's objects under \(keySpace) at least 550 days.")
        #expect(
            result.remediation?.commands == [
                "aws s3api put-bucket-lifecycle-configuration --bucket acme-org-trail-logs --lifecycle-configuration "
                    + #"'{"Rules":[{"ID":"keep-trail-logs","Filter":{"Prefix":"\#(keySpace)"},"Status":"Enabled","Expiration":{"Days":550}}]}' --region us-east-1"#
            ])
    }

    @Test("access denied is unknown and says which permission to grant")
    func accessDenied() throws {
        let result = try evaluate(slot: Fixture.error("AccessDenied", "Access Denied"))
        #expect(result.status == .unknown)
        #expect(
            result.summary
                == "GetBucketLifecycleConfiguration on acme-org-trail-logs failed with AccessDenied (Access Denied). "
                + "If the bucket is in another account (centralized logging), collect from that account. "
                + "Otherwise grant the caller s3:GetLifecycleConfiguration.")
        #expect(result.remediation == nil)
    }

    @Test("a lifecycle answer missing from the snapshot is unknown")
    func absentSlot() throws {
        let result = try evaluate(slot: nil)
        #expect(result.status == .unknown)
        #expect(result.summary == "GetBucketLifecycleConfiguration on acme-org-trail-logs is not in the snapshot.")
    }

    @Test("a bucket missing from the snapshot is unknown")
    func missingBucket() throws {
        var json = try Fixture.ready()
        json["buckets"]!["acme-org-trail-logs"] = nil
        let result = try Fixture.evaluate(LifecycleRetentionCheck(), json)
        #expect(result.status == .unknown)
        #expect(result.summary.hasPrefix("Bucket acme-org-trail-logs is not in the snapshot. "))
        #expect(result.summary.hasSuffix("Otherwise grant the caller s3:GetLifecycleConfiguration."))
    }

    // MARK: The trail's key space

    @Test(
        "a trail without S3KeyPrefix writes under AWSLogs/o-…/",
        arguments: [
            (#""Filter":{"Prefix":"AWSLogs/"}"#, CheckStatus.fail),
            (#""Filter":{"Prefix":"cloudtrail/AWSLogs/"}"#, .pass),
        ])
    func withoutKeyPrefix(filter: String, status: CheckStatus) throws {
        var json = try Fixture.readyTrail { $0["trail"]!["S3KeyPrefix"] = nil }
        json["buckets"]!["acme-org-trail-logs"]!["lifecycle"] = try JSONValue.parse(Data(expiring(filter: filter).utf8))
        let result = try Fixture.evaluate(LifecycleRetentionCheck(), json)
        #expect(result.status == status)
        #expect(evidence(result, "trail key space") == "AWSLogs/o-a1b2c3d4e5/")
        #expect(result.summary.contains("under AWSLogs/o-a1b2c3d4e5/"))
    }

    @Test("when the organization is unknown the key space stops at AWSLogs/, so account prefixes apply")
    func organizationUnknown() throws {
        var json = try Fixture.ready()
        json["organization"] = Fixture.error("AccessDeniedException")
        json["buckets"]!["acme-org-trail-logs"]!["lifecycle"] = try JSONValue.parse(
            Data(
                expiring(filter: #""Filter":{"Prefix":"cloudtrail/AWSLogs/111122223333/"}"#).utf8))
        let result = try Fixture.evaluate(LifecycleRetentionCheck(), json)
        #expect(evidence(result, "trail key space") == "cloudtrail/AWSLogs/")
        #expect(result.status == .fail)
        #expect(result.summary.contains("under cloudtrail/AWSLogs/111122223333/ after 365 days"))
    }
}
