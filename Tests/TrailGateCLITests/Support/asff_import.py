"""Imports `trailgate check --format asff` output into moto's Security Hub, as the documented pipeline does.

Usage: asff_import.py ENDPOINT FILE. FILE holds one JSON array of findings per line. Each batch goes through boto3's
batch_import_findings (botocore validates it against the service model: required members, types, minimum lengths)
after the ASFF field rules moto does not check (enumerations, maximum lengths, batch size, Types taxonomy). Prints
{"batches", "imported", "failed", "found"} as JSON; exits non-zero naming the first rule a finding breaks.
"""
import json
import re
import sys

import boto3

SEVERITY = {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"}
COMPLIANCE = {"PASSED", "WARNING", "FAILED", "NOT_AVAILABLE"}
RECORD_STATE = {"ACTIVE", "ARCHIVED"}
WORKFLOW = {"NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED"}
PARTITIONS = {"aws", "aws-cn", "aws-us-gov"}
TYPE_NAMESPACES = {"Software and Configuration Checks", "TTPs", "Effects", "Unusual Behaviors",
                   "Sensitive Data Identifications"}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
PRODUCT_ARN = re.compile(r"^arn:(aws|aws-cn|aws-us-gov):securityhub:[a-z0-9-]+:(\d{12}):product/(\d{12})/default$")


def check(finding):
    def fail(rule):
        sys.exit(f"{finding.get('Id')}: {rule}")

    for field in ["SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt",
                  "UpdatedAt", "Severity", "Title", "Description", "Resources"]:
        if field not in finding:
            fail(f"{field} is missing")
    if finding["SchemaVersion"] != "2018-10-08":
        fail("SchemaVersion is not 2018-10-08")
    if len(finding["Id"]) > 512:
        fail("Id is longer than 512")
    match = PRODUCT_ARN.match(finding["ProductArn"])
    if not match or match.group(2) != match.group(3) or match.group(2) != finding["AwsAccountId"]:
        fail("ProductArn is not the default product of AwsAccountId")
    if not 1 <= len(finding["Types"]) <= 50:
        fail("Types must have 1 to 50 entries")
    for kind in finding["Types"]:
        parts = kind.split("/")
        if not 1 <= len(parts) <= 3 or parts[0] not in TYPE_NAMESPACES:
            fail(f"type {kind!r} is not namespace/category/classifier")
    for field in ["CreatedAt", "UpdatedAt"]:
        if not TIMESTAMP.match(finding[field]):
            fail(f"{field} is not an ISO 8601 UTC time")
    if finding["Severity"].get("Label") not in SEVERITY:
        fail("Severity.Label is not a valid label")
    if len(finding["Title"]) > 256:
        fail("Title is longer than 256")
    if len(finding["Description"]) > 1024:
        fail("Description is longer than 1024")
    if len(finding.get("Remediation", {}).get("Recommendation", {}).get("Text", "")) > 512:
        fail("Remediation.Recommendation.Text is longer than 512")
    if not 1 <= len(finding["Resources"]) <= 32:
        fail("Resources must have 1 to 32 entries")
    for resource in finding["Resources"]:
        if resource.get("Partition", "aws") not in PARTITIONS:
            fail("Resources.Partition is not a partition")
        if resource["Type"] not in {"AwsCloudTrailTrail", "AwsS3Bucket", "AwsKmsKey", "AwsAccount"}:
            fail(f"resource type {resource['Type']} is not one TrailGate uses")
    if finding.get("Compliance", {}).get("Status") not in COMPLIANCE:
        fail("Compliance.Status is not a valid status")
    if len(finding.get("Compliance", {}).get("RelatedRequirements", [])) > 32:
        fail("Compliance.RelatedRequirements has more than 32 entries")
    if finding.get("RecordState", "ACTIVE") not in RECORD_STATE:
        fail("RecordState is not valid")
    if "Workflow" in finding and finding["Workflow"].get("Status") not in WORKFLOW:
        fail("Workflow.Status is not valid")
    if len(finding.get("Note", {}).get("Text", "")) > 512:
        fail("Note.Text is longer than 512")
    fields = finding.get("ProductFields", {})
    if len(fields) > 50 or any(len(k) > 128 or len(v) > 2048 for k, v in fields.items()):
        fail("ProductFields breaks its limits (50 pairs, keys 128, values 2048)")
    if len(json.dumps(finding).encode()) > 240 * 1024:
        fail("the finding is larger than 240 KB")


def main():
    endpoint, path = sys.argv[1], sys.argv[2]
    client = boto3.client("securityhub", endpoint_url=endpoint, region_name="us-east-1")
    client.enable_security_hub()
    batches = imported = failed = 0
    ids = set()
    with open(path) as lines:
        for line in lines:
            findings = json.loads(line)
            if not 1 <= len(findings) <= 100:
                sys.exit(f"batch {batches + 1} has {len(findings)} findings (1 to 100 allowed)")
            for finding in findings:
                check(finding)
                ids.add(finding["Id"])
            answer = client.batch_import_findings(Findings=findings)
            batches += 1
            imported += answer["SuccessCount"]
            failed += answer["FailedCount"]
            if answer["FailedCount"]:
                sys.exit(json.dumps(answer["FailedFindings"][:3]))
    found = set()
    for page in client.get_paginator("get_findings").paginate():
        found.update(finding["Id"] for finding in page["Findings"])
    print(json.dumps({"batches": batches, "imported": imported, "failed": failed, "found": len(found & ids)}))


main()
