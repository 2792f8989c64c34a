"""Builds AWS test scenarios in a moto_server with boto3 and prints what was created as JSON.

Usage: moto_scenario.py ENDPOINT SCENARIO [COUNT]
Scenarios:
  ready       an organization trail: multi-Region, validation, KMS key with the AMS statement, a bucket with every
              setting right and the AMS bucket statements, all management events
  needs-work  in an organization, a trail excluding KMS events (advanced selectors), no validation, a 365-day lifecycle with a
              90-day Glacier transition, BucketOwnerPreferred, no access logging, a policy without AMS statements
  many COUNT  COUNT trails, each with its own bucket (for the concurrency figure)
  needs-fix   an organization trail failing every fixable check: single-Region, no global events, no validation,
              stopped, KMS events excluded beside an S3 data-event selector, a bucket policy without the AMS statements
              (but with a statement of its own), a 365-day rule beside a 7-day rule for scratch/, BucketOwnerPreferred,
              no access logging, no default encryption, a key whose policy lacks the AMS statement; plus an
              access-log bucket
  organization-structure
              an organization with OU Workloads (an SCP denying s3:GetObject) holding OU Prod and a member account;
              in the member, role ams-access-ro with a managed and an inline policy and a permissions boundary
  organization-readiness
              an organization trail org-trail in the management account (multi-Region, validation, KMS) delivering
              to acme-org-trail-logs, which a log-archive account (OU Security) owns with the key; in OU Workloads:
              OU RegionLocked (an SCP denying every Region but eu-west-1, no exemption) and OU LogReadDenied (an SCP
              denying s3:GetObject on the bucket), each with one account, and the accounts no-query-role (no
              acme-query-* role), no-decrypt (its ams-access-* role's policy lacks kms:Decrypt), unassumable
              (OrganizationAccountAccessRole deleted) and ready. Prints the ids, and under "proxy" what
              fault_proxy.py's organization:FILE mode serves (the trail's shadow copy, its status, the roles moto
              would let anyone assume although they do not exist)
  probe [empty]
              the ready scenario's organization trail, plus: role ams-access-probe, an Athena results bucket
              acme-athena-results, and two log objects of the account (yesterday's in us-east-1, today's in eu-west-1,
              the newest); Athena's results are seeded in order for the probe's statements: CREATE DATABASE and
              CREATE TABLE empty, the SELECT two rows. With "empty": no log objects and nothing seeded
  log-targets access-log buckets beside needs-fix's trail bucket, none granting the logging service:
              acme-fresh-logs (just created, no policy), acme-shared-logs (a policy of two statements of its own),
              acme-eu-logs (in eu-west-1), acme-locked-logs (Object Lock, 1 day GOVERNANCE by default)
"""
import json
import sys

import boto3

ENDPOINT, SCENARIO = sys.argv[1], sys.argv[2]
KW = dict(endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
s3 = boto3.client("s3", **KW)
kms = boto3.client("kms", **KW)
cloudtrail = boto3.client("cloudtrail", **KW)
organizations = boto3.client("organizations", **KW)
ACCOUNT = boto3.client("sts", **KW).get_caller_identity()["Account"]


def ams_conditions(org_id, athena=True):
    condition = {"StringEquals": {"aws:PrincipalOrgID": org_id},
                 "ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::*:role/ams-access-*"]}}
    if athena:
        condition["ForAnyValue:StringEquals"] = {"aws:CalledVia": "athena.amazonaws.com"}
    return condition


def cloudtrail_statements(bucket, prefix):
    return [
        {"Sid": "AWSCloudTrailAclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:GetBucketAcl", "Resource": f"arn:aws:s3:::{bucket}"},
        {"Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/{prefix}AWSLogs/*"},
    ]


