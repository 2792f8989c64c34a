/// The canned investigations of `trailgate logs investigate` and `trailgate athena run --investigation`.
public enum InvestigationCatalogue {
    typealias Output = Investigation.Output

    public static func named(_ name: String) -> Investigation? { all.first { $0.name == name } }

    /// The columns that say who did what, when and from where, shared by the event-listing investigations.
    static let eventOutputs: [Output] = [
        Output(name: "eventtime", value: .column("eventtime")),
        Output(name: "account", value: .column("account")),
        Output(name: "awsregion", value: .column("awsregion")),
        Output(name: "actor", value: .column("actor")),
        Output(name: "eventsource", value: .column("eventsource")),
        Output(name: "eventname", value: .column("eventname")),
        Output(name: "sourceipaddress", value: .column("sourceipaddress")),
        Output(name: "errorcode", value: .column("errorcode")),
    ]

    /// The error codes AWS services answer a refused call with. An exact list (no `LIKE`) lets the store use its
    /// error-code index.
    static let accessDeniedCodes = [
        "AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation", "UnauthorizedOperation",
        "Client.UnauthorizedAccess",
        "UnauthorizedAccess", "UnauthorizedException", "Unauthorized", "Forbidden", "ForbiddenException",
        "NotAuthorized",
        "NotAuthorizedException", "AuthorizationError", "AuthorizationErrorException",
        "InsufficientPermissionsException",
        "KMS.AccessDeniedException", "VpceAccessDenied",
    ]

    static func request(_ name: String, _ path: String) -> Output {
        Output(name: name, value: .jsonText(column: "requestparameters", path: path))
    }

