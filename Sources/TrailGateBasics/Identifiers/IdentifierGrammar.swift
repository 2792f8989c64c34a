/// The grammars of the AWS identifiers TrailGate reads from files and prints into commands. They accept everything
/// AWS returns and refuse what it never does (spaces, quotes, shell metacharacters, control characters).
public enum IdentifierGrammar {
    /// A Region code: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`.
    public static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, text.utf8.count <= 32, let last = parts.last,
            last.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return false }
        return parts.dropLast().allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        }
    }

    /// An S3 bucket name as S3 may return it: 3 to 63 characters of lowercase letters, digits, dots and hyphens,
    /// or, for buckets created in us-east-1 before March 2018, up to 255 characters that may also be uppercase
    /// letters and underscores.
    public static func isBucketName(_ text: String) -> Bool {
        isName(text, lengths: 3...255)
    }

    /// An ARN of the `aws`, `aws-cn`, `aws-us-gov` or `aws-iso…` partitions whose Region (if any) is a Region code,
    /// account (if any) twelve digits, and resource made of letters, digits and `/_+=.@:,*-` (no spaces, quotes or
    /// shell metacharacters).
    public static func isARN(_ text: String) -> Bool {
        guard let arn = ARN(text), arn.partition == "aws" || arn.partition.hasPrefix("aws-"),
            arn.service.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") }),
            arn.region.isEmpty || isRegion(arn.region),
            arn.account.isEmpty || AccountId.isValid(arn.account), !arn.resource.isEmpty
        else { return false }
        return arn.resource.utf8.allSatisfy { isAlphanumeric($0) || "/_+=.@:,*-".utf8.contains($0) }
    }

    /// A CloudTrail trail name: 3 to 128 letters, digits, periods, underscores and hyphens.
    public static func isTrailName(_ text: String) -> Bool {
        isName(text, lengths: 3...128)
    }

    /// `lengths` ASCII letters, digits, periods, hyphens and underscores.
    private static func isName(_ text: String, lengths: ClosedRange<Int>) -> Bool {
        lengths.contains(text.utf8.count) && text.utf8.allSatisfy { isAlphanumeric($0) || "._-".utf8.contains($0) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
