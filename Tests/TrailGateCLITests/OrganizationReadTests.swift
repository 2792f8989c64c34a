import AWSClient
import Foundation
import OrderedJSON
import Testing
import TrailGateLive

/// The Organizations and IAM reads an organization-wide check is built on, against moto_server: the OU tree, the
/// SCPs at each level, and a member account's role with its policies, read through a role assumed into it.
@Suite("Organization and IAM reads", .serialized)
struct OrganizationReadTests {
    @Test("the OU tree, the accounts under each parent, and each level's SCPs with their documents")
    func organizationStructure() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("organization-structure")
        let workloads = try #require(created["workloads"] as? String)
        let root = try #require(created["root"] as? String)
        let member = try #require(created["member"] as? String)
        let scp = try #require(created["scp"] as? String)
        let options = LiveOptions(region: "us-east-1", endpointURL: server.endpoint, timeout: .seconds(10))
        let answers = try await LiveSession.with(options, environment: AWSEnvironment(variables: server.environment)) {
            session in
            let organizations = session.clients.organizations
            return [
                try await organizations.listRoots(),
                try await organizations.listOrganizationalUnits(parentId: root),
                try await organizations.listOrganizationalUnits(parentId: workloads),
                try await organizations.listAccounts(parentId: workloads),
                try await organizations.listPolicies(targetId: workloads, filter: "SERVICE_CONTROL_POLICY"),
                try await organizations.describePolicy(scp),
            ]
        }
        #expect(answers[0]["Roots"]?.arrayValue?.first?["Id"]?.stringValue == root)
        #expect(answers[1]["OrganizationalUnits"]?.arrayValue?.map { $0["Name"]?.stringValue } == ["Workloads"])
        #expect(answers[2]["OrganizationalUnits"]?.arrayValue?.map { $0["Name"]?.stringValue } == ["Prod"])
        #expect(answers[3]["Accounts"]?.arrayValue?.map { $0["Id"]?.stringValue } == [member])
        #expect(
            answers[4]["Policies"]?.arrayValue?.map { $0["Name"]?.stringValue } == [
                "FullAWSAccess", "protect-log-archive",
            ])
        let content = try #require(answers[5]["Policy"]?["Content"]?.stringValue)
        #expect(try JSONValue.parse(content)["Statement"]?[0]?["Sid"]?.stringValue == "DenyLogReads")
    }

    @Test("a member's role, read through OrganizationAccountAccessRole: trust, boundary, managed and inline policies")
    func memberRole() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("organization-structure")
        let member = try #require(created["member"] as? String)
        let reader = try #require(created["readerPolicy"] as? String)
        let boundary = try #require(created["boundary"] as? String)
        let options = LiveOptions(region: "us-east-1", endpointURL: server.endpoint, timeout: .seconds(10))
        let answers = try await LiveSession.with(options, environment: AWSEnvironment(variables: server.environment)) {
            session in
            let iam = session.assumingRole("arn:aws:iam::\(member):role/OrganizationAccountAccessRole").clients.iam
            let roles = try await iam.listRoles()
            let role = try await iam.getRole("ams-access-ro")
            let attached = try await iam.listAttachedRolePolicies("ams-access-ro")
            let inline = try await iam.listRolePolicies("ams-access-ro")
            let document = try await iam.getRolePolicy(roleName: "ams-access-ro", policyName: "decrypt")
            let policy = try await iam.getPolicy(reader)
            let version = try await iam.getPolicyVersion(
                reader, versionId: policy["Policy"]?["DefaultVersionId"]?.stringValue ?? "")
            return [roles, role, attached, inline, document, policy, version]
        }
        let names = answers[0]["Roles"]?.arrayValue?.compactMap { $0["RoleName"]?.stringValue } ?? []
        #expect(names.contains("ams-access-ro") && names.contains("unrelated"))
        let role = try #require(answers[1]["Role"])
        #expect(role["Arn"]?.stringValue == "arn:aws:iam::\(member):role/ams-access-ro")
        #expect(role["AssumeRolePolicyDocument"]?["Statement"]?[0]?["Action"]?.stringValue == "sts:AssumeRole")
        #expect(role["PermissionsBoundary"]?["PermissionsBoundaryArn"]?.stringValue == boundary)
        #expect(answers[2]["AttachedPolicies"]?.arrayValue?.map { $0["PolicyArn"]?.stringValue } == [reader])
        #expect(answers[3]["PolicyNames"]?.arrayValue?.map(\.stringValue) == ["decrypt"])
        #expect(answers[4]["PolicyDocument"]?["Statement"]?[0]?["Sid"]?.stringValue == "Decrypt")
        #expect(answers[5]["Policy"]?["PolicyName"]?.stringValue == "log-reader")
        #expect(answers[6]["PolicyVersion"]?["Document"]?["Statement"]?[0]?["Sid"]?.stringValue == "ReadLogs")
    }
}

/// ListRoles over more than one page: an account with many roles is read whole, as the organization run needs.
@Suite("IAM listing across pages", .serialized)
struct IAMPaginationTests {
    @Test("ListRoles returns every role of an account with 250 of them, in one merged answer")
    func manyRoles() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("many-roles", ["250"])
        let names = try #require(created["roles"] as? [String])
        let options = LiveOptions(region: "us-east-1", endpointURL: server.endpoint, timeout: .seconds(10))
        let answer = try await LiveSession.with(options, environment: AWSEnvironment(variables: server.environment)) {
            try await $0.clients.iam.listRoles()
        }
        let listed = answer["Roles"]?.arrayValue?.compactMap { $0["RoleName"]?.stringValue } ?? []
        #expect(Set(names).isSubset(of: Set(listed)))
        #expect(listed.count == Set(listed).count, "no role listed twice")
        #expect(answer["IsTruncated"] == nil && answer["Marker"] == nil, "pages merged as the AWS CLI merges them")
    }
}
