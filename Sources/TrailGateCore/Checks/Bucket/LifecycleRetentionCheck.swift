import Foundation
import OrderedJSON
import TrailGateBasics

/// `bucket.lifecycle-retention`: no lifecycle rule deletes the trail's log files, or archives them out of Athena's
/// reach, before the retention threshold (``CheckOptions/retentionDays``; by default 550 days, which is 18 calendar
/// months from every creation date).
///
/// Only enabled rules whose filter can select the trail's keys count (see ``LifecycleRuleScope``). Where expirations
/// overlap S3 honours the shortest, so the shortest applicable `Expiration.Days` is the retention. Actions on
/// noncurrent versions, delete markers and unfinished uploads leave the log files alone: CloudTrail never overwrites
/// a key.
struct LifecycleRetentionCheck: Check {
    let id = CheckID.lifecycleRetention
    let title = "Lifecycle retention (18 months)"
    let area = CheckArea.bucket

    func evaluate(_ context: TrailContext) -> CheckResult {
        let keySpace = context.logKeyPrefix
        let threshold = RetentionThreshold(days: context.options.retentionDays)
        var evidence = [Evidence("trail key space", .string(keySpace))]
        let slot = context.bucket?.lifecycle ?? .absent
        if let error = slot.error, error.code == "NoSuchLifecycleConfiguration" {
            evidence.append(Evidence("GetBucketLifecycleConfiguration", .string(error.code)))
            return withoutConfiguration(context, threshold: threshold, evidence: evidence)
        }
        guard let configuration = slot.value else {
            return result(
                .unknown,
                context.bucketDataUnavailable(
                    call: "GetBucketLifecycleConfiguration", permission: "GetLifecycleConfiguration", error: slot.error),
                evidence: evidence)
        }

        var review = RuleReview(keySpace: keySpace, threshold: threshold, collectedAt: context.snapshot.collectedAt)
        for (index, rule) in configuration.rules.enumerated() {
            review.judge(rule, name: RuleName(id: rule.id, number: index + 1))
        }
        review.judgeArchiveTiers(context.bucket?.intelligentTiering ?? .absent)
        evidence += review.evidence
        let decisive = review.decisiveFinding
        let notes = review.notes(apartFrom: decisive)
        guard let decisive else {
            return result(
                .pass, "No rule expires the trail's objects under \(keySpace), so they are kept until deleted.",
                evidence: evidence, notes: notes)
        }
        let status = review.status
        return result(
            status, review.findings[decisive].sentence, evidence: evidence, notes: notes,
            remediation: status == .pass ? nil : editConfiguration(context, fixes: review.fixes))
    }

    /// The verdict on a bucket without any lifecycle configuration: its objects are kept until someone deletes them.
    private func withoutConfiguration(
        _ context: TrailContext, threshold: RetentionThreshold,
        evidence: [Evidence]
    ) -> CheckResult {
        let evidence = evidence + [Evidence("effective retention (days)", .string("unlimited"))]
        guard context.options.strict else {
            return result(
                .pass, "The bucket has no lifecycle configuration, so trail logs are kept until someone deletes them.",
                evidence: evidence,
                notes: [
                    "The requirement's wording asks for a lifecycle configuration; strict mode fails a bucket without one."
                ])
        }
        let configuration: JSONValue = [
            "Rules": [
                [
                    "ID": "keep-trail-logs",
                    "Filter": ["Prefix": .string(context.logKeyPrefix)],
                    "Status": "Enabled",
                    "Expiration": ["Days": .int(threshold.days)],
                ]
            ]
        ]
        let add = Remediation(
            "Add a lifecycle rule that keeps the trail's objects under \(context.logKeyPrefix) at least \(threshold.days) days.",
            commands: context.bucketCommands(.putBucketLifecycleConfiguration(configuration)))
        return result(
            .fail,
            "The bucket has no lifecycle configuration; strict mode requires one that keeps trail logs "
                + "at least \(threshold).", evidence: evidence, remediation: add)
    }

    /// Download the configuration, change the named rules, and put the whole configuration back.
    private func editConfiguration(_ context: TrailContext, fixes: [String]) -> Remediation {
        Remediation(
            fixes.joined(separator: " ")
                + " The put command replaces the whole configuration, so edit the downloaded file and keep every other rule in it.",
            commands: context.bucketResource.map { bucket in
                let put = FixAction.putBucketLifecycleConfiguration(.null)
                return [
                    put.readCommand(on: bucket, into: "lifecycle.json"),
                    put.cliCommand(on: bucket, documentFile: "lifecycle.json"),
                ]
                .compactMap { $0 }
            } ?? [])
    }
}

/// The retention the options ask for, in days.
private struct RetentionThreshold: CustomStringConvertible {
    let days: Int

    var seconds: TimeInterval { TimeInterval(days) * 86_400 }

