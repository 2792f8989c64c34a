/// The two streams a command writes to.
public enum StandardStream: Sendable, Equatable {
    case standardOutput, standardError
}

/// Text meant for standard output and standard error, kept in the order it is written so that a terminal showing
/// both sees what the AWS CLI would show.
public struct StreamedText: Sendable, Equatable {
    /// A run of text for one stream.
    public struct Part: Sendable, Equatable {
        public var stream: StandardStream
        public var text: String
    }

    /// The runs in write order; two neighbours never share a stream.
    public private(set) var parts: [Part] = []

    public init() {}

    /// What standard output receives.
    public var standardOutput: String { text(of: .standardOutput) }

    /// What standard error receives.
    public var standardError: String { text(of: .standardError) }

    /// Both streams in write order, as a terminal shows them.
    public var merged: String { parts.map(\.text).joined() }

    /// Appends `text` to `stream`.
    public mutating func write(_ text: String, to stream: StandardStream) {
        guard !text.isEmpty else { return }
        if let last = parts.indices.last, parts[last].stream == stream {
            parts[last].text += text
        } else {
            parts.append(Part(stream: stream, text: text))
        }
    }

    /// Appends every run of `other`.
    public mutating func append(_ other: StreamedText) {
        for part in other.parts { write(part.text, to: part.stream) }
    }

    private func text(of stream: StandardStream) -> String {
        parts.filter { $0.stream == stream }.map(\.text).joined()
    }
}
