/// A line-by-line difference of two texts, from a longest common subsequence of their lines.
public struct TextDiff: Sendable, Equatable {
    /// One line of the diff.
    public enum Line: Sendable, Equatable {
        /// In both texts.
        case same(String)
        /// Only in the old text.
        case removed(String)
        /// Only in the new text.
        case added(String)
    }

    /// Every line of both texts in order; where lines are replaced, the removed ones come first.
    public let lines: [Line]

    /// Compares the lines of `old` and `new` (split at `\n`).
    public init(from old: String, to new: String) {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let oldMiddle = Array(a[head..<a.count - tail])
        let newMiddle = Array(b[head..<b.count - tail])
        lines = Self.slidDown(
            a[..<head].map { .same(String($0)) }
                + Self.middle(oldMiddle, newMiddle)
                + a[(a.count - tail)...].map { .same(String($0)) })
    }

    /// The diff in unified style: `--- oldName` and `+++ newName`, then hunks headed `@@ -start,count +start,count @@`
    /// whose lines start with `-` (removed), `+` (added) or a space (unchanged, `context` of them around each change).
    /// Empty when the texts are the same.
    public func unified(oldName: String, newName: String, context: Int = 3) -> String {
        let changed = lines.indices.filter { lines[$0].isChange }
        guard let firstChange = changed.first else { return "" }
        var hunks: [ClosedRange<Int>] = []
        var start = firstChange
        var last = firstChange
        for index in changed.dropFirst() {
            if index - last - 1 > 2 * context {
                hunks.append(max(0, start - context)...min(lines.count - 1, last + context))
                start = index
            }
            last = index
        }
        hunks.append(max(0, start - context)...min(lines.count - 1, last + context))

        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks {
            let before = lines[..<hunk.lowerBound]
            let body = lines[hunk]
            let oldBefore = before.filter(\.isInOld).count
            let newBefore = before.filter(\.isInNew).count
            let oldCount = body.filter(\.isInOld).count
            let newCount = body.filter(\.isInNew).count
            out += "@@ -\(Self.range(oldBefore, oldCount)) +\(Self.range(newBefore, newCount)) @@\n"
            for line in body {
                switch line {
                case .same(let text): out += " \(text)\n"
                case .removed(let text): out += "-\(text)\n"
                case .added(let text): out += "+\(text)\n"
                }
            }
        }
        return out
    }

    /// `start,count` as diff(1) prints it: 1-based start, `,count` left out for one line, start 0-based when empty.
    private static func range(_ linesBefore: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(linesBefore),0"
        case 1: return "\(linesBefore + 1)"
        default: return "\(linesBefore + 1),\(count)"
        }
    }

    /// `lines` with every block of only added or only removed lines moved as far down as unchanged lines equal to
    /// its first line allow: of the equally long diffs, the one that adds `},` `{` … `}` after a closing brace
    /// rather than `}` `},` `{` … before it.
    private static func slidDown(_ lines: [Line]) -> [Line] {
        var lines = lines
        var start = 0
        while start < lines.count {
            guard lines[start].isChange else {
                start += 1
                continue
            }
            var end = start
            while end < lines.count, lines[end].isChange, lines[end].isInOld == lines[start].isInOld { end += 1 }
            let isolated = start == 0 || !lines[start - 1].isChange
            while isolated, end < lines.count, case .same(let text) = lines[end], lines[start].text == text {
                lines[end] = lines[start]
                lines.remove(at: start)
                lines.insert(.same(text), at: start)
                start += 1
                end += 1
            }
            start = end
        }
        return lines
    }

    /// The diff of two line lists by dynamic programming over their longest common subsequence.
    private static func middle(_ a: [Substring], _ b: [Substring]) -> [Line] {
        let width = b.count + 1
        // common[i * width + j]: length of the longest common subsequence of a[i...] and b[j...].
        var common = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i * width + j] =
                    a[i] == b[j]
                    ? common[(i + 1) * width + j + 1] + 1
                    : max(common[(i + 1) * width + j], common[i * width + j + 1])
            }
        }
        var out: [Line] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append(.same(String(a[i])))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || common[(i + 1) * width + j] >= common[i * width + j + 1] {
                out.append(.removed(String(a[i])))
                i += 1
            } else {
                out.append(.added(String(b[j])))
                j += 1
            }
        }
        return out
    }
}

extension TextDiff.Line {
    fileprivate var isChange: Bool {
        if case .same = self { return false }
        return true
    }

    fileprivate var isInOld: Bool {
        if case .added = self { return false }
        return true
    }

    fileprivate var isInNew: Bool {
        if case .removed = self { return false }
        return true
    }

    fileprivate var text: String {
        switch self {
        case .same(let text), .removed(let text), .added(let text): return text
        }
    }
}
