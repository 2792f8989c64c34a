/// A waivers-file entry that cannot be used: the entry, the field at fault and why. Never ignored: `check` exits 2.
public struct WaiverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The entry's position in the file, from 1.
    public var entry: Int
    /// The field at fault, as the file spells it (`check`, `resource`, `reason`, `accepted-by`, `expires`).
    public var field: String
    /// What is wrong, in one phrase.
    public var message: String

    public init(entry: Int, field: String, message: String) {
        self.entry = entry
        self.field = field
        self.message = message
    }

    /// `entry 2, expires: expired on 2026-01-31; renew it or remove the entry`.
    public var description: String { "entry \(entry), \(field): \(message)" }
}
