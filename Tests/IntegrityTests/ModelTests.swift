import Foundation
import Integrity
import OrderedJSON
import Testing
import TrailGateBasics

/// Times, ARNs, key names and ListPublicKeys answers.
@Suite("Integrity model")
struct ModelTests {
    @Test("timestamps parse and format like the AWS CLI")
    func timestamps() {
        let time = Timestamp.parse("2024-03-01T02:18:23Z")
        #expect(time?.description == "2024-03-01T02:18:23Z")
        #expect(time?.keyFormat == "20240301T021823Z")
        #expect(time?.dateFolders == "2024/03/01")
        #expect(Timestamp.parse("2024-03-01T02:18:23.123Z") == time)
        #expect(Timestamp.parse("2024-03-01T04:18:23+02:00") == time)
        #expect(Timestamp.parse("2024-02-29")?.description == "2024-02-29T00:00:00Z")
        #expect(Timestamp.parse("2024-13-01T00:00:00Z") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
        #expect(Timestamp.parseKeyFormat("20240301T021823Z") == time)
        #expect(Timestamp(seconds: 0).description == "1970-01-01T00:00:00Z")
    }

    @Test("trail ARNs are checked as the AWS CLI checks them")
    func trailARNs() {
        let arn = TrailARN("arn:aws:cloudtrail:eu-west-1:111122223333:trail/a_b.c-d")
        #expect(arn?.homeRegion == "eu-west-1" && arn?.account == "111122223333" && arn?.name == "a_b.c-d")
        #expect(TrailARN("arn:aws:cloudtrail:eu-west-1:1111:trail/x") == nil)
        #expect(TrailARN("arn:aws:s3:::bucket") == nil)
        #expect(TrailARN("management-events") == nil)
    }

    @Test("digest keys match only this trail's chain")
    func digestKeys() {
        let layout = DigestKeyLayout(
            prefix: "p/q", organizationId: "o-abc", chain: ChainID(account: "111122223333", region: "us-east-1"),
            trailName: "t_1", homeRegion: "eu-west-1")
        let key = layout.key(endingAt: Timestamp.parse("2024-03-01T02:18:23Z")!)
        #expect(
            key
                == "p/q/AWSLogs/o-abc/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/111122223333_CloudTrail-Digest_us-east-1_t_1_eu-west-1_20240301T021823Z.json.gz"
        )
        #expect(layout.matches(key))
        #expect(layout.matches(key.replacingOccurrences(of: ".json.gz", with: "_backfill.json.gz")))
        #expect(!layout.matches(key.replacingOccurrences(of: "_t_1_", with: "_t_2_")))
        #expect(!layout.matches(key.replacingOccurrences(of: "2024/03/01", with: "2024/03/x1")))
        #expect(DigestKeyLayout.timestamp(of: key)?.description == "2024-03-01T02:18:23Z")
        #expect(
            DigestKeyLayout.timestamp(of: key.replacingOccurrences(of: ".json.gz", with: "_backfill.json.gz"))?
                .description
                == "2024-03-01T02:18:23Z")
    }

    @Test("ListPublicKeys answers are read with their DER, fingerprint and validity")
    func listPublicKeys() throws {
        let json = try JSONValue.parse(
            #"""
            {"PublicKeyList": [{"Value": "AAEC", "ValidityStartTime": 1709251200, "ValidityEndTime": 1709337600,
              "Fingerprint": "cb1ad2119d8fafb69566510ee712661f"}]}
            """#)
        let keys = try PublicKeyRecord.list(fromListPublicKeys: json)
        #expect(keys.map(\.der) == [Data([0, 1, 2])])
        #expect(keys[0].computedFingerprint == "b95f67f61ebb03619622d798f45fc2d3")
        #expect(keys[0].isValid(between: Timestamp(seconds: 1709337000), and: Timestamp(seconds: 1709400000)))
        #expect(!keys[0].isValid(between: Timestamp(seconds: 1709337601), and: Timestamp(seconds: 1709400000)))
        #expect(throws: PublicKeyListError.self) {
            try PublicKeyRecord.list(fromListPublicKeys: ["PublicKeyList": [["Value": "AA"]]])
        }
    }
}
