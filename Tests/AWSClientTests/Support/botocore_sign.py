#!/usr/bin/env python3
"""Signs requests with botocore's SigV4 signers, for SigV4BotocoreTests.

Reads {"cases": [...]} as JSON on stdin; each case has method, url, headers ([name, value] pairs, in order),
body (base64), access_key, secret_key, token (optional), region, service, s3 (S3SigV4Auth instead of SigV4Auth)
and timestamp (YYYYMMDDTHHMMSSZ). Writes a JSON list with, per case, the Authorization header and the canonical
request botocore signed.
"""
import base64
import datetime
import json
import sys

try:
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as error:
    sys.exit(f"botocore is not installed ({error}); run scripts/test, which installs it from requirements-test.txt")


def sign(case):
    timestamp = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda remove_tzinfo=True: timestamp
    credentials = Credentials(case["access_key"], case["secret_key"], case.get("token"))
    signer_class = botocore.auth.S3SigV4Auth if case["s3"] else botocore.auth.SigV4Auth
    signer = signer_class(credentials, case["service"], case["region"])
    request = AWSRequest(method=case["method"], url=case["url"], data=base64.b64decode(case["body"]))
    for name, value in case["headers"]:
        request.headers[name] = value  # appends: repeated names stay repeated, in order
    signed = {}
    canonical_request = signer.canonical_request

    def recording_canonical_request(request):
        signed["canonical_request"] = canonical_request(request)
        return signed["canonical_request"]

    signer.canonical_request = recording_canonical_request
    signer.add_auth(request)
    return {"authorization": request.headers["Authorization"], **signed}


json.dump([sign(case) for case in json.load(sys.stdin)["cases"]], sys.stdout)