    /// `550 days (18 months)` for the default, otherwise just the days.
    var description: String {
        days == CheckOptions.eighteenMonthsDays ? "\(days) days (18 months)" : "\(days) days"
    }

    /// The verdict on keeping log files `kept` days: `pass` at or above the threshold; `warn` for 546–549 days
    /// (18 calendar months from some creation dates only) unless the threshold is above 550; otherwise `fail`.
    func status(ofKeeping kept: Int) -> CheckStatus {
        if kept >= days { return .pass }
        if days <= CheckOptions.eighteenMonthsDays && kept >= CheckOptions.eighteenMonthsShortestDays { return .warn }
        return .fail
    }
}

/// How the report names a rule: by its `ID`, or by its 1-based position when it has none.
private struct RuleName: CustomStringConvertible {
    let id: String?
    let number: Int

    /// `rule "ID"` or `rule #n`, for the middle of a sentence.
    var description: String {
        if let id, !id.isEmpty { return "rule \"\(id)\"" }
        return "rule #\(number)"
    }

    /// The name starting a sentence.
    var capitalized: String { "R" + description.dropFirst() }

    /// `rule ID` or `rule #n`.
    var evidenceLabel: String {
        if let id, !id.isEmpty { return "rule \(id)" }
        return "rule #\(number)"
    }
}

/// What one applicable rule does to the trail's log files, judged against the threshold.
private struct RuleFinding {
    var status: CheckStatus
    /// One sentence saying what the rule does and how that compares to the threshold.
    var sentence: String
    /// How long the rule keeps a log file written at collection time; nil for actions that keep the data.
    var keptDays: Int?
    /// What to change when the status is not `pass`.
    var fix: String
}

/// The rules of one lifecycle configuration, judged one by one.
private struct RuleReview {
    let keySpace: String
    let threshold: RetentionThreshold
    let collectedAt: Timestamp

    private(set) var findings: [RuleFinding] = []
    private var ruleEvidence: [Evidence] = []
    private var ruleNotes: [String] = []
    private var disabled: [String] = []
    private var tagged: [String] = []
    private var outside: [String] = []
    private var shortestDays: Int?
    private var earliestDate: Timestamp?
    /// The applicable transitions to INTELLIGENT_TIERING, whose archive tiers are configured apart.
    private var intelligentTieringMoves: [(name: RuleName, transition: LifecycleTransition, keys: String)] = []
    private var tieringEvidence: [Evidence] = []

    init(keySpace: String, threshold: RetentionThreshold, collectedAt: Timestamp) {
        self.keySpace = keySpace
        self.threshold = threshold
        self.collectedAt = collectedAt
    }

    /// `fail` if any finding fails, else `warn` if any warns, else `pass`.
    var status: CheckStatus {
        if findings.contains(where: { $0.status == .fail }) { return .fail }
        if findings.contains(where: { $0.status == .warn }) { return .warn }
        return .pass
    }

    /// The index of the finding the summary tells: of those with the overall status, the one keeping log files
    /// the shortest time (the first on a tie); nil without findings.
    var decisiveFinding: Int? {
        let status = status
        return findings.indices
            .filter { findings[$0].status == status }
            .min { (findings[$0].keptDays ?? .max) < (findings[$1].keptDays ?? .max) }
    }

    /// What to change, once each, in rule order.
    var fixes: [String] {
        findings.filter { $0.status != .pass }.map(\.fix).reduce(into: []) { fixes, fix in
            if !fixes.contains(fix) { fixes.append(fix) }
        }
    }

    /// One entry per applicable rule, then the effective retention.
    var evidence: [Evidence] {
        let retention: JSONValue =
            shortestDays.map(JSONValue.int) ?? (earliestDate == nil ? .string("unlimited") : .null)
        var evidence = ruleEvidence + tieringEvidence + [Evidence("effective retention (days)", retention)]
        if let earliestDate { evidence.append(Evidence("earliest Expiration.Date", .string(earliestDate.day))) }
        return evidence
    }

    /// The problems the summary does not tell, remarks on applicable rules, then the rules set aside and why.
    func notes(apartFrom decisive: Int?) -> [String] {
        var notes =
            findings.indices
            .filter { $0 != decisive && findings[$0].status != .pass }
            .map { findings[$0].sentence } + ruleNotes
        if !disabled.isEmpty {
            notes.append("Disabled, so not considered: \(disabled.joined(separator: ", ")).")
        }
        if !tagged.isEmpty {
            notes.append(
                "Filtered on tags, which CloudTrail's objects never carry, so not applicable: "
                    + "\(tagged.joined(separator: ", ")).")
        }
        if !outside.isEmpty {
            notes.append("Scoped outside the trail's key space: \(outside.joined(separator: ", ")).")
        }
        return notes
    }