    public static let all: [Investigation] = [
        Investigation(
            name: "root-activity", title: "Root user activity",
            summary:
                "Calls made with the account root user's credentials (not by AWS services on its behalf); root use should be rare and explained.",
            outputs: eventOutputs + [Output(name: "useragent", value: .column("useragent"))],
            condition: { _ in
                .all([
                    .equals(.column("useridentity_type"), "Root"), .isNull(.column("useridentity_invokedby")),
                    .any([.isNull(.column("eventtype")), .notEquals(.column("eventtype"), "AwsServiceEvent")]),
                ])
            },
            order: [.ascending(.eventOrder)]),
        Investigation(
            name: "console-login-without-mfa", title: "Console sign-ins without MFA",
            summary: "Successful and failed ConsoleLogin events where MFA was not used.",
            outputs: [
                Output(name: "eventtime", value: .column("eventtime")),
                Output(name: "account", value: .column("account")),
                Output(name: "useridentity_type", value: .column("useridentity_type")),
                Output(name: "actor", value: .column("actor")),
                Output(name: "sourceipaddress", value: .column("sourceipaddress")),
                Output(name: "login_result", value: .jsonText(column: "responseelements", path: "$.ConsoleLogin")),
                Output(name: "mfa_used", value: .jsonText(column: "additionaleventdata", path: "$.MFAUsed")),
                Output(name: "errormessage", value: .column("errormessage")),
            ],
            condition: { _ in
                .all([
                    .equals(.column("eventsource"), "signin.amazonaws.com"),
                    .equals(.column("eventname"), "ConsoleLogin"),
                    .equals(.jsonText(column: "additionaleventdata", path: "$.MFAUsed"), "No"),
                ])
            },
            order: [.ascending(.eventOrder)]),
        Investigation(
            name: "console-login-failures", title: "Failed console sign-ins",
            summary: "ConsoleLogin events that failed: password guessing or a stolen user name.",
            outputs: [
                Output(name: "eventtime", value: .column("eventtime")),
                Output(name: "account", value: .column("account")),
                Output(name: "actor", value: .column("actor")),
                Output(name: "useridentity_username", value: .column("useridentity_username")),
                Output(name: "sourceipaddress", value: .column("sourceipaddress")),
                Output(name: "useragent", value: .column("useragent")),
                Output(name: "errormessage", value: .column("errormessage")),
            ],
            condition: { _ in
                .all([
                    .equals(.column("eventsource"), "signin.amazonaws.com"),
                    .equals(.column("eventname"), "ConsoleLogin"),
                    .any([
                        .isNotNull(.column("errorcode")),
                        .equals(.jsonText(column: "responseelements", path: "$.ConsoleLogin"), "Failure"),
                    ]),
                ])
            },
            order: [.ascending(.eventOrder)]),
        Investigation(
            name: "access-denied-by-principal", title: "Access denied, by principal",
            summary:
                "Principals whose calls were refused, with how many calls, how many different APIs and when: enumeration with stolen credentials shows up here.",
            outputs: [
                Output(name: "actor", value: .column("actor")),
                Output(name: "denied", value: .countAll),
                Output(name: "apis", value: .countDistinct(.column("eventname"))),
                Output(name: "first_seen", value: .min(.column("eventtime"))),
                Output(name: "last_seen", value: .max(.column("eventtime"))),
            ],
            condition: { _ in .oneOf(.column("errorcode"), accessDeniedCodes) },
            order: [.descending(.countAll), .ascending(.column("actor"))]),
        Investigation(
            name: "cloudtrail-changes", title: "Changes to CloudTrail itself",
            summary:
                "Attempts to stop, delete or narrow logging (StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors, …), failed ones included.",
            outputs: eventOutputs + [request("trail", "$.name")],
            condition: { _ in
                .all([
                    .equals(.column("eventsource"), "cloudtrail.amazonaws.com"),
                    .oneOf(
                        .column("eventname"),
                        [
                            "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors",
                            "PutInsightSelectors", "CreateTrail", "StartLogging", "DeleteEventDataStore",
                        ]),
                ])
            },
            order: [.ascending(.eventOrder)]),
        Investigation(
            name: "iam-changes", title: "IAM policy and access-key changes",
            summary:
                "New users, access keys, login profiles, policy attachments and versions, trust-policy changes: persistence and privilege escalation.",
            outputs: eventOutputs + [
                request("user_name", "$.userName"), request("role_name", "$.roleName"),
                request("policy_arn", "$.policyArn"),
            ],
            condition: { _ in
                .all([
                    .equals(.column("eventsource"), "iam.amazonaws.com"),
                    .oneOf(
                        .column("eventname"),
                        [
                            "CreateUser", "DeleteUser", "CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey",
                            "CreateLoginProfile",
                            "UpdateLoginProfile", "DeleteLoginProfile", "AttachUserPolicy", "AttachRolePolicy",
                            "AttachGroupPolicy",
                            "DetachUserPolicy", "DetachRolePolicy", "DetachGroupPolicy", "PutUserPolicy",
                            "PutRolePolicy",
                            "PutGroupPolicy", "DeleteUserPolicy", "DeleteRolePolicy", "DeleteGroupPolicy",
                            "CreatePolicy",
                            "DeletePolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion", "UpdateAssumeRolePolicy",
                            "CreateRole",
                            "DeleteRole", "AddUserToGroup", "PutUserPermissionsBoundary", "PutRolePermissionsBoundary",
                            "DeactivateMFADevice", "DeleteVirtualMFADevice",
                        ]),
                ])
            },
            order: [.ascending(.eventOrder)]),
        Investigation(
            name: "kms-key-disable-or-delete", title: "KMS keys disabled or scheduled for deletion",
            summary:
                "DisableKey and ScheduleKeyDeletion (and their undoing): destroying a key makes everything it encrypted unreadable.",
            outputs: eventOutputs + [request("key_id", "$.keyId"), request("pending_days", "$.pendingWindowInDays")],
            condition: { _ in
                .all([
                    .equals(.column("eventsource"), "kms.amazonaws.com"),
                    .oneOf(
                        .column("eventname"),
                        [
                            "DisableKey", "ScheduleKeyDeletion", "CancelKeyDeletion", "EnableKey",
                            "DisableKeyRotation", "PutKeyPolicy",
                        ]),
                ])
            },
            order: [.ascending(.eventOrder)]),
        Investigation(
            name: "s3-bucket-policy-changes", title: "S3 bucket policy and public-access changes",
            summary:
                "Bucket policies, ACLs, public-access blocks, ownership and replication changed: exposure and exfiltration primitives.",
            outputs: eventOutputs + [request("bucket", "$.bucketName")],
            condition: { _ in
                .all([
                    .equals(.column("eventsource"), "s3.amazonaws.com"),
                    .oneOf(
                        .column("eventname"),
                        [
                            "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutObjectAcl",
                            "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock",
                            "PutAccountPublicAccessBlock", "DeleteAccountPublicAccessBlock",
                            "PutBucketOwnershipControls", "DeleteBucketOwnershipControls",
                            "PutBucketReplication", "PutBucketWebsite",
                        ]),
                ])
            },
            order: [.ascending(.eventOrder)]),
        Investigation(
            name: "security-group-changes", title: "Security-group changes",
            summary: "Ingress and egress rules opened, revoked or modified, groups created or deleted.",
            outputs: eventOutputs + [request("group_id", "$.groupId")],
            condition: { _ in
                .all([
                    .equals(.column("eventsource"), "ec2.amazonaws.com"),
                    .oneOf(
                        .column("eventname"),
                        [
                            "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                            "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "ModifySecurityGroupRules",
                            "CreateSecurityGroup", "DeleteSecurityGroup",
                        ]),
                ])
            },
            order: [.ascending(.eventOrder)]),
        Investigation(
            name: "unusual-regions", title: "Activity in unusual Regions",
            summary:
                "Calls per Region and principal, rarest first; with --allowed-region, only Regions outside that list. Attackers spin up resources where nobody looks.",
            outputs: [
                Output(name: "awsregion", value: .column("awsregion")),
                Output(name: "actor", value: .column("actor")),
                Output(name: "events", value: .countAll),
                Output(name: "apis", value: .countDistinct(.column("eventname"))),
                Output(name: "first_seen", value: .min(.column("eventtime"))),
                Output(name: "last_seen", value: .max(.column("eventtime"))),
            ],
            condition: { parameters in
                var parts: [QueryCondition] = [
                    .isNotNull(.column("awsregion")), .notEquals(.column("eventtype"), "AwsServiceEvent"),
                ]
                if !parameters.allowedRegions.isEmpty {
                    parts.append(.noneOf(.column("awsregion"), parameters.allowedRegions))
                }
                return .all(parts)
            },
            order: [.ascending(.countAll), .ascending(.column("awsregion")), .ascending(.column("actor"))],
            rollup: InvestigationRollup(
                table: "region_activity",
                keys: ["account", "region", "awsregion", "actor", "eventname", "eventtype"])),
        Investigation(
            name: "principal-activity", title: "Everything one principal or access key did",
            summary:
                "Every call of --principal (a user, role or session ARN, the role behind assumed-role sessions, or an access key id) in the time window.",
            outputs: eventOutputs + [
                Output(name: "accesskeyid", value: .column("useridentity_accesskeyid")),
                Output(name: "useragent", value: .column("useragent")),
            ],
            condition: { parameters in
                let principal = parameters.principal ?? ""
                return .any([
                    .equals(.column("actor"), principal), .equals(.column("sessionissuer_arn"), principal),
                    .equals(.column("useridentity_accesskeyid"), principal),
                ])
            },
            order: [.ascending(.eventOrder)], needsPrincipal: true),
        Investigation(
            name: "errors-by-source", title: "Errors by service and code",
            summary:
                "Failed calls counted by event source, API and error code: throttling, denied and malformed requests at a glance.",
            outputs: [
                Output(name: "eventsource", value: .column("eventsource")),
                Output(name: "eventname", value: .column("eventname")),
                Output(name: "errorcode", value: .column("errorcode")),
                Output(name: "events", value: .countAll),
                Output(name: "actors", value: .countDistinct(.column("actor"))),
            ],
            condition: { _ in .isNotNull(.column("errorcode")) },
            order: [.descending(.countAll), .ascending(.column("eventsource")), .ascending(.column("eventname"))]),
    ]
}
