import CLibXML2
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// libxml2 helpers for tests: parse and schema-validate without printing.
enum XML {
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static let quiet = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// Parses `text`; returns the root element name, or nil when it is not well-formed.
    static func rootName(_ text: String) -> String? {
        _ = initialized
        let bytes = Array(text.utf8)
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlReadMemory($0, Int32(buf.count), "report.xml", "UTF-8", quiet)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc), let name = root.pointee.name else { return nil }
        return String(cString: name)
    }

    /// Values of attribute `attribute` on every element named `element`.
    static func attributes(_ text: String, element: String, attribute: String) -> [String]? {
        _ = initialized
        let bytes = Array(text.utf8)
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlReadMemory($0, Int32(buf.count), "report.xml", "UTF-8", quiet)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        var out: [String] = []
        var stack: [xmlNodePtr] = []
        if let root = xmlDocGetRootElement(doc) { stack.append(root) }
        while let node = stack.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name, String(cString: name) == element,
               let value = xmlGetProp(node, attribute) {
                out.append(String(cString: value))
                free(value)  // libxml2's default xmlFree; no custom allocator is installed
            }
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let c = child { children.append(c); child = c.pointee.next }
            stack.append(contentsOf: children.reversed())
        }
        return out
    }

    /// Number of schema violations of `text` against the XSD at `schema`, or nil if either does not parse.
    static func violations(_ text: String, schema: URL) -> Int? {
        _ = initialized
        guard let xsd = try? Data(contentsOf: schema) else { return nil }
        let schemaBytes = [UInt8](xsd)
        let parsed: xmlSchemaPtr? = schemaBytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { ptr -> xmlSchemaPtr? in
                    guard let pctxt = xmlSchemaNewMemParserCtxt(ptr, Int32(buf.count)) else { return nil }
                    defer { xmlSchemaFreeParserCtxt(pctxt) }
                    xmlSchemaSetParserStructuredErrors(pctxt, { _, _ in }, nil)
                    return xmlSchemaParse(pctxt)
                }
            }
        }
        guard let parsed else { return nil }
        defer { xmlSchemaFree(parsed) }
        let bytes = Array(text.utf8)
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlReadMemory($0, Int32(buf.count), "report.xml", "UTF-8", quiet)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let vctxt = xmlSchemaNewValidCtxt(parsed) else { return nil }
        defer { xmlSchemaFreeValidCtxt(vctxt) }
        xmlSchemaSetValidStructuredErrors(vctxt, { _, _ in }, nil)
        let rc = xmlSchemaValidateDoc(vctxt, doc)
        return rc < 0 ? nil : Int(rc)
    }
}
