import Foundation

/// Plain data for the inflater tests, which gzip it with `TestSupport.Gzip`.
enum GzipTestData {
    /// CloudTrail-like JSON: `count` records, compressible but not trivially.
    static func records(_ count: Int, seed: UInt64 = 1) -> Data {
        var state = seed
        var text = "{\"Records\":["
        for index in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text +=
                (index > 0 ? "," : "")
                + "{\"eventVersion\":\"1.09\",\"eventTime\":\"2024-03-01T00:\(index % 60):00Z\",\"eventName\":\"Describe\(state % 97)\","
                + "\"requestID\":\"\(String(state, radix: 16))\",\"sourceIPAddress\":\"10.\(state % 255).\((state >> 8) % 255).1\"}"
        }
        return Data((text + "]}").utf8)
    }
}
