import Foundation
import TestSupport

/// Random CloudTrail records in the shape CloudTrail writes them, drawn from a small vocabulary so that conditions
/// and investigations match some of them, with JSON escapes (`\uXXXX`, `\/`), missing and null members, escaped
/// member names and events in the same second.
struct ScanGenerator {
    var random: SplitMix64
    /// How often, in a hundred, a character of a string is written as `\uXXXX` (slashes as `\/` 30 times as often).
    var escapePercent = 4

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let services: [(source: String, names: [String])] = [
        ("cloudtrail.amazonaws.com", ["StopLogging", "DeleteTrail", "PutEventSelectors", "DescribeTrails"]),
        ("iam.amazonaws.com", ["CreateAccessKey", "ListUsers", "AttachRolePolicy", "CreateUser"]),
        ("signin.amazonaws.com", ["ConsoleLogin"]),
        ("kms.amazonaws.com", ["ScheduleKeyDeletion", "Decrypt", "DisableKey"]),
        ("s3.amazonaws.com", ["PutBucketPolicy", "GetObject", "PutBucketAcl"]),
        ("ec2.amazonaws.com", ["AuthorizeSecurityGroupIngress", "RunInstances", "DescribeInstances"]),
    ]
    static let errors = ["AccessDenied", "Client.UnauthorizedOperation", "ThrottlingException", "AccessDenied/x"]
    static let regions = ["us-east-1", "eu-west-1", "ap-southeast-3"]
    static let accessKeys = ["AKIAEXAMPLEKEY1", "ASIAEXAMPLEKEY2", "AKIAEXAMPLEKEY3"]
    static let accounts = ["111122223333", "444455556666"]
    static let roleARN = "arn:aws:iam::111122223333:role/Admin"
    static let userARN = "arn:aws:iam::111122223333:user/bob"
    /// Words a condition may compare with: every value above, and some that no record holds.
    static var vocabulary: [String] {
        services.map(\.source) + services.flatMap(\.names) + errors + regions + accessKeys + accounts + [
            roleARN, userARN, "AwsServiceEvent", "AwsApiCall", "Root", "IAMUser", "No", "Yes", "Failure", "trail/main",
            "Nothing", "ec2.amazonaws.com/x",
        ]
    }

