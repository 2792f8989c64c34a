import OrderedJSON

/// `org.organization`: a centralized bucket is used only within an AWS Organization (the expected one, if named).
struct OrganizationCheck: Check {
    let id = CheckID.organization
    let title = "AWS Organization of the centralized bucket"
    let area = CheckArea.organization

    /// The fix when the account is not in the organization `--org-id` names.
    private func checkExpected(_ expected: String) -> Remediation {
        Remediation("Check --org-id, or collect the snapshot in an account of \(expected).")
    }

    func evaluate(_ context: TrailContext) -> CheckResult {
        var evidence = [Evidence("IsOrganizationTrail", context.trail.isOrganizationTrail.map(JSONValue.bool) ?? .null)]
        if let owner = context.bucket?.ownerAccountId {
            evidence.append(Evidence("bucket ownerAccountId", .string(owner)))
        }
        if let org = context.organization { evidence.append(Evidence("Organization.Id", .string(org.id))) }
        if let error = context.snapshot.organization.error {
            evidence.append(Evidence("DescribeOrganization", .string(error.code)))
        }
        if let expected = context.options.expectedOrganizationId {
            evidence.append(Evidence("expected organization (--org-id)", .string(expected)))
        }
        let create = Remediation(
            "Use a bucket in the trail's own account, or bring the accounts into an AWS Organization with all features.",
            commands: ["aws organizations create-organization --feature-set ALL"])

        let reason: String
        let centralized: Bool
        switch context.bucketPlacement {
        case .local(let why):
            guard context.options.expectedOrganizationId != nil else {
                return result(.notApplicable, "The bucket is not centralized: \(why).", evidence: evidence)
            }
            reason = why
            centralized = false
        case .undecided(let why):
            return result(
                .unknown, "Cannot tell whether the bucket is centralized: \(why); record the bucket's ownerAccountId.",
                evidence: evidence)
        case .centralized(let why):
            reason = why
            centralized = true
        }

        switch context.snapshot.organization {
        case .value(let response):
            let org = response.organization
            if let expected = context.options.expectedOrganizationId, expected != org.id {
                return result(
                    .fail, "The account belongs to organization \(org.id), not \(expected) as expected.",
                    evidence: evidence, remediation: checkExpected(expected))
            }
            return result(.pass, "The bucket is used within organization \(org.id) (\(reason)).", evidence: evidence)
        case .error(let error) where error.code == "AWSOrganizationsNotInUseException":
            if !centralized, let expected = context.options.expectedOrganizationId {
                return result(
                    .fail, "The account is not in an AWS Organization, so not in \(expected) as expected.",
                    evidence: evidence, remediation: checkExpected(expected))
            }
            return result(
                .fail, "The bucket is centralized (\(reason)) but the account is not in an AWS Organization.",
                evidence: evidence, remediation: create)
        case .error(let error):
            return result(
                .unknown,
                "DescribeOrganization failed with \(error.description). Grant organizations:DescribeOrganization "
                    + "or collect from the management account.", evidence: evidence)
        case .absent:
            return result(
                .unknown, "The snapshot has no describe-organization answer, so organization membership is unknown.",
                evidence: evidence)
        }
    }
}

extension CheckID {
    public static let organization = CheckID("org.organization")
}
