/// Writes JSON text as it is told, appending to ``output``: containers are begun and ended, an object's members are
/// each a ``name(_:)`` followed by a value, and the writer puts in the commas and the ``Layout``'s white space.
///
/// ```swift
/// var writer = JSONWriter(layout: .indented)
/// writer.beginObject()
/// writer.name("count")
/// writer.number(2)
/// writer.endObject()
/// // writer.output == "{\n  \"count\": 2\n}"
/// ```
///
/// It does not check that what it is told makes one valid document (a name outside an object, a missing value):
/// the caller's calls have the document's shape.
public struct JSONWriter: Sendable {
    /// Where the writer puts white space.
    public enum Layout: Sendable {
        /// None: `{"a":[1,2]}`.
        case compact
        /// One line, a space after each comma and colon: `{"a": [1, 2]}`.
        case spaced
        /// Each member or element on a line of its own, indented by two spaces a level, a space after each colon;
        /// an empty container stays `{}` or `[]`. ``JSONValue/serialized(pretty:)`` prints this way.
        case indented
    }

    /// An open object or array.
    private struct Container {
        var layout: Layout
        var isObject: Bool
        var count = 0
    }

    /// The text written so far.
    public private(set) var output = ""
    private let layout: Layout
    private var open: [Container] = []
    /// A member name was written and its value is next.
    private var afterName = false

    /// A writer with nothing written, laying out every container as `layout` unless told otherwise.
    public init(layout: Layout = .compact) {
        self.layout = layout
    }

    /// A JSON string literal holding `text`, escaped as ``string(_:)`` escapes it.
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(text)
        return writer.output
    }

    /// Begins an object, laid out as `layout`, or as the container it is in (the writer's layout at the top).
    public mutating func beginObject(layout: Layout? = nil) {
        begin("{", isObject: true, layout: layout)
    }

    /// Ends the innermost object.
    public mutating func endObject() {
        end("}", isObject: true)
    }

    /// Begins an array, laid out as `layout`, or as the container it is in (the writer's layout at the top).
    public mutating func beginArray(layout: Layout? = nil) {
        begin("[", isObject: false, layout: layout)
    }

    /// Ends the innermost array.
    public mutating func endArray() {
        end("]", isObject: false)
    }

    /// Writes the name of the innermost object's next member; its value is written next.
    public mutating func name(_ name: String) {
        assert(open.last?.isObject == true && !afterName, "a member name belongs in an object, before a value")
        beginValue()
        appendQuoted(name)
        output += open.last?.layout == .compact ? ":" : ": "
        afterName = true
    }

    /// Writes a string: quotes, backslashes and the control characters U+0000 to U+001F are escaped (`\n`, `\r`, `\t`
    /// by name, the others as `\u00XX`); every other character, non-ASCII included, is written as it is.
    public mutating func string(_ value: String) {
        beginValue()
        appendQuoted(value)
    }

    /// Writes an integer.
    public mutating func number(_ value: Int) {
        beginValue()
        output += String(value)
    }

    /// Writes a number: a whole one of magnitude below 10^15 as an integer (`3.0` as `3`), any other in the shortest
    /// form that reads back as the same `Double`; infinities and NaN, which JSON cannot hold, as `null`.
    public mutating func number(_ value: Double) {
        beginValue()
        guard value.isFinite else {
            output += "null"
            return
        }
        output += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        beginValue()
        output += value ? "true" : "false"
    }

    /// Writes `null`.
    public mutating func null() {
        beginValue()
        output += "null"
    }

    private mutating func begin(_ bracket: String, isObject: Bool, layout: Layout?) {
        beginValue()
        output += bracket
        open.append(Container(layout: layout ?? open.last?.layout ?? self.layout, isObject: isObject))
    }

    private mutating func end(_ bracket: String, isObject: Bool) {
        assert(open.last?.isObject == isObject && !afterName, "\(bracket) does not close the innermost container")
        let container = open.removeLast()
        if container.layout == .indented, container.count > 0 { appendLineBreak() }
        output += bracket
    }

    /// Puts in what comes before a value, or before a member's name: the comma after the previous one, and the
    /// layout's white space.
    private mutating func beginValue() {
        if afterName {
            afterName = false
            return
        }
        guard let last = open.indices.last else { return }
        if open[last].count > 0 { output += open[last].layout == .spaced ? ", " : "," }
        open[last].count += 1
        if open[last].layout == .indented { appendLineBreak() }
    }

    /// A line break, then the indentation of the innermost open container's members.
    private mutating func appendLineBreak() {
        output += "\n"
        for _ in 0..<open.count { output += "  " }
    }

    private mutating func appendQuoted(_ text: String) {
        output += "\""
        if text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            appendEscaped(text)
        } else {
            output += text
        }
        output += "\""
    }

    private mutating func appendEscaped(_ text: String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += scalar.value < 0x10 ? "\\u000" : "\\u001"
                output += String(scalar.value & 0xF, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