    mutating func judge(_ rule: LifecycleRule, name: RuleName) {
        guard rule.status == "Enabled" else {
            disabled.append(name.description)
            return
        }
        switch LifecycleRuleScope(rule, keySpace: keySpace) {
        case .tagged:
            tagged.append(name.description)
        case .outside(let prefix):
            outside.append("\(name) (\(prefix))")
        case .logs(let keys, let sizes):
            ruleEvidence.append(Evidence(name.evidenceLabel, RuleReview.judgedParts(of: rule)))
            if let sizes {
                ruleNotes.append("\(name.capitalized) applies only to objects \(sizes), so to some log files by size.")
            }
            if let days = rule.expiration?.days { judgeExpiration(after: days, by: name, under: keys) }
            if let date = rule.expiration?.date { judgeExpiration(on: date, by: name, under: keys) }
            for transition in rule.transitions ?? [] { judge(transition, by: name, under: keys) }
            noteActionsThatKeepLogs(of: rule, name: name)
        }
    }

    private mutating func judgeExpiration(after days: Int, by name: RuleName, under keys: String) {
        shortestDays = min(shortestDays ?? days, days)
        let status = threshold.status(ofKeeping: days)
        let deletes = "\(name.capitalized) deletes trail logs under \(keys) after \(days) days"
        let sentence =
            switch status {
            case .pass: "\(deletes), which meets \(threshold)."
            case .warn:
                "\(deletes), which is 18 calendar months for only some creation dates "
                    + "(\(CheckOptions.eighteenMonthsDays) days covers every date)."
            default: "\(deletes), shorter than \(threshold)."
            }
        findings.append(
            RuleFinding(
                status: status, sentence: sentence, keptDays: days,
                fix:
                    "Raise Expiration.Days of \(name) to at least \(threshold.days), or scope the rule away from \(keySpace)."
            ))
    }

    /// A fixed date deletes every matching log file on that day, so retention shrinks as the date nears.
    private mutating func judgeExpiration(on date: Timestamp, by name: RuleName, under keys: String) {
        earliestDate = min(earliestDate ?? date, date)
        let status: CheckStatus
        let sentence: String
        if date <= collectedAt {
            status = .fail
            sentence =
                "\(name.capitalized) has expired every trail log under \(keys) since \(date.day), "
                + "so new log files are deleted soon after they arrive."
        } else if date.date <= collectedAt.date.addingTimeInterval(threshold.seconds) {
            status = .fail
            sentence =
                "\(name.capitalized) deletes every trail log under \(keys) on \(date.day), "
                + "so log files written from now on are kept less than \(threshold)."
        } else {
            status = .warn
            let shortFrom = Timestamp(date.date.addingTimeInterval(-threshold.seconds))
            sentence =
                "\(name.capitalized) deletes every trail log under \(keys) on \(date.day): "
                + "log files written from \(shortFrom.day) on are kept less than \(threshold)."
        }
        findings.append(
            RuleFinding(
                status: status, sentence: sentence,
                keptDays: Int((date.date.timeIntervalSince(collectedAt.date) / 86_400).rounded(.down)),
                fix: "Remove Expiration.Date from \(name) (use Expiration.Days of at least \(threshold.days) instead), "
                    + "or scope the rule away from \(keySpace)."))
    }

    /// Archive classes keep the data but hide it from Athena until restored; the other classes are readable.
    private mutating func judge(_ transition: LifecycleTransition, by name: RuleName, under keys: String) {
        guard let storageClass = transition.storageClass else { return }
        switch storageClass {
        case "GLACIER", "DEEP_ARCHIVE":
            let when: String
            if let date = transition.date {
                when = "on \(date.day)"
            } else if let days = transition.days, days < threshold.days {
                when = "after \(days) days"
            } else {
                return
            }
            findings.append(
                RuleFinding(
                    status: .warn,
                    sentence: "\(name.capitalized) moves trail logs under \(keys) to \(storageClass) \(when); "
                        + "Athena cannot read them there until they are restored.",
                    keptDays: nil,
                    fix: "Move the \(storageClass) transition of \(name) to \(threshold.days) days or later "
                        + "(or use GLACIER_IR, which Athena reads), or scope the rule away from \(keySpace)."))
        case "INTELLIGENT_TIERING":
            intelligentTieringMoves.append((name, transition, keys))
        default:
            break
        }
    }

