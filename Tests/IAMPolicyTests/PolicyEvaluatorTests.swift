import IAMPolicy
import OrderedJSON
import Testing

/// Decision logic on the request shapes TrailGate cares about: the AMS statements, account boundaries and KMS.
@Suite("Policy evaluator")
struct PolicyEvaluatorTests {
    static let bucketPolicy = """
        {"Version":"2012-10-17","Statement":[
         {"Sid":"DONOTDELETE-AMS-ALLOWLISTBUCKET","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:ListBucket",
          "Resource":"arn:aws:s3:::logs",
          "Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":"athena.amazonaws.com"},"StringLike":{"s3:prefix":"AWSLogs/*"},
                       "StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/ams-access-*"]}}},
         {"Sid":"DONOTDELETE-AMS-ALLOWGETOBJECT","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject",
          "Resource":"arn:aws:s3:::logs/AWSLogs/*",
          "Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":"athena.amazonaws.com"},"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},
                       "ArnLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/ams-access-*"]}}},
         {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",
          "Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
        """

    static func session(_ account: String, role: String = "ams-access-ro") -> RequestPrincipal {
        RequestPrincipal(parsing: "arn:aws:sts::\(account):assumed-role/\(role)/athena")!
    }

    static func athenaContext(
        org: String? = "o-a1b2c3d4e5", account: String = "222233334444", role: String = "ams-access-ro",
        calledVia: Bool = true, prefix: String? = "AWSLogs/222233334444/"
    ) -> RequestContext {
        var context = RequestContext([
            "aws:PrincipalArn": .single("arn:aws:iam::\(account):role/\(role)"),
            "aws:SecureTransport": .single("true"),
        ])
        context["aws:PrincipalOrgID"] = org.map(RequestContext.Value.single)
        if calledVia { context["aws:CalledVia"] = .multiple(["athena.amazonaws.com"]) }
        context["s3:prefix"] = prefix.map(RequestContext.Value.single)
        return context
    }

    func decide(
        _ action: String, _ resource: String, principal: RequestPrincipal = session("222233334444"),
        context: RequestContext = athenaContext(), identity: [String]? = nil, resourcePolicy: String = bucketPolicy,
        resourceAccount: String? = "111122223333"
    ) throws -> Evaluation {
        let policies = PolicySet(
            identityPolicies: try identity.map { try $0.map { text throws in try PolicyDocument(text: text) } },
            resourcePolicy: try PolicyDocument(text: resourcePolicy))
        return PolicyEvaluator().evaluate(
            AuthorizationRequest(
                principal: principal, action: action, resource: resource, resourceAccountId: resourceAccount,
                context: context), policies: policies)
    }

    @Test("an ams-access role in another member account is granted list and read through Athena")
    func amsGranted() throws {
        let list = try decide("s3:ListBucket", "arn:aws:s3:::logs")
        #expect(list.decision == .allowed)
        #expect(list.grantedByResourcePolicy)
        #expect(list.allowedBy?.sid == "DONOTDELETE-AMS-ALLOWLISTBUCKET")
        #expect(list.assumptions.count == 1, "the identity side is assumed and said")
        let read = try decide("s3:GetObject", "arn:aws:s3:::logs/AWSLogs/222233334444/CloudTrail/x.json.gz")
        #expect(read.decision == .allowed)
    }

    @Test(
        "each AMS condition can deny on its own",
        arguments: [
            ("outside the organization", athenaContext(org: "o-zzzzzzzzzz")),
            ("no organization", athenaContext(org: nil)),
            ("not through Athena", athenaContext(calledVia: false)),
            ("wrong prefix", athenaContext(prefix: "other/AWSLogs/")),
            ("no prefix", athenaContext(prefix: nil)),
            ("a role with another name", athenaContext(role: "admin")),
        ])
    func amsConditions(_ name: String, _ context: RequestContext) throws {
        let evaluation = try decide("s3:ListBucket", "arn:aws:s3:::logs", context: context)
        #expect(evaluation.decision == .implicitDeny, "\(name)")
        #expect(evaluation.reason.contains("Nearest: statement \"DONOTDELETE-AMS-ALLOWLISTBUCKET\""), "\(name)")
    }

