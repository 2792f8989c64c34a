import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML element with its children and text, enough to read AWS's REST-XML and query answers.
public final class XMLDocumentTree: Sendable {
    /// The local name (namespace prefixes removed).
    public let name: String
    public let children: [XMLDocumentTree]
    /// The element's own text, trimmed of surrounding whitespace only when it also has children.
    public let text: String

    init(name: String, children: [XMLDocumentTree], text: String) {
        self.name = name
        self.children = children
        self.text = text
    }

    /// The first child named `name`.
    public func child(_ name: String) -> XMLDocumentTree? { children.first { $0.name == name } }

    /// Every child named `name`, in order.
    public func children(_ name: String) -> [XMLDocumentTree] { children.filter { $0.name == name } }

    /// The first element named `name` in this subtree, depth first, this element included.
    public func first(_ name: String) -> XMLDocumentTree? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// Parses an XML document; throws when it is not well-formed.
    public static func parse(_ data: Data) throws -> XMLDocumentTree {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLParseError(reason: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }
}

/// An XML body that is not well-formed.
public struct XMLParseError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "malformed XML: \(reason)" }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    private struct Open {
        var name: String
        var children: [XMLDocumentTree] = []
        var text = ""
    }

    private var stack: [Open] = []
    var root: XMLDocumentTree?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(Open(name: local))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let open = stack.popLast() else { return }
        let text = open.children.isEmpty ? open.text : open.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let element = XMLDocumentTree(name: open.name, children: open.children, text: text)
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }
}
