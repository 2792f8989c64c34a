import Foundation
import Integrity
import OrderedJSON
import TrailGateBasics
import TrailObjects

// integrity-benchmark: the code path of `trailgate validate-logs --local ROOT --compat` (scope from the mirror's
// describe-trails.json, keys from its list-public-keys.json files, the chain walk and log checks), timed, without the
// CLI and its HTTP stack so that a release build stays cheap. Prints one line of figures.
//
//   integrity-benchmark ROOT TRAIL_ARN START END [--account-id A]... [--jobs N] [--inflater auto|zlib|libdeflate]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("integrity-benchmark: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var accounts: [String] = []
var jobs = ProcessInfo.processInfo.activeProcessorCount
var inflaterName = "auto"
var positional: [String] = []
@MainActor func value(after option: String) -> String {
    guard !arguments.isEmpty else { fail("\(option) needs a value") }
    return arguments.removeFirst()
}
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--account-id": accounts.append(value(after: argument))
    case "--jobs":
        guard let number = Int(value(after: argument)), number > 0 else { fail("--jobs needs a positive number") }
        jobs = number
    case "--inflater": inflaterName = value(after: argument)
    default: positional.append(argument)
    }
}
guard positional.count == 4, let trail = TrailARN(positional[1]), let start = Timestamp.parse(positional[2]),
    let end = Timestamp.parse(positional[3])
else {
    fail(
        "usage: integrity-benchmark ROOT TRAIL_ARN START END [--account-id A]... [--jobs N] [--inflater auto|zlib|libdeflate]"
    )
}
guard let inflater = GzipInflaters.named(inflaterName) else { fail("inflater \(inflaterName) is not available") }
let root = URL(fileURLWithPath: positional[0])
let source = LocalObjectSource(root: root)

let began = Date()
let describeTrails = try JSONValue.parse(
    Data(contentsOf: root.appendingPathComponent("cloudtrail/describe-trails.json")))
let organizationFile = root.appendingPathComponent("organizations/describe-organization.json")
let organizationId =
    FileManager.default.fileExists(atPath: organizationFile.path)
    ? try JSONValue.parse(Data(contentsOf: organizationFile))["Organization"]?["Id"]?.stringValue : nil
let scope = try await TrailScope.resolve(
    trail: trail, trailEntry: TrailScope.trailEntry(trail, in: describeTrails),
    organizationId: organizationId, bucket: nil, prefix: nil, accounts: accounts, regions: [],
    source: source)
let request = ValidationRequest(
    trail: trail, bucket: scope.bucket, prefix: scope.prefix, organizationId: scope.organizationId,
    chains: scope.chains, start: start, end: end, now: Timestamp(Date()), jobs: jobs)
let report = try await DigestChainValidator(
    source: source, keys: DirectoryPublicKeySource(folder: root.appendingPathComponent("cloudtrail")),
    inflater: inflater
).validate(request)
let seconds = Date().timeIntervalSince(began)

// Bytes of the log files the digests list, read from the mirror for the MB/s figure (outside the timed part).
var compressed: Int64 = 0
for chain in scope.chains {
    let layout = DigestKeyLayout(
        prefix: scope.prefix, organizationId: scope.organizationId, chain: chain, trailName: trail.name,
        homeRegion: trail.homeRegion)
    let logs = layout.logsRoot + "\(chain.account)/CloudTrail/\(chain.region)/"
    compressed += try await source.allObjects(bucket: scope.bucket, prefix: logs).reduce(0) { $0 + $1.size }
}
let digests = report.chains.reduce(0) { $0 + $1.digestsValid + $1.digestsInvalid }
let logs = report.chains.reduce(0) { $0 + $1.validLogs + $1.invalidLogs }
let megabytes = Double(compressed) / 1_000_000
print(
    "inflater=\(inflater.name) jobs=\(jobs) chains=\(report.chains.count) digests=\(digests) logs=\(logs) "
        + "compressedMB=\(String(format: "%.1f", megabytes)) seconds=\(String(format: "%.2f", seconds)) "
        + "MBps=\(String(format: "%.1f", megabytes / seconds)) valid=\(report.isValid(compat: true))")
