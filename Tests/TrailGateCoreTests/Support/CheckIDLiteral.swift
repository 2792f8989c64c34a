import TrailGateCore

/// Tests name checks by the ids users see; production code uses each check's ``CheckID`` constant.
extension CheckID: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self.init(value)
    }
}
