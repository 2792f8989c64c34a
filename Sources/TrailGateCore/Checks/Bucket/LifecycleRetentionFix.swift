import OrderedJSON

extension LifecycleRetentionCheck: FixableCheck {
    /// `PutBucketLifecycleConfiguration` with every rule kept, except that the expirations of enabled rules that
    /// reach the trail's objects are raised to the retention threshold (an `Expiration.Date` becomes `Days`).
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome {
        let context = fix.context
        guard let bucket = fix.bucketResource, let slot = context.bucket?.lifecycle else { return .nothing }
        let threshold = context.options.retentionDays
        let keySpace = context.logKeyPrefix
        if slot.error?.code == "NoSuchLifecycleConfiguration" {
            let configuration: JSONValue = [
                "Rules": [
                    [
                        "ID": "keep-trail-logs",
                        "Filter": ["Prefix": .string(keySpace)],
                        "Status": "Enabled",
                        "Expiration": ["Days": .int(threshold)],
                    ]
                ]
            ]
            return .change(
                PlannedChange(
                    resource: bucket, action: .putBucketLifecycleConfiguration(configuration), checkIds: [result.id],
                    summary:
                        "Add a lifecycle configuration that keeps the trail's objects under \(keySpace) \(threshold) days.",
                    before: nil, after: configuration))
        }
        guard let configuration = slot.value, case .array(var rules)? = configuration.document["Rules"] else {
            return .nothing
        }
        var changed: [String] = []
        var notes: [String] = []
        for (index, rule) in configuration.rules.enumerated() where rule.status == "Enabled" && index < rules.count {
            guard case .logs = LifecycleRuleScope(rule, keySpace: keySpace), let expiration = rule.expiration else {
                continue
            }
            let shortDays = expiration.days.map { $0 < threshold } ?? false
            guard shortDays || expiration.date != nil else { continue }
            var document = rules[index]
            var newExpiration = document["Expiration"] ?? [:]
            newExpiration["Date"] = nil
            newExpiration["Days"] = .int(threshold)
            document["Expiration"] = newExpiration
            rules[index] = document
            let name = rule.id.map { "\"\($0)\"" } ?? "#\(index + 1)"
            changed.append(name)
            let rulePrefix = LifecycleRuleScope.prefix(of: rule)
            if rulePrefix.count < keySpace.count {
                notes.append(
                    "Rule \(name) also applies to objects outside \(keySpace) (its prefix is \"\(rulePrefix)\"); they are kept \(threshold) days too."
                )
            }
        }
        guard !changed.isEmpty else {
            return .manual(fix.manualStep(result))
        }
        var after = configuration.document
        after["Rules"] = .array(rules)
        let noun = changed.count == 1 ? "rule" : "rules"
        return .change(
            PlannedChange(
                resource: bucket, action: .putBucketLifecycleConfiguration(after), checkIds: [result.id],
                summary:
                    "Raise the expiration of \(noun) \(changed.joined(separator: ", ")) to \(threshold) days; every other rule and field stays as it is.",
                before: configuration.document, after: after, notes: notes))
    }
}
