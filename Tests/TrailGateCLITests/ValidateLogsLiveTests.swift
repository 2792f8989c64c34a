import Foundation
import Testing

/// `validate-logs` through S3 against moto_server: the generated tree is uploaded with its metadata; DescribeTrails
/// and ListPublicKeys (which moto lacks) come from a small local stub that pages the keys one per answer, so the
/// run must follow NextToken and ask each source Region.
@Suite("validate-logs through S3", .serialized)
struct ValidateLogsLiveTests {
    /// Uploads `fixture`'s objects and their user metadata to moto's bucket.
    static func upload(_ fixture: ValidateLogsFixture, to moto: MotoServer) throws {
        let script = """
            import boto3, json, os, sys
            root, endpoint, bucket = sys.argv[1], sys.argv[2], sys.argv[3]
            s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
            s3.create_bucket(Bucket=bucket)
            base = os.path.join(root, "s3", bucket)
            for folder, _, files in os.walk(base):
                for name in files:
                    path = os.path.join(folder, name)
                    key = os.path.relpath(path, base)
                    sidecar = os.path.join(root, "s3-metadata", bucket, key + ".json")
                    metadata = json.load(open(sidecar)) if os.path.exists(sidecar) else {}
                    s3.put_object(Bucket=bucket, Key=key, Body=open(path, "rb").read(), Metadata=metadata)
            """
        _ = try MotoServer.run(
            ["python3", "-c", script, fixture.root.path, moto.endpoint, fixture.bucket], environment: moto.environment)
    }

    /// A CloudTrail stand-in on 127.0.0.1 answering DescribeTrails and ListPublicKeys (one key per page) from the
    /// fixture, logging each ListPublicKeys request's Region and NextToken to `log`.
    final class CloudTrailStub {
        let port: Int
        let process: Process
        var endpoint: String { "http://127.0.0.1:\(port)" }

        init(_ fixture: ValidateLogsFixture, log: URL) throws {
            port = Int(
                try MotoServer.run([
                    "python3", "-c",
                    "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])",
                ])
                .trimmingCharacters(in: .whitespacesAndNewlines))!
            let script = """
                import http.server, json, os, re, sys
                root, port, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
                class Handler(http.server.BaseHTTPRequestHandler):
                    def log_message(self, *args): pass
                    def do_POST(self):
                        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                        target = self.headers.get("X-Amz-Target", "").split(".")[-1]
                        scope = re.search(r"Credential=[^/]+/[0-9]+/([^/]+)/cloudtrail/", self.headers.get("Authorization", ""))
                        region = scope.group(1) if scope else ""
                        if target == "DescribeTrails":
                            answer = json.load(open(os.path.join(root, "cloudtrail", "describe-trails.json")))
                        elif target == "ListPublicKeys":
                            path = os.path.join(root, "cloudtrail", region, "list-public-keys.json")
                            keys = json.load(open(path))["PublicKeyList"] if os.path.exists(path) else []
                            index = int(body.get("NextToken", "0"))
                            answer = {"PublicKeyList": keys[index:index + 1]}
                            if index + 1 < len(keys): answer["NextToken"] = str(index + 1)
                            with open(log, "a") as f: f.write("%s %s\\n" % (region, body.get("NextToken", "-")))
                        else:
                            self.send_response(400); self.end_headers(); return
                        data = json.dumps(answer).encode()
                        self.send_response(200)
                        self.send_header("Content-Type", "application/x-amz-json-1.1")
                        self.send_header("Content-Length", str(len(data)))
                        self.end_headers()
                        self.wfile.write(data)
                http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
                """
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, fixture.root.path, String(port), log.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 {
                if (try? MotoServer.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", endpoint]))
                    == "400"
                {
                    return
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("the CloudTrail stub did not start")
        }

        func stop() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test("validates through S3 with paged public keys")
    func throughS3() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "7", "--records-per-file", "3", "--accounts", "123456789012,210987654321",
            "--regions", "us-east-1,eu-west-1", "--rotate-keys-hours", "3",
            "--tamper", "modify-log,delete-digest,chain-mismatch", "--seed", "5",
        ])
        defer { fixture.remove() }
        let moto = try MotoServer()
        defer { moto.stop() }
        try Self.upload(fixture, to: moto)
        let log = fixture.root.appendingPathComponent("list-public-keys.log")
        let stub = try CloudTrailStub(fixture, log: log)
        defer { stub.stop() }
        let environment = moto.environment.merging([
            "AWS_ENDPOINT_URL": moto.endpoint, "AWS_ENDPOINT_URL_CLOUDTRAIL": stub.endpoint,
        ]) { $1 }
        let mine = fixture.expected.filter { $0["account"] as? String == "123456789012" }
        let end = mine.map { $0["endTime"] as! String }.min()!
        let run = try TrailGateProcess.run(
            [
                "validate-logs", "--trail-arn", mine[0]["trailArn"] as! String,
                "--start-time", mine[0]["startTime"] as! String, "--end-time", end, "--compat",
            ],
            environment: environment)
        let localArguments = [
            "validate-logs", "--local", fixture.root.path, "--trail-arn", mine[0]["trailArn"] as! String,
            "--start-time", mine[0]["startTime"] as! String, "--end-time", end, "--compat",
        ]
        let local = try TrailGateProcess.run(localArguments)
        // Through S3 the answer is the local mirror's, line for line on each stream; both chains of the account were
        // validated.
        #expect(run.stdout == local.stdout)
        #expect(run.stderr == local.stderr)
        #expect(run.exitCode == local.exitCode)
        let merged = try TrailGateProcess.runMerged(localArguments)
        for expected in mine {
            let block = ValidateLogsChainBlock(
                merged.stdout, account: expected["account"] as! String, region: expected["region"] as! String)
            #expect(block.problemLines.sorted() == (expected["stderrLines"] as! [String]).sorted())
        }
        let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Set(requests.map { String($0.split(separator: " ")[0]) }) == ["us-east-1", "eu-west-1"])
        #expect(requests.contains("us-east-1 1"), "NextToken not followed: \(requests)")
    }

    /// NoSuchBucket stops the run with exit 3 and one line naming the bucket, as the AWS CLI stops (with 255).
    @Test("an unknown bucket stops the run")
    func unknownBucket() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("vl-keys-\(UUID().uuidString).json")
        try Data(#"{"PublicKeyList": []}"#.utf8).write(to: keys)
        defer { try? FileManager.default.removeItem(at: keys) }
        let run = try TrailGateProcess.run(
            [
                "validate-logs", "--trail-arn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/none",
                "--start-time", "2024-03-01T00:00:00Z", "--end-time", "2024-03-02T00:00:00Z",
                "--s3-bucket", "no-such-bucket", "--public-keys", keys.path,
            ],
            environment: moto.environment.merging(["AWS_ENDPOINT_URL": moto.endpoint]) { $1 })
        #expect(run.exitCode == 3, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr == "trailgate: error: s3://no-such-bucket: NoSuchBucket\n")
    }
}