    /// Objects in INTELLIGENT_TIERING move to the Archive Access or Deep Archive Access tier, out of Athena's reach,
    /// only under an Intelligent-Tiering configuration, after its days without access: a log file moved there after
    /// `d` days can be archived at `d` plus those days. Warns when that comes before the threshold.
    mutating func judgeArchiveTiers(_ slot: Slot<IntelligentTieringConfigurations>) {
        let reaching = (slot.value?.configurations ?? []).filter { configuration in
            guard configuration.status == "Enabled", !configuration.tierings.isEmpty else { return false }
            if case .logs = LifecycleRuleScope(configuration, keySpace: keySpace) { return true }
            return false
        }
        for configuration in reaching {
            let tiers = configuration.tierings.map { "\($0.accessTier) after \($0.days) days" }
            tieringEvidence.append(
                Evidence("Intelligent-Tiering \(configuration.id)", .string(tiers.joined(separator: ", "))))
        }
        guard !intelligentTieringMoves.isEmpty else {
            if !reaching.isEmpty {
                ruleNotes.append(
                    "Intelligent-Tiering archive tiers reach the trail's key space, but no lifecycle rule moves trail "
                        + "logs to INTELLIGENT_TIERING (CloudTrail writes them as STANDARD), so they are not archived.")
            }
            return
        }
        guard slot.value != nil else {
            let why = slot.error.map { "could not be read (\($0.description))" } ?? "are not in the snapshot"
            ruleNotes.append(
                "Trail logs move to INTELLIGENT_TIERING, whose archive tiers are configured apart "
                    + "(list-bucket-intelligent-tiering-configurations) and \(why).")
            return
        }
        guard !reaching.isEmpty else {
            ruleNotes.append(
                "Trail logs move to INTELLIGENT_TIERING, which only archives objects under an Intelligent-Tiering "
                    + "configuration with Archive Access or Deep Archive Access tiers; none reaches the trail's key space."
            )
            return
        }
        for move in intelligentTieringMoves {
            for configuration in reaching {
                for tiering in configuration.tierings {
                    judge(tiering, of: configuration, after: move)
                }
            }
        }
    }

    private mutating func judge(
        _ tiering: IntelligentTiering, of configuration: IntelligentTieringConfiguration,
        after move: (name: RuleName, transition: LifecycleTransition, keys: String)
    ) {
        let when: String
        if let days = move.transition.days {
            guard days + tiering.days < threshold.days else { return }
            when = "after \(days + tiering.days) days (\(days) to move, \(tiering.days) without access)"
        } else if let date = move.transition.date, tiering.days < threshold.days {
            when =
                "\(tiering.days) days without access after \(date.day) (objects written later move to "
                + "INTELLIGENT_TIERING at once)"
        } else {
            return
        }
        findings.append(
            RuleFinding(
                status: .warn,
                sentence: "\(move.name.capitalized) moves trail logs under \(move.keys) to INTELLIGENT_TIERING, and "
                    + "Intelligent-Tiering configuration \"\(configuration.id)\" moves them to \(tiering.accessTier) "
                    + "\(when); Athena cannot read them there until they are restored.",
                keptDays: nil,
                fix:
                    "Raise the \(tiering.accessTier) days of Intelligent-Tiering configuration \"\(configuration.id)\" "
                    + "so that archiving comes after \(threshold.days) days (at most 730), or scope its filter away "
                    + "from \(keySpace)."))
    }

    private mutating func noteActionsThatKeepLogs(of rule: LifecycleRule, name: RuleName) {
        var actions: [String] = []
        if rule.noncurrentVersionExpiration != nil { actions.append("NoncurrentVersionExpiration") }
        if rule.noncurrentVersionTransitions != nil { actions.append("NoncurrentVersionTransitions") }
        if rule.expiration?.expiredObjectDeleteMarker == true { actions.append("Expiration.ExpiredObjectDeleteMarker") }
        if rule.abortIncompleteMultipartUpload != nil { actions.append("AbortIncompleteMultipartUpload") }
        guard !actions.isEmpty else { return }
        let verb = actions.count == 1 ? "does" : "do"
        ruleNotes.append(
            "\(name.capitalized): \(actions.joined(separator: ", ")) \(verb) not shorten how long log files are kept.")
    }

    /// The parts of a rule this check judged, in the AWS CLI's field names.
    private static func judgedParts(of rule: LifecycleRule) -> JSONValue {
        var parts: JSONValue = ["Prefix": .string(LifecycleRuleScope.prefix(of: rule))]
        parts["Expiration.Days"] = rule.expiration?.days.map(JSONValue.int)
        parts["Expiration.Date"] = rule.expiration?.date.map { .string($0.day) }
        if let transitions = rule.transitions, !transitions.isEmpty {
            parts["Transitions"] = .array(
                transitions.map { transition in
                    var judged: JSONValue = [:]
                    judged["Days"] = transition.days.map(JSONValue.int)
                    judged["Date"] = transition.date.map { .string($0.day) }
                    judged["StorageClass"] = transition.storageClass.map(JSONValue.string)
                    return judged
                })
        }
        return parts
    }
}

extension CheckID {
    public static let lifecycleRetention = CheckID("bucket.lifecycle-retention")
}