def bucket(name, *, lifecycle_days, glacier_days=None, ownership, logging, policy):
    s3.create_bucket(Bucket=name)
    rule = {"ID": "trail-logs", "Filter": {"Prefix": ""}, "Status": "Enabled", "Expiration": {"Days": lifecycle_days}}
    if glacier_days:
        rule["Transitions"] = [{"Days": glacier_days, "StorageClass": "GLACIER"}]
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [rule]})
    s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={"Rules": [{"ObjectOwnership": ownership}]})
    s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    if logging:
        s3.create_bucket(Bucket=name + "-access-logs")
        s3.put_bucket_policy(Bucket=name + "-access-logs", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject",
             "Resource": f"arn:aws:s3:::{name}-access-logs/*"}]}))
        s3.put_bucket_logging(Bucket=name, BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": name + "-access-logs", "TargetPrefix": name + "/"}})
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": policy}))


def ready():
    org_id = organizations.create_organization(FeatureSet="ALL")["Organization"]["Id"]
    name = "acme-org-trail-logs"
    statements = cloudtrail_statements(name, "cloudtrail/") + [
        {"Sid": "DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": ["s3:GetBucketLogging", "s3:GetBucketObjectLockConfiguration", "s3:GetLifecycleConfiguration",
                    "s3:GetEncryptionConfiguration"],
         "Resource": f"arn:aws:s3:::{name}", "Condition": ams_conditions(org_id, athena=False)},
        {"Sid": "DONOTDELETE-AMS-ALLOWLISTBUCKET", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:ListBucket",
         "Resource": f"arn:aws:s3:::{name}",
         "Condition": dict(ams_conditions(org_id), StringLike={"s3:prefix": "cloudtrail/AWSLogs/*"})},
        {"Sid": "DONOTDELETE-AMS-ALLOWGETOBJECT", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
         "Resource": f"arn:aws:s3:::{name}/cloudtrail/AWSLogs/*", "Condition": ams_conditions(org_id)},
    ]
    bucket(name, lifecycle_days=730, ownership="BucketOwnerEnforced", logging=True, policy=statements)
    key_policy = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "DONOTDELETE-AMS-ALLOWTRAILOBJECTDECRYPTION", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*", "Condition": ams_conditions(org_id)},
    ]}
    key = kms.create_key(Description="trail logs", Policy=json.dumps(key_policy))["KeyMetadata"]["Arn"]
    trail = cloudtrail.create_trail(Name="org-trail", S3BucketName=name, S3KeyPrefix="cloudtrail", IsMultiRegionTrail=True,
                                    IncludeGlobalServiceEvents=True, EnableLogFileValidation=True, KmsKeyId=key,
                                    IsOrganizationTrail=True)
    cloudtrail.start_logging(Name="org-trail")
    return {"organizationId": org_id, "bucket": name, "key": key, "trailArn": trail["TrailARN"]}


def needs_work(index=None):
    suffix = "" if index is None else f"-{index:02d}"
    name = f"acme-prod-cloudtrail{suffix}"
    bucket(name, lifecycle_days=365, glacier_days=90, ownership="BucketOwnerPreferred", logging=False,
           policy=cloudtrail_statements(name, ""))
    trail_name = f"management-events{suffix}"
    trail = cloudtrail.create_trail(Name=trail_name, S3BucketName=name, IsMultiRegionTrail=True,
                                    IncludeGlobalServiceEvents=True, EnableLogFileValidation=False)
    cloudtrail.put_event_selectors(TrailName=trail_name, AdvancedEventSelectors=[
        {"Name": "Management events selector", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Management"]},
            {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]}])
    cloudtrail.start_logging(Name=trail_name)
    return {"bucket": name, "trailArn": trail["TrailARN"], "trail": trail_name}


