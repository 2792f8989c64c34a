extension BinaryInteger {
    /// The quotient rounded towards negative infinity, as day numbers of times before 1970 need.
    public func floorDivided(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
