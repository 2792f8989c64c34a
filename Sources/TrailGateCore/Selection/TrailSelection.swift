/// A `--trail` value that does not pick exactly one trail.
public struct TrailSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}

/// Picks the trails a `--trail` value names, the same way for a snapshot and for a live account: the trail whose
/// ARN it is, else the one trail of that name; a name two trails share (trails of other accounts or Regions seen
/// through an organization) is refused with their ARNs, so the user can pass one.
public struct TrailSelection: Sendable {
    /// Where the trails were found, for messages: `in the snapshot`, `in this Region`.
    public var place: String

    public init(place: String) {
        self.place = place
    }

    /// Every item when `selector` is nil; else the one it names.
    public func select<Item>(_ selector: String?, from items: [Item], arn: (Item) -> String, name: (Item) -> String)
        throws(TrailSelectionError) -> [Item]
    {
        guard let selector else { return items }
        if let byARN = items.first(where: { arn($0) == selector }) { return [byARN] }
        let byName = items.filter { name($0) == selector }
        switch byName.count {
        case 1:
            return byName
        case 0:
            let known = items.map(name).joined(separator: ", ")
            throw TrailSelectionError(
                description: "no trail named \(selector) \(place) (trails: \(known.isEmpty ? "none" : known))")
        default:
            let arns = byName.map(arn).joined(separator: ", ")
            throw TrailSelectionError(
                description: "\(byName.count) trails are named \(selector); pass the ARN of one: \(arns)")
        }
    }
}
