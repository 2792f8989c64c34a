import TrailGateBasics
import TrailObjects

/// The key prefixes to list for an S3 ingest: one per account, Region, kind and delivery day in range, so a
/// bucket is never listed whole.
public enum S3LogPrefixes {
    /// `prefix/AWSLogs/[org/]account/CloudTrail[-Insight]/region/YYYY/MM/DD/` for every day from `since`'s to one
    /// day after `until`'s (files are filed by delivery day). Times are Unix seconds.
    public static func prefixes(
        prefix: String, organizationId: String?, accounts: [String], regions: [String],
        since: Int, until: Int, insights: Bool = true
    ) -> [String] {
        let base =
            (prefix.isEmpty ? "" : prefix.trimmingSlashes + "/") + "AWSLogs/" + (organizationId.map { $0 + "/" } ?? "")
        let firstDay = since.floorDivided(by: 86_400)
        let lastDay = until.floorDivided(by: 86_400) + 1
        guard firstDay <= lastDay else { return [] }
        let kinds = insights ? ["CloudTrail", "CloudTrail-Insight"] : ["CloudTrail"]
        var result: [String] = []
        for account in accounts {
            for kind in kinds {
                for region in regions {
                    for day in firstDay...lastDay {
                        result.append("\(base)\(account)/\(kind)/\(region)/\(civilDate(day))/")
                    }
                }
            }
        }
        return result
    }

    /// `YYYY/MM/DD` of a day number (days since 1970-01-01).
    static func civilDate(_ days: Int) -> String {
        Timestamp(CivilDate(days: days)).dateFolders
    }
}

extension String {
    var trimmingSlashes: String {
        var text = Substring(self)
        while text.hasPrefix("/") { text = text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
