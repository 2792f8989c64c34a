import Testing
import TrailGateCore

@Suite("Request outcome groups")
struct RequestOutcomeGroupTests {
    private func outcome(
        _ action: String, _ account: String, granted: Bool = false, reason: String = "no statement allows it",
        statement: String? = "nearest: statement \"A\""
    ) -> RequestOutcome {
        RequestOutcome(
            description: "\(action) by a role in \(account)", action: action, account: account, granted: granted,
            outcome: granted ? "allowed" : "not granted", reason: granted ? "allowed" : reason,
            statement: statement)
    }

    @Test("requests with the same outcome, reason and statement form one group; granted ones are left out")
    func grouping() {
        let outcomes = [
            outcome("s3:GetObject", "111122223333"), outcome("s3:ListBucket", "111122223333"),
            outcome("s3:GetObject", "444455556666", reason: "crosses accounts"),
            outcome("s3:ListBucket", "444455556666", reason: "crosses accounts"),
            outcome("s3:GetObject", "777788889999", reason: "crosses accounts", statement: "nearest: statement \"B\""),
            outcome("s3:GetBucketLogging", "111122223333", granted: true),
        ]
        let groups = RequestOutcomeGroup.groups(outcomes)
        #expect(groups.map(\.reason) == ["no statement allows it", "crosses accounts", "crosses accounts"])
        #expect(groups.map(\.count) == [2, 2, 1])
        #expect(groups[0].actions == ["s3:GetObject", "s3:ListBucket"])
        #expect(groups[0].accounts == ["111122223333"])
        #expect(groups[2].statement == "nearest: statement \"B\"")
        #expect(RequestOutcomeGroup.summary(outcomes) == "5 of 6 requests are not granted, for 3 reasons")
    }

    @Test("the table has a column per account and marks the pairs of the group only")
    func table() {
        let groups = RequestOutcomeGroup.groups([
            outcome("s3:GetObject", "111122223333"), outcome("s3:ListBucket", "111122223333"),
            outcome("s3:GetObject", "444455556666"),
        ])
        #expect(
            groups[0].table == [
                "action         111122223333  444455556666",
                "s3:GetObject   ✘             ✘",
                "s3:ListBucket  ✘             ·",
            ])
    }

    @Test("one reason is counted in the singular")
    func singular() {
        #expect(
            RequestOutcomeGroup.summary([outcome("kms:Decrypt", "111122223333")])
                == "1 of 1 requests are not granted, for 1 reason")
    }
}