def needs_fix():
    org_id = organizations.create_organization(FeatureSet="ALL")["Organization"]["Id"]
    name = "acme-central-trail"
    s3.create_bucket(Bucket=name)
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": cloudtrail_statements(name, "org/") + [
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [
        {"ID": "trail-logs", "Filter": {"Prefix": "org/"}, "Status": "Enabled", "Expiration": {"Days": 365}},
        {"ID": "scratch", "Filter": {"Prefix": "scratch/"}, "Status": "Enabled", "Expiration": {"Days": 7},
         "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2}}]})
    s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]})
    try:
        s3.delete_bucket_encryption(Bucket=name)
    except Exception:
        pass
    logs = "acme-access-logs"
    s3.create_bucket(Bucket=logs)
    s3.put_bucket_policy(Bucket=logs, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject",
         "Resource": f"arn:aws:s3:::{logs}/*"}]}))
    key_policy = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
         "Action": "kms:*", "Resource": "*"}]}
    key = kms.create_key(Description="trail logs", Policy=json.dumps(key_policy))["KeyMetadata"]["Arn"]
    trail = cloudtrail.create_trail(Name="org-trail", S3BucketName=name, S3KeyPrefix="org", IsMultiRegionTrail=False,
                                    IncludeGlobalServiceEvents=False, EnableLogFileValidation=False, KmsKeyId=key,
                                    IsOrganizationTrail=True)
    cloudtrail.put_event_selectors(TrailName="org-trail", AdvancedEventSelectors=[
        {"Name": "Management events selector", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Management"]},
            {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]},
        {"Name": "Invoice objects", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]},
            {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
            {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::acme-invoices/"]}]}])
    return {"organizationId": org_id, "bucket": name, "accessLogBucket": logs, "key": key, "trailArn": trail["TrailARN"]}


def log_targets():
    s3.create_bucket(Bucket="acme-fresh-logs")
    shared = "acme-shared-logs"
    s3.create_bucket(Bucket=shared)
    # Principal {"AWS": "*"}, not "*": moto 5.2's PutBucketLogging answers HTTP 500 when a statement of the target's
    # policy has a string Principal (it calls .get on it).
    s3.put_bucket_policy(Bucket=shared, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*",
         "Resource": [f"arn:aws:s3:::{shared}", f"arn:aws:s3:::{shared}/*"],
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Sid": "AuditorsRead", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
         "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": [f"arn:aws:s3:::{shared}", f"arn:aws:s3:::{shared}/*"]}]}))
    s3.create_bucket(Bucket="acme-eu-logs", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.create_bucket(Bucket="acme-locked-logs", ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(Bucket="acme-locked-logs", ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}})
    return {"fresh": "acme-fresh-logs", "shared": shared, "eu": "acme-eu-logs", "locked": "acme-locked-logs"}


