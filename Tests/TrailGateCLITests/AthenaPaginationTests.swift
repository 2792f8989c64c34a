import Foundation
import Testing

/// `athena run` against a small Athena stand-in on 127.0.0.1 for what moto does not do: several result pages
/// (`NextToken`) and a query that fails.
@Suite("athena run: pages and failures", .serialized)
struct AthenaPaginationTests {
    /// Answers StartQueryExecution, GetQueryExecution (RUNNING once, then SUCCEEDED, or FAILED for SQL containing
    /// FAIL) and GetQueryResults in two pages; logs each target and NextToken to standard error.
    static let server = #"""
        import json, sys
        from http.server import BaseHTTPRequestHandler, HTTPServer
        state = {"polls": 0, "sql": ""}
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args): pass
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                target = self.headers.get("X-Amz-Target", "")
                assert self.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256 Credential=testing/")
                op = target.split(".")[-1]
                print(op, body.get("NextToken", ""), file=sys.stderr, flush=True)
                if op == "StartQueryExecution":
                    state["sql"] = body["QueryString"]; state["polls"] = 0
                    answer = {"QueryExecutionId": "q-1"}
                elif op == "GetQueryExecution":
                    state["polls"] += 1
                    if "FAIL" in state["sql"]:
                        status = {"State": "FAILED", "StateChangeReason": "line 1:8: Column 'nope' cannot be resolved"}
                    else:
                        status = {"State": "RUNNING" if state["polls"] < 2 else "SUCCEEDED"}
                    answer = {"QueryExecution": {"QueryExecutionId": "q-1", "Status": status}}
                elif op == "GetQueryResults":
                    meta = {"ColumnInfo": [{"Name": "eventname", "Type": "varchar"}, {"Name": "n", "Type": "bigint"}]}
                    if body.get("NextToken") is None:
                        rows = [["eventname", "n"], ["Decrypt", "178"], ["GetUser", "130"]]
                        answer = {"ResultSet": {"Rows": [{"Data": [{"VarCharValue": v} for v in r]} for r in rows], "ResultSetMetadata": meta}, "NextToken": "page-2"}
                    else:
                        answer = {"ResultSet": {"Rows": [{"Data": [{"VarCharValue": "ListBuckets"}, {}]}], "ResultSetMetadata": meta}}
                else:
                    self.send_response(400); self.end_headers(); return
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-amz-json-1.1")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
        server = HTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_port, flush=True)
        server.serve_forever()
        """#

    final class FakeAthena {
        let process = Process()
        let errors = Pipe()
        let port: Int

        init() throws {
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", AthenaPaginationTests.server]
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)))
        }

        /// Stops the server (SIGKILL: test processes may ignore SIGTERM, and children inherit that) and returns the
        /// calls it logged.
        func stop() -> String {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
    }

    let environment = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
    ]

    @Test("every page of GetQueryResults is read, following NextToken, after polling past RUNNING")
    func pages() throws {
        let server = try FakeAthena()
        let outcome = try TrailGateProcess.run(
            [
                "athena", "run", "--sql", "SELECT eventname, count(*) AS n FROM t GROUP BY 1",
                "--format", "csv", "--endpoint-url", "http://127.0.0.1:\(server.port)",
            ],
            environment: environment)
        let calls = server.stop()
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "eventname,n\r\nDecrypt,178\r\nGetUser,130\r\nListBuckets,\r\n")
        #expect(
            calls
                == "StartQueryExecution \nGetQueryExecution \nGetQueryExecution \nGetQueryResults \nGetQueryResults page-2\n"
        )
    }

    @Test("a query Athena fails is one line with its reason, exit 1")
    func failure() throws {
        let server = try FakeAthena()
        let outcome = try TrailGateProcess.run(
            [
                "athena", "run", "--sql", "SELECT nope FROM t -- FAIL",
                "--endpoint-url", "http://127.0.0.1:\(server.port)",
            ], environment: environment)
        _ = server.stop()
        #expect(outcome.exitCode == 1)
        #expect(
            outcome.stderr == "trailgate: error: Athena query q-1 FAILED: line 1:8: Column 'nope' cannot be resolved\n")
    }
}
