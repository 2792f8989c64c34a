/// Which of a trail's log files one lifecycle rule's filter can select.
///
/// CloudTrail writes untagged objects under one key space (``TrailContext/logKeyPrefix``). A prefix selects part of
/// that space when either of the two starts with the other; a tag condition selects none of it; a size condition
/// selects the log files of some sizes.
enum LifecycleRuleScope: Equatable {
    /// The log files under `keys` (the key space, or a narrower prefix inside it), only those of some sizes when
    /// `sizes` describes a size condition.
    case logs(under: String, sizes: String?)
    /// None: the filter needs a tag.
    case tagged
    /// None: the rule's prefix lies beside the key space.
    case outside(prefix: String)

    init(_ rule: LifecycleRule, keySpace: String) {
        self.init(filter: rule.filter, prefix: LifecycleRuleScope.prefix(of: rule), keySpace: keySpace)
    }

    /// The scope of an S3 Intelligent-Tiering configuration, whose filter is a lifecycle filter without sizes.
    init(_ configuration: IntelligentTieringConfiguration, keySpace: String) {
        self.init(filter: configuration.filter, prefix: Self.prefix(of: configuration.filter), keySpace: keySpace)
    }

    private init(filter: LifecycleFilter?, prefix: String, keySpace: String) {
        let tagged = filter?.tag != nil || !(filter?.and?.tags ?? []).isEmpty
        let sizes = LifecycleRuleScope.sizeCondition(
            greaterThan: filter?.objectSizeGreaterThan ?? filter?.and?.objectSizeGreaterThan,
            lessThan: filter?.objectSizeLessThan ?? filter?.and?.objectSizeLessThan)
        if tagged {
            self = .tagged
        } else if keySpace.hasPrefix(prefix) {
            self = .logs(under: keySpace, sizes: sizes)
        } else if prefix.hasPrefix(keySpace) {
            self = .logs(under: prefix, sizes: sizes)
        } else {
            self = .outside(prefix: prefix)
        }
    }

    /// The prefix a rule filters on: `Filter.Prefix`, `Filter.And.Prefix`, or the legacy top-level `Prefix`;
    /// `""` (every object) when it names none.
    static func prefix(of rule: LifecycleRule) -> String {
        guard let filter = rule.filter else { return rule.prefix ?? "" }
        return prefix(of: filter)
    }

    /// `Filter.Prefix` or `Filter.And.Prefix`; `""` when the filter names none.
    private static func prefix(of filter: LifecycleFilter?) -> String {
        filter?.prefix ?? filter?.and?.prefix ?? ""
    }

    /// The size condition in words, e.g. `larger than 1024 bytes`, or nil without one.
    private static func sizeCondition(greaterThan: Int?, lessThan: Int?) -> String? {
        switch (greaterThan, lessThan) {
        case let (min?, max?): return "larger than \(min) and smaller than \(max) bytes"
        case let (min?, nil): return "larger than \(min) bytes"
        case let (nil, max?): return "smaller than \(max) bytes"
        case (nil, nil): return nil
        }
    }
}