    /// A JSON string literal of `text`, some characters written as `\uXXXX` and some slashes as `\/`.
    mutating func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "/", escapePercent > 0, random.chance(30) {
                out += "\\/"
            } else if random.chance(escapePercent) {
                out += String(format: "\\u%04x", scalar.value)
            } else if scalar == "\"" || scalar == "\\" {
                out += "\\" + String(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A member `"name":value`, its name sometimes escaped (the mapper then keeps it among the extra fields).
    mutating func member(_ name: String, _ value: String) -> String {
        let key =
            escapePercent > 0 && random.chance(2)
            ? "\"\(name.prefix(1))\\u\(String(format: "%04x", name.unicodeScalars.dropFirst().first!.value))\(name.dropFirst(2))\""
            : "\"\(name)\""
        return key + ":" + value
    }

    mutating func identity() -> String {
        switch random.below(5) {
        case 0:
            return "{\"type\":\"Root\",\"principalId\":\"111122223333\",\"arn\":\"arn:aws:iam::111122223333:root\","
                + "\"accountId\":\"111122223333\",\"accessKeyId\":\(string(random.pick(Self.accessKeys)))}"
        case 1:
            return "{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\(string(Self.userARN)),"
                + "\"accountId\":\"111122223333\",\"accessKeyId\":\(string(random.pick(Self.accessKeys))),\"userName\":\"bob\"}"
        case 2:
            return "{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:alice\","
                + "\"arn\":\(string("arn:aws:sts::111122223333:assumed-role/Admin/alice")),\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\(string(random.pick(Self.accessKeys))),\"sessionContext\":{\"sessionIssuer\":"
                + "{\"type\":\"Role\",\"arn\":\(string(Self.roleARN)),\"userName\":\"Admin\"},"
                + "\"attributes\":{\"mfaAuthenticated\":\"false\"}}}"
        case 3: return "{\"type\":\"AWSService\",\"invokedBy\":\(string("ec2.amazonaws.com"))}"
        default: return random.chance(50) ? "{\"type\":\"AWSAccount\",\"principalId\":\"AIDAOTHER\"}" : "null"
        }
    }

    /// One record with event id `id` on `day` (`2024-03-DD`), at one of a few seconds so that times repeat.
    mutating func record(id: String, day: Int, account: String) -> String {
        let service = random.pick(Self.services)
        let name = random.pick(service.names)
        let time = String(format: "2024-03-%02dT10:%02d:%02dZ", day, random.below(3), random.below(2))
        var members = [
            member("eventVersion", random.chance(5) ? "\"1.99\"" : "\"1.09\""),
            member("userIdentity", identity()),
            member("eventTime", "\"\(time)\""),
            member("eventSource", string(service.source)),
            member("eventName", string(name)),
            member("awsRegion", random.chance(3) ? "null" : string(random.pick(Self.regions))),
            member("sourceIPAddress", "\"198.51.100.\(random.below(4))\""),
            member("userAgent", string("aws-cli/2.15.0 md/\(random.below(3))")),
            member("requestParameters", random.chance(50) ? "{\"name\":\(string("trail/main"))}" : "null"),
            "\"eventID\":\"\(id)\"",
            member("readOnly", random.chance(50) ? "true" : "false"),
            member("recipientAccountId", "\"\(account)\""),
        ]
        if !random.chance(10) {
            members.append(member("eventType", string(random.chance(20) ? "AwsServiceEvent" : "AwsApiCall")))
        }
        if random.chance(30) {
            members.append(member("errorCode", random.chance(10) ? "null" : string(random.pick(Self.errors))))
        }
        if name == "ConsoleLogin" {
            members.append(
                member("responseElements", "{\"ConsoleLogin\":\(string(random.chance(50) ? "Failure" : "Success"))}"))
            members.append(
                member(
                    "additionalEventData",
                    random.chance(20)
                        ? "{\"MFAUsed\":true}" : "{\"MFAUsed\":\(string(random.chance(50) ? "No" : "Yes"))}"))
        }
        for index in members.indices.reversed() where random.chance(10) {
            members.swapAt(index, random.below(index + 1))
        }
        return "{" + members.joined(separator: random.chance(50) ? "," : ", ") + "}"
    }

    /// Event ids: mostly canonical UUIDs, some other text.
    mutating func eventID(_ index: Int) -> String {
        random.chance(90)
            ? String(format: "%08x-0000-4000-8000-%012x", index, random.below(1 << 30)) : "event-\(index)"
    }

    /// An organization trail's tree under `root`: two accounts, three Regions, four days, files of up to 30
    /// records, one file delivered twice (its events repeat), one newline-delimited file and one digest.
    mutating func organizationTree(in root: URL) throws {
        var next = 0
        for account in Self.accounts {
            for region in Self.regions {
                for day in 1...4 {
                    let folder = root.appendingPathComponent(
                        "AWSLogs/o-aa11bb22cc/\(account)/CloudTrail/\(region)/2024/03/0\(day)")
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    for file in 0..<2 {
                        let count = 1 + random.below(30)
                        var records: [String] = []
                        for _ in 0..<count {
                            records.append(record(id: eventID(next), day: day, account: account))
                            next += 1
                        }
                        let text = "{\"Records\":[" + records.joined(separator: ",") + "]}"
                        let name = "\(account)_CloudTrail_\(region)_2024030\(day)T1\(file)00Z_f\(next).json.gz"
                        try Gzip.compress(Data(text.utf8)).write(to: folder.appendingPathComponent(name))
                        if next < 40 {
                            // The same file delivered again under another name.
                            try Gzip.compress(Data(text.utf8)).write(
                                to: folder.appendingPathComponent(name.replacingOccurrences(of: "_f", with: "_again_f"))
                            )
                        }
                    }
                }
            }
        }
        let lines = (0..<20).map { _ in
            defer { next += 1 }
            return record(id: eventID(next), day: 2, account: Self.accounts[0])
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: root.appendingPathComponent("export.jsonl"))
        let digests = root.appendingPathComponent(
            "AWSLogs/o-aa11bb22cc/\(Self.accounts[0])/CloudTrail-Digest/us-east-1/2024/03/01")
        try FileManager.default.createDirectory(at: digests, withIntermediateDirectories: true)
        try Data("{\"digestStartTime\":\"2024-03-01T00:00:00Z\"}".utf8).write(
            to: digests.appendingPathComponent("\(Self.accounts[0])_CloudTrail-Digest_us-east-1_x.json.gz"))
    }
}
