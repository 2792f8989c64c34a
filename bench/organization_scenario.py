"""Builds a moto organization for bench/organization.sh and prints its size as JSON.

Usage: organization_scenario.py ENDPOINT ACCOUNTS
The management account holds an organization trail delivering to its own bucket; ACCOUNTS member accounts
are spread over 5 OUs (one SCP each), and each has 5 roles: ams-access-reader and acme-query-analyst (matching
the run's patterns, sharing one customer managed policy) and 3 that match no pattern.
"""
import json
import sys

import boto3

ENDPOINT, COUNT = sys.argv[1], int(sys.argv[2])
KW = dict(endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
organizations = boto3.client("organizations", **KW)
sts = boto3.client("sts", **KW)
ACCOUNT = sts.get_caller_identity()["Account"]

organizations.create_organization(FeatureSet="ALL")
root = organizations.list_roots()["Roots"][0]["Id"]
units = []
for index in range(5):
    unit = organizations.create_organizational_unit(ParentId=root, Name=f"unit-{index}")["OrganizationalUnit"]["Id"]
    policy = organizations.create_policy(
        Name=f"guardrail-{index}", Description="bench", Type="SERVICE_CONTROL_POLICY",
        Content=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "DenyLeave", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}),
    )["Policy"]["PolicySummary"]["Id"]
    organizations.attach_policy(PolicyId=policy, TargetId=unit)
    units.append(unit)

s3 = boto3.client("s3", **KW)
s3.create_bucket(Bucket="bench-org-trail-logs")
cloudtrail = boto3.client("cloudtrail", **KW)
cloudtrail.create_trail(Name="org-trail", S3BucketName="bench-org-trail-logs", IsMultiRegionTrail=True,
                        IsOrganizationTrail=True, EnableLogFileValidation=True)
cloudtrail.start_logging(Name="org-trail")

trust = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}]})
reader = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket", "kms:Decrypt"], "Resource": "*"}]})
for index in range(COUNT):
    account = organizations.create_account(Email=f"member-{index}@example.com", AccountName=f"member-{index}")
    account_id = account["CreateAccountStatus"]["AccountId"]
    organizations.move_account(AccountId=account_id, SourceParentId=root, DestinationParentId=units[index % 5])
    credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole",
                                  RoleSessionName="setup")["Credentials"]
    iam = boto3.client("iam", endpoint_url=ENDPOINT, region_name="us-east-1",
                       aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                       aws_session_token=credentials["SessionToken"])
    policy = iam.create_policy(PolicyName="log-reader", PolicyDocument=reader)["Policy"]["Arn"]
    for role in ["ams-access-reader", "acme-query-analyst", "ci-deploy", "acme-admin", "ams-other-tool"]:
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust)
        if role in ("ams-access-reader", "acme-query-analyst"):
            iam.attach_role_policy(RoleName=role, PolicyArn=policy)
print(json.dumps({"accounts": COUNT, "organizationalUnits": len(units)}))
