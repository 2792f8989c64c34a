"""A local HTTP proxy in front of moto_server that injects faults, for TrailGate's retry and error tests.

Usage: fault_proxy.py PORT UPSTREAM MODE
Modes:
  throttle-then-ok  the first attempt of every distinct request gets 400 ThrottlingException (JSON) or 503
                    SlowDown (S3, XML); the retry is forwarded to UPSTREAM
  always-503        every request gets 503 ServiceUnavailable
  slow              every request waits 10 s before it is forwarded
  deny-bucket-policy  GetBucketPolicy gets 403 AccessDenied; everything else is forwarded
  deny-put-bucket-policy:BUCKET  PutBucketPolicy on BUCKET gets 403 AccessDenied; everything else is forwarded
  fail-third-write  the third write call (S3 PUT or DELETE; a JSON call named Put*, Update*, Start*, Stop*, Delete*)
                    gets 403 AccessDenied; every other request is forwarded
  trickle           every request gets 200 with a 1000-byte body sent 1 byte a second
  silent            every request is read and never answered
  reflect-headers   every request gets 403 AccessDenied quoting all its request headers (as some endpoints do)
  reflect-bucket-policy  GetBucketPolicy gets that answer; everything else is forwarded
  too-large         every request gets 200 announcing a 100 MiB body, and a few bytes of it
  intelligent-tiering  ListBucketIntelligentTieringConfigurations (moto does not implement it) gets two pages: an
                    archive configuration on every bucket's prefix cloudtrail/, then a disabled one; everything else is
                    forwarded
  organization:FILE  what moto lacks for an organization run, from FILE (moto_scenario.py organization-readiness's
                    "proxy"): every DescribeTrails answer lacking FILE's "trail" gets it (the organization trail's
                    shadow copy), GetTrailStatus of that trail answers FILE's "trailStatus" where moto does not know
                    the trail, and AssumeRole of a role in "unassumableRoles" gets 403 AccessDenied (moto assumes any
                    ARN); everything else is forwarded
  deny-organizations  every Organizations call gets 400 AccessDeniedException (the caller is a member account);
                    everything else is forwarded
  deny:OP1,OP2,…    the named operations (AssumeRole; S3 GetBucketLogging, GetObjectLockConfiguration,
                    GetBucketLifecycleConfiguration, GetBucketEncryption, ListObjectsV2, GetObject, DeleteObject; any
                    JSON or query operation by name) get AWS's AccessDenied of their protocol (S3: 403 XML AccessDenied;
                    JSON: 400 AccessDeniedException; query: 403 ErrorResponse) when signed by an assumed-role session
                    (any access key but the caller's "testing"); AssumeRole, which the caller signs, whenever named;
                    everything else is forwarded
  fail-query:REASON  GetQueryExecution of a SELECT answers State FAILED with StateChangeReason REASON; everything
                    else is forwarded
  hold-query:FILE   GetQueryExecution of a SELECT answers State RUNNING (as long as it is asked) and creates FILE, so a
                    test knows the query is running; everything else is forwarded
UPSTREAM is not contacted in trickle, silent, reflect-headers and too-large.
Prints READY when listening.
"""
import http.server
import json
import sys
import urllib.parse
import threading
import time
import urllib.error
import urllib.request

PORT, UPSTREAM, MODE = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ORGANIZATION = json.load(open(MODE.split(":", 1)[1])) if MODE.startswith("organization:") else None
seen = set()
lock = threading.Lock()
writes = [0]
WRITE_VERBS = ("Put", "Update", "Start", "Stop", "Delete")
DENIED = set(MODE.split(":", 1)[1].split(",")) if MODE.startswith("deny:") else set()
S3_SUBRESOURCES = {"logging": "GetBucketLogging", "object-lock": "GetObjectLockConfiguration",
                   "lifecycle": "GetBucketLifecycleConfiguration", "encryption": "GetBucketEncryption",
                   "policy": "GetBucketPolicy", "location": "GetBucketLocation"}