    @Test("a Deny on insecure transport blocks plain HTTP only")
    func secureTransport() throws {
        var insecure = Self.athenaContext()
        insecure["aws:SecureTransport"] = .single("false")
        let denied = try decide("s3:ListBucket", "arn:aws:s3:::logs", context: insecure)
        #expect(denied.decision == .explicitDeny)
        #expect(
            denied.reason.hasPrefix("Explicitly denied by statement \"DenyInsecureTransport\" of the resource policy"))
    }

    @Test("cross-account needs both sides: a given identity policy without the action denies")
    func crossAccountBothSides() throws {
        let identity =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}"#
        let evaluation = try decide("s3:ListBucket", "arn:aws:s3:::logs", identity: [identity])
        #expect(evaluation.decision == .implicitDeny)
        #expect(evaluation.reason.contains("in the principal's account no identity policy allows it"))
    }

    @Test("same account: an identity policy alone allows; the resource policy naming the account only delegates")
    func sameAccount() throws {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#
        let user = RequestPrincipal(parsing: "arn:aws:iam::111122223333:user/alice")!
        let delegated = try decide(
            "s3:GetObject", "arn:aws:s3:::b/k", principal: user, context: RequestContext(), identity: [],
            resourcePolicy: policy)
        #expect(delegated.decision == .implicitDeny)
        let identity = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}"#
        let allowed = try decide(
            "s3:GetObject", "arn:aws:s3:::b/k", principal: user, context: RequestContext(), identity: [identity],
            resourcePolicy: policy)
        #expect(allowed.decision == .allowed)
        #expect(!allowed.grantedByResourcePolicy)
    }

    @Test("KMS: the account-root statement delegates; IAM alone cannot grant; a named principal is enough in-account")
    func kmsKeyPolicy() throws {
        let key = "arn:aws:kms:us-east-1:111122223333:key/k"
        let rootOnly =
            #"{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}"#
        let noRoot =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"kms:*","Resource":"*"}]}"#
        let identity =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}"#
        let role = Self.session("111122223333", role: "reader")
        #expect(
            try decide(
                "kms:Decrypt", key, principal: role, context: RequestContext(), identity: [identity],
                resourcePolicy: rootOnly, resourceAccount: nil
            ).decision == .allowed)
        #expect(
            try decide(
                "kms:Decrypt", key, principal: role, context: RequestContext(), identity: [],
                resourcePolicy: rootOnly, resourceAccount: nil
            ).decision == .implicitDeny)
        let withoutRoot = try decide(
            "kms:Decrypt", key, principal: role, context: RequestContext(), identity: [identity],
            resourcePolicy: noRoot, resourceAccount: nil)
        #expect(withoutRoot.decision == .implicitDeny)
        #expect(withoutRoot.reason.contains("IAM policies alone cannot grant use of a KMS key"))
        let admin = Self.session("111122223333", role: "admin")
        #expect(
            try decide(
                "kms:Decrypt", key, principal: admin, context: RequestContext(), identity: [],
                resourcePolicy: noRoot, resourceAccount: nil
            ).decision == .allowed)
    }

    @Test(
        "same account: a statement naming everyone grants even after the account-root statement",
        arguments: [
            ("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k", nil as String?),
            ("s3:GetObject", "arn:aws:s3:::b/k", "111122223333"),
        ])
    func strongestResourceAllow(_ action: String, _ resource: String, _ resourceAccount: String?) throws {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"*","Resource":"*"},{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"\#(action)","Resource":"*"}]}"#
        let evaluation = try decide(
            action, resource, principal: Self.session("111122223333", role: "reader"),
            context: RequestContext(), identity: [], resourcePolicy: policy, resourceAccount: resourceAccount)
        #expect(evaluation.decision == .allowed)
        #expect(evaluation.allowedBy?.sid == "Everyone")
    }

    @Test("statements without a Principal never match in a resource policy")
    func noPrincipal() throws {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
        let evaluation = try decide(
            "s3:GetObject", "arn:aws:s3:::b/k", context: RequestContext(), resourcePolicy: policy)
        #expect(evaluation.decision == .implicitDeny)
        #expect(
            evaluation.statements.first?.reason == "the statement has no Principal element, so it applies to no one.")
    }

    @Test(
        "malformed policies are errors naming the element",
        arguments: [
            (
                #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqulas":{"a":"b"}}}]}"#,
                PolicyError(path: "Statement[0].Condition.StringEqulas", reason: "unknown condition operator")
            ),
            (
                #"{"Statement":{"Effect":"Permit","Action":"s3:*","Resource":"*"}}"#,
                PolicyError(path: "Statement.Effect", reason: "expected \"Allow\" or \"Deny\"")
            ),
            (
                #"{"Version":"2013-01-01","Statement":[]}"#,
                PolicyError(path: "Version", reason: "expected \"2012-10-17\" or \"2008-10-17\"")
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Resource":"*"}]}"#,
                PolicyError(path: "Statement[0]", reason: "a statement needs Action or NotAction")
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Principal":{"AWS":"*"},"NotPrincipal":{"AWS":"x"}}]}"#,
                PolicyError(path: "Statement[0]", reason: "a statement cannot have both Principal and NotPrincipal")
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":{"aws:a":"1","AWS:A":"2"}}}]}"#,
                PolicyError(
                    path: "Statement[0].Condition.StringEquals.AWS:A",
                    reason: "the same key appears twice with different case")
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Sid":"a","Sid":"b"}]}"#,
                PolicyError(path: "$", reason: "not valid JSON (line 1, column 59: duplicate member \"Sid\")")
            ),
        ])
    func malformed(_ text: String, _ expected: PolicyError) {
        #expect(throws: expected) { try PolicyDocument(text: text) }
    }

    @Test("a policy's display name replaces its positional label in explanations; without one the label stays")
    func displayName() throws {
        var scp = try PolicyDocument(
            text:
                #"{"Version":"2012-10-17","Statement":[{"Sid":"DenyS3","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#
        )
        let request = AuthorizationRequest(
            principal: Self.session("222233334444"), action: "s3:ListBucket", resource: "arn:aws:s3:::logs",
            resourceAccountId: "111122223333", context: Self.athenaContext())
        let unnamed = PolicyEvaluator().evaluate(request, policies: PolicySet(serviceControlPolicies: [[scp]]))
        #expect(unnamed.reason.hasPrefix("Explicitly denied by statement \"DenyS3\" of the SCP 1 at level 1: "))
        scp.name = "SCP p-abc123 \"protect-log-archive\" attached to ou-ab12-x (Workloads)"
        let named = PolicyEvaluator().evaluate(request, policies: PolicySet(serviceControlPolicies: [[scp]]))
        #expect(
            named.reason.hasPrefix(
                "Explicitly denied by statement \"DenyS3\" of the SCP p-abc123 \"protect-log-archive\" attached to "
                    + "ou-ab12-x (Workloads): "))
        #expect(named.statements.first?.policy == scp.name)
    }
}