def organization_structure():
    organization = organizations.create_organization(FeatureSet="ALL")["Organization"]
    root = organizations.list_roots()["Roots"][0]["Id"]
    workloads = organizations.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
    prod = organizations.create_organizational_unit(ParentId=workloads, Name="Prod")["OrganizationalUnit"]["Id"]
    member = organizations.create_account(Email="member@example.com", AccountName="member")["CreateAccountStatus"]
    member_id = member["AccountId"]
    organizations.move_account(AccountId=member_id, SourceParentId=root, DestinationParentId=workloads)
    deny = organizations.create_policy(
        Name="protect-log-archive", Description="no reads of the log archive", Type="SERVICE_CONTROL_POLICY",
        Content=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "DenyLogReads", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-org-logs/*"}]}),
    )["Policy"]["PolicySummary"]["Id"]
    organizations.attach_policy(PolicyId=deny, TargetId=workloads)
    member_session = boto3.client("sts", **KW).assume_role(
        RoleArn=f"arn:aws:iam::{member_id}:role/OrganizationAccountAccessRole", RoleSessionName="setup")["Credentials"]
    iam = boto3.client("iam", endpoint_url=ENDPOINT, region_name="us-east-1",
                       aws_access_key_id=member_session["AccessKeyId"],
                       aws_secret_access_key=member_session["SecretAccessKey"],
                       aws_session_token=member_session["SessionToken"])
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                                                       "Action": "sts:AssumeRole"}]}
    boundary = iam.create_policy(PolicyName="boundary", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:*", "kms:Decrypt", "athena:*"], "Resource": "*"}]}))["Policy"]["Arn"]
    iam.create_role(RoleName="ams-access-ro", AssumeRolePolicyDocument=json.dumps(trust), PermissionsBoundary=boundary)
    iam.create_role(RoleName="unrelated", AssumeRolePolicyDocument=json.dumps(trust))
    reader = iam.create_policy(PolicyName="log-reader", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "ReadLogs", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]}))["Policy"]["Arn"]
    iam.attach_role_policy(RoleName="ams-access-ro", PolicyArn=reader)
    iam.put_role_policy(RoleName="ams-access-ro", PolicyName="decrypt", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Sid": "Decrypt", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}))
    return {"organizationId": organization["Id"], "root": root, "workloads": workloads, "prod": prod,
            "member": member_id, "scp": deny, "readerPolicy": reader, "boundary": boundary}


def session_in(account_id):
    """boto3 clients' keyword arguments for OrganizationAccountAccessRole in `account_id`."""
    credentials = boto3.client("sts", **KW).assume_role(
        RoleArn=f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole", RoleSessionName="setup")["Credentials"]
    return dict(endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id=credentials["AccessKeyId"],
                aws_secret_access_key=credentials["SecretAccessKey"], aws_session_token=credentials["SessionToken"])


def probe(empty):
    import datetime
    import gzip
    import urllib.request
    result = ready()
    # The role sits in a member account, as the service's roles do: its reads of the bucket cross accounts.
    member = organizations.create_account(Email="probe@example.com", AccountName="probe")["CreateAccountStatus"][
        "AccountId"]
    iam = boto3.client("iam", **session_in(member))
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                                                     "Action": "sts:AssumeRole"}]}
    result["roleArn"] = iam.create_role(RoleName="ams-access-probe", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    result["roleAccount"] = member
    setup = session_in(member)
    result["roleAccountEnvironment"] = {"AWS_ACCESS_KEY_ID": setup["aws_access_key_id"],
                                        "AWS_SECRET_ACCESS_KEY": setup["aws_secret_access_key"],
                                        "AWS_SESSION_TOKEN": setup["aws_session_token"]}
    s3.create_bucket(Bucket="acme-athena-results")
    folder = f"cloudtrail/AWSLogs/{result['organizationId']}/{member}/CloudTrail/"
    result["logPrefix"] = folder
    result["objects"] = []
    if not empty:
        now = datetime.datetime.now(datetime.timezone.utc)
        for region, when in (("us-east-1", now - datetime.timedelta(days=1)), ("eu-west-1", now)):
            key = (folder + f"{region}/{when:%Y/%m/%d}/{member}_CloudTrail_{region}_{when:%Y%m%dT%H%MZ}_probe.json.gz")
            record = {"eventVersion": "1.09", "eventTime": f"{when:%Y-%m-%dT%H:%M:%SZ}", "eventSource": "s3.amazonaws.com",
                      "eventName": "ListBuckets", "awsRegion": region, "recipientAccountId": member}
            s3.put_object(Bucket=result["bucket"], Key=key, Body=gzip.compress(json.dumps({"Records": [record]}).encode()))
            result["objects"].append(key)
        column = lambda name: {"Name": name, "Type": "varchar"}
        row = lambda *values: {"Data": [{"VarCharValue": value} for value in values]}
        seeded = {"account_id": member, "region": "us-east-1", "results": [
            {"rows": [], "column_info": []},
            {"rows": [], "column_info": []},
            {"rows": [row("eventtime", "eventsource", "eventname"),
                      row(f"{now:%Y-%m-%dT%H:%M:%SZ}", "s3.amazonaws.com", "ListBuckets"),
                      row(f"{now:%Y-%m-%dT%H:%M:%SZ}", "sts.amazonaws.com", "GetCallerIdentity")],
             "column_info": [column("eventtime"), column("eventsource"), column("eventname")]},
        ]}
        request = urllib.request.Request(ENDPOINT + "/moto-api/static/athena/query-results", method="POST",
                                         data=json.dumps(seeded).encode(), headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request).read()
    return result


def organization_readiness():
    org_id = organizations.create_organization(FeatureSet="ALL")["Organization"]["Id"]
    root = organizations.list_roots()["Roots"][0]["Id"]
    organizations.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    organizations.enable_policy_type(RootId=root, PolicyType="RESOURCE_CONTROL_POLICY")

    def unit(parent, name):
        return organizations.create_organizational_unit(ParentId=parent, Name=name)["OrganizationalUnit"]["Id"]

    def account(name, parent):
        created = organizations.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]
        organizations.move_account(AccountId=created["AccountId"], SourceParentId=root, DestinationParentId=parent)
        return created["AccountId"]

    def scp(name, statement, target):
        policy = organizations.create_policy(
            Name=name, Description=name, Type="SERVICE_CONTROL_POLICY",
            Content=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))["Policy"]["PolicySummary"]["Id"]
        organizations.attach_policy(PolicyId=policy, TargetId=target)
        return policy

    security, workloads = unit(root, "Security"), unit(root, "Workloads")
    region_locked, log_read_denied = unit(workloads, "RegionLocked"), unit(workloads, "LogReadDenied")
    log_archive = account("log-archive", security)
    members = {"regionLocked": account("region-locked", region_locked),
               "logReadDenied": account("log-read-denied", log_read_denied),
               "noQueryRole": account("no-query-role", workloads), "noDecrypt": account("no-decrypt", workloads),
               "unassumable": account("unassumable", workloads), "ready": account("ready", workloads)}
    region_scp = scp("region-lock", {
        "Sid": "DenyOutsideEuWest1", "Effect": "Deny", "NotAction": ["iam:*", "organizations:*", "sts:*"],
        "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}, region_locked)
    name = "acme-org-trail-logs"
    log_scp = scp("protect-log-archive", {
        "Sid": "DenyLogReads", "Effect": "Deny", "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{name}/*"}, log_read_denied)

    patterns = ["arn:aws:iam::*:role/ams-access-*", "arn:aws:iam::*:role/acme-query-*"]
    conditions = {"StringEquals": {"aws:PrincipalOrgID": org_id}, "ArnLike": {"aws:PrincipalArn": patterns}}
    athena = {"ForAnyValue:StringEquals": {"aws:CalledVia": "athena.amazonaws.com"}}
    archive = session_in(log_archive)
    archive_s3, archive_kms = boto3.client("s3", **archive), boto3.client("kms", **archive)
    archive_s3.create_bucket(Bucket=name)
    archive_s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [
        {"ID": "trail-logs", "Filter": {"Prefix": ""}, "Status": "Enabled", "Expiration": {"Days": 730}}]})
    archive_s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={
        "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
    archive_s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    archive_s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": cloudtrail_statements(name, "cloudtrail/") + [
        {"Sid": "DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": ["s3:GetBucketLogging", "s3:GetBucketObjectLockConfiguration", "s3:GetLifecycleConfiguration",
                    "s3:GetEncryptionConfiguration"], "Resource": f"arn:aws:s3:::{name}", "Condition": conditions},
        {"Sid": "DONOTDELETE-AMS-ALLOWLISTBUCKET", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:ListBucket",
         "Resource": f"arn:aws:s3:::{name}",
         "Condition": dict(conditions, **athena, StringLike={"s3:prefix": "cloudtrail/AWSLogs/*"})},
        {"Sid": "DONOTDELETE-AMS-ALLOWGETOBJECT", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
         "Resource": f"arn:aws:s3:::{name}/cloudtrail/AWSLogs/*", "Condition": dict(conditions, **athena)}]}))
    key = archive_kms.create_key(Description="trail logs", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{log_archive}:root"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "AllowCloudTrailEncrypt", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "kms:GenerateDataKey*", "Resource": "*"},
        {"Sid": "DONOTDELETE-AMS-ALLOWTRAILOBJECTDECRYPTION", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*", "Condition": dict(conditions, **athena)}]}
    ))["KeyMetadata"]["Arn"]
    archive_s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}]})
    archive_s3.create_bucket(Bucket=name + "-access-logs")
    archive_s3.put_bucket_policy(Bucket=name + "-access-logs", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject",
         "Resource": f"arn:aws:s3:::{name}-access-logs/*"}]}))
    archive_s3.put_bucket_logging(Bucket=name, BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": name + "-access-logs", "TargetPrefix": name + "/"}})

    trail = cloudtrail.create_trail(Name="org-trail", S3BucketName=name, S3KeyPrefix="cloudtrail", IsMultiRegionTrail=True,
                                    IncludeGlobalServiceEvents=True, EnableLogFileValidation=True, KmsKeyId=key,
                                    IsOrganizationTrail=True)
    cloudtrail.start_logging(Name="org-trail")
    cloudtrail.put_event_selectors(TrailName="org-trail", AdvancedEventSelectors=[
        {"Name": "Management events selector", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}])

    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                                                       "Action": "sts:AssumeRole"}]}
    reads = ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketLogging",
             "s3:GetBucketObjectLockConfiguration", "s3:GetLifecycleConfiguration", "s3:GetEncryptionConfiguration",
             "athena:*", "glue:Get*"]
    # The log-archive and management accounts are managed too, and have the same roles as every member.
    everyone = dict(members, logArchive=log_archive, management=ACCOUNT)
    for label, member in everyone.items():
        iam = boto3.client("iam", **(KW if member == ACCOUNT else session_in(member)))
        actions = reads if label == "noDecrypt" else reads + ["kms:Decrypt", "kms:DescribeKey"]
        reader = iam.create_policy(PolicyName="log-reader", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "ReadTrailLogs", "Effect": "Allow", "Action": actions, "Resource": "*"}]}))["Policy"]["Arn"]
        roles = ["ams-access-reader", "unrelated-ci", "acme-admin", "ams-other-tool"]
        if label != "noQueryRole":
            roles.append("acme-query-analyst")
        for role in roles:
            iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))
            if role.startswith(("ams-access-", "acme-query-")):
                iam.attach_role_policy(RoleName=role, PolicyArn=reader)
        iam.put_role_policy(RoleName="ams-access-reader", PolicyName="athena-results", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Sid": "Results", "Effect": "Allow", "Action": "s3:PutObject",
                                                    "Resource": "arn:aws:s3:::acme-athena-results/*"}]}))
        if label == "unassumable":
            iam.delete_role(RoleName="OrganizationAccountAccessRole")

    shadow = cloudtrail.describe_trails(trailNameList=[trail["TrailARN"]])["trailList"][0]
    status = cloudtrail.get_trail_status(Name=trail["TrailARN"])
    status.pop("ResponseMetadata", None)
    unassumable = f"arn:aws:iam::{members['unassumable']}:role/OrganizationAccountAccessRole"
    return {"organizationId": org_id, "root": root, "security": security, "workloads": workloads,
            "regionLocked": region_locked, "logReadDenied": log_read_denied, "logArchive": log_archive,
            "accounts": members, "regionScp": region_scp, "logScp": log_scp, "bucket": name, "key": key,
            "trailArn": trail["TrailARN"], "managementAccount": ACCOUNT,
            "proxy": {"trail": shadow, "trailStatus": json.loads(json.dumps(status, default=lambda t: t.timestamp())),
                      "unassumableRoles": [unassumable]}}


def many_roles(count):
    """`count` roles, one in ten named ams-access-*: more than one page of ListRoles (moto's pages hold 100)."""
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                                                       "Action": "sts:AssumeRole"}]}
    names = [f"ams-access-{i:04d}" if i % 10 == 0 else f"workload-{i:04d}" for i in range(count)]
    iam = boto3.client("iam", **KW)
    for name in names:
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
    return {"roles": names}


if SCENARIO == "ready":
    result = ready()
elif SCENARIO == "needs-work":
    organizations.create_organization(FeatureSet="ALL")
    result = needs_work()
elif SCENARIO == "needs-fix":
    result = needs_fix()
elif SCENARIO == "organization-structure":
    result = organization_structure()
elif SCENARIO == "organization-readiness":
    result = organization_readiness()
elif SCENARIO == "many-roles":
    result = many_roles(int(sys.argv[3]))
elif SCENARIO == "probe":
    result = probe(sys.argv[3:] == ["empty"])
elif SCENARIO == "log-targets":
    result = log_targets()
elif SCENARIO == "many":
    organizations.create_organization(FeatureSet="ALL")
    result = {"trails": [needs_work(i) for i in range(int(sys.argv[3]))]}
else:
    sys.exit(f"unknown scenario {SCENARIO}")
print(json.dumps(result))