def operation_of(method, path, target, body):
    """The API operation of a request: the JSON target's, the query form's Action, or S3's from method and path."""
    if target:
        return target.rsplit(".", 1)[-1]
    if method == "POST" and body:
        action = urllib.parse.parse_qs(body.decode(errors="replace")).get("Action")
        if action:
            return action[0]
    path, _, query = path.partition("?")
    names = [part.split("=")[0] for part in query.split("&") if part]
    keyed = len([part for part in path.split("/") if part]) > 1
    if method == "GET":
        if "list-type" in names:
            return "ListObjectsV2"
        for name in names:
            if name in S3_SUBRESOURCES:
                return S3_SUBRESOURCES[name]
        return "GetObject" if keyed else "ListObjects"
    if method == "DELETE" and keyed:
        return "DeleteObject"
    return method


def access_key(headers):
    authorization = headers.get("Authorization", "")
    return authorization.partition("Credential=")[2].split("/")[0]


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", "fault-proxy-request")
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        target = self.headers.get("X-Amz-Target", "")
        identity = (self.command, self.path, target, body)
        if MODE == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(1)
            return
        if MODE == "silent":
            time.sleep(3600)
            return
        if MODE == "reflect-headers" or (MODE == "reflect-bucket-policy" and self.command == "GET"
                                          and self.path.endswith("?policy")):
            quoted = "; ".join(f"{name}: {value}" for name, value in self.headers.items())
            return self.answer(403, f"<Error><Code>AccessDenied</Code><Message>Denied. Request headers: {quoted}</Message></Error>",
                               "application/xml")
        if MODE == "too-large":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(100 << 20))
            self.end_headers()
            self.wfile.write(b"<ListAllMyBucketsResult>")
            return
        if MODE == "always-503":
            return self.answer(503, "<Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message></Error>",
                               "application/xml")
        if MODE == "throttle-then-ok":
            with lock:
                first = identity not in seen
                seen.add(identity)
            if first:
                if target:
                    return self.answer(400, '{"__type":"ThrottlingException","message":"Rate exceeded"}', "application/x-amz-json-1.1")
                return self.answer(503, "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
                                   "application/xml")
        if MODE == "fail-third-write":
            operation = target.rsplit(".", 1)[-1]
            if self.command in ("PUT", "DELETE") or operation.startswith(WRITE_VERBS):
                with lock:
                    writes[0] += 1
                    third = writes[0] == 3
                if third:
                    if target:
                        return self.answer(400, '{"__type":"AccessDeniedException","message":"injected by fault_proxy"}',
                                           "application/x-amz-json-1.1")
                    return self.answer(403, "<Error><Code>AccessDenied</Code><Message>injected by fault_proxy</Message></Error>",
                                       "application/xml")
        if MODE == "slow":
            time.sleep(10)
        if MODE.startswith("deny-put-bucket-policy:") and self.command == "PUT":
            path, _, query = self.path.partition("?")
            if path == "/" + MODE.split(":", 1)[1] and query.split("&")[0].split("=")[0] == "policy":
                return self.answer(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>",
                                   "application/xml")
        if MODE == "intelligent-tiering" and self.command == "GET" and "intelligent-tiering" in self.path:
            second = "continuation-token=page-2" in self.path
            configuration = ("<IntelligentTieringConfiguration><Id>{0}</Id><Filter><Prefix>cloudtrail/</Prefix></Filter>"
                             "<Status>{1}</Status><Tiering><Days>90</Days><AccessTier>ARCHIVE_ACCESS</AccessTier></Tiering>"
                             "<Tiering><Days>180</Days><AccessTier>DEEP_ARCHIVE_ACCESS</AccessTier></Tiering>"
                             "</IntelligentTieringConfiguration>")
            page = ("<IsTruncated>false</IsTruncated><ContinuationToken>page-2</ContinuationToken>"
                    + configuration.format("unused", "Disabled")) if second else (
                "<IsTruncated>true</IsTruncated><NextContinuationToken>page-2</NextContinuationToken>"
                + configuration.format("archive-logs", "Enabled"))
            return self.answer(200, '<?xml version="1.0" encoding="UTF-8"?><ListBucketIntelligentTieringConfigurationsOutput '
                               'xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' + page
                               + "</ListBucketIntelligentTieringConfigurationsOutput>", "application/xml")
        if MODE == "deny-bucket-policy" and self.command == "GET" and self.path.endswith("?policy"):
            return self.answer(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>",
                               "application/xml")
        if MODE == "deny-organizations" and target.startswith("AWSOrganizationsV20161128."):
            return self.answer(400, '{"__type":"AccessDeniedException","message":"You don\'t have permissions to access this resource."}',
                               "application/x-amz-json-1.1")
        if ORGANIZATION and self.command == "POST" and not target:
            form = urllib.parse.parse_qs(body.decode())
            if form.get("Action") == ["AssumeRole"] and form.get("RoleArn", [""])[0] in ORGANIZATION["unassumableRoles"]:
                arn = form["RoleArn"][0]
                return self.answer(403, '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
                                   '<Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:root is not authorized to '
                                   f'perform: sts:AssumeRole on resource: {arn}</Message></Error><RequestId>R1</RequestId></ErrorResponse>',
                                   "text/xml")
        if DENIED:
            operation = operation_of(self.command, self.path, target, body)
            if operation in DENIED and (operation == "AssumeRole" or access_key(self.headers) != "testing"):
                message = f"User is not authorized to perform: {operation} (injected by fault_proxy)"
                if target:
                    return self.answer(400, json.dumps({"__type": "AccessDeniedException", "Message": message}),
                                       "application/x-amz-json-1.1")
                if self.command == "POST" and not target:
                    return self.answer(403, '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error>'
                                       f'<Type>Sender</Type><Code>AccessDenied</Code><Message>{message}</Message>'
                                       '</Error><RequestId>R1</RequestId></ErrorResponse>', "text/xml")
                return self.answer(403, f"<Error><Code>AccessDenied</Code><Message>Access Denied</Message>"
                                   "<RequestId>R1</RequestId></Error>", "application/xml")
        status, headers, data = self.forward(body)
        operation = target.rsplit(".", 1)[-1]
        if MODE.startswith("fail-query:") and operation == "GetQueryExecution" and status == 200:
            answer = json.loads(data)
            execution = answer.get("QueryExecution", {})
            if execution.get("Query", "").lstrip().upper().startswith("SELECT"):
                execution["Status"] = dict(execution.get("Status", {}), State="FAILED",
                                           StateChangeReason=MODE.split(":", 1)[1])
                data = json.dumps(answer).encode()
        if ORGANIZATION and target.startswith("com.amazonaws.cloudtrail"):
            trail = ORGANIZATION["trail"]
            if operation == "DescribeTrails" and status == 200:
                answer = json.loads(data)
                listed = answer.setdefault("trailList", [])
                if all(entry.get("TrailARN") != trail["TrailARN"] for entry in listed):
                    listed.append(trail)
                data = json.dumps(answer).encode()
            elif operation == "GetTrailStatus" and status != 200 and json.loads(body).get("Name") in (
                    trail["TrailARN"], trail["Name"]):
                status, data = 200, json.dumps(ORGANIZATION["trailStatus"]).encode()
        if MODE.startswith("hold-query:") and operation == "GetQueryExecution" and status == 200:
            answer = json.loads(data)
            execution = answer.get("QueryExecution", {})
            if execution.get("Query", "").lstrip().upper().startswith("SELECT"):
                execution["Status"] = dict(execution.get("Status", {}), State="RUNNING")
                data = json.dumps(answer).encode()
                open(MODE.split(":", 1)[1], "w").close()
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def forward(self, body):
        """UPSTREAM's answer to this request: status, headers and body."""
        request = urllib.request.Request(UPSTREAM + self.path, data=body if body else None, method=self.command)
        for name, value in self.headers.items():
            if name.lower() not in ("host", "content-length", "connection"):
                request.add_header(name, value)
        try:
            with urllib.request.urlopen(request) as response:
                status, headers, data = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, data = error.code, error.headers, error.read()
        return status, headers, data

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = handle_any


server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Proxy)
print("READY", flush=True)
server.serve_forever()
