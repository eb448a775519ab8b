import JSONSchema
import LintCore
import LintParsers

/// The FeedbackData schema: `schemas/feedback.schema.json` of the repository
/// being checked, else the built-in copy (identical to the one shipped in
/// this repository; a test keeps them in sync).
public struct FeedbackSchema: Sendable {
    public static let uri = "https://clubos.dev/schemas/feedback.schema.json"
    public static let relativePath = "schemas/feedback.schema.json"

    public let schema: CompiledSchema
    /// The file positions of schema errors point into (the repository's file, or `<built-in>`).
    public let file: String
    /// Problems with the repository's schema; when not empty, the built-in schema is used instead.
    public let problems: [String]

    /// Loads `<root>/schemas/feedback.schema.json` (other schemas in that
    /// directory may be referenced) with `format` asserted; falls back to the
    /// built-in schema when the file is missing or does not compile.
    public static func load(root: String) -> FeedbackSchema {
        let dir = root.hasSuffix("/") ? root + "schemas" : root + "/schemas"
        let path = dir + "/feedback.schema.json"
        var problems: [String] = []
        if FileIO.exists(path) {
            let registry = SchemaRegistry()
            _ = registry.loadDirectory(dir)
            let r = registry.compile(file: path, options: options)
            if let s = r.schema, r.errors.isEmpty {
                return FeedbackSchema(schema: s, file: path, problems: [])
            }
            problems = r.errors.isEmpty ? ["\(path): the schema could not be compiled"] : r.errors.map(\.description)
        }
        return FeedbackSchema(schema: builtin, file: "<built-in>", problems: problems)
    }

    static let options = SchemaOptions(defaultDraft: .draft2020_12, formatAssertion: true)

    /// The built-in schema, compiled once per process.
    public static let builtin: CompiledSchema = {
        let parsed = JSONParser.parse(SourceFile(path: "<built-in>/feedback.schema.json", text: embeddedText))
        let node = parsed.node ?? Node.scalar(.bool(true), .fileStart)
        // `compile(_ node:)` always returns a schema (errors are listed beside
        // it); the embedded text is a constant that a test compiles cleanly.
        guard let s = SchemaRegistry().compile(node, file: "<built-in>/feedback.schema.json", uri: uri, options: options).schema else {
            preconditionFailure("the built-in feedback schema is a compile-time constant")
        }
        return s
    }()

    /// A copy of `schemas/feedback.schema.json`.
    public static let embeddedText = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://clubos.dev/schemas/feedback.schema.json",
  "title": "FeedbackData",
  "description": "One feedback record on an AI assistant response in ClubOS V2 (one line of the feedback JSONL log).",
  "type": "object",
  "additionalProperties": false,
  "required": ["id", "timestamp", "query", "response", "assistant", "confidence", "feedback", "context"],
  "properties": {
    "id": {
      "description": "Unique identifier of the feedback record.",
      "type": "string"
    },
    "timestamp": {
      "description": "When the feedback was given: an RFC 3339 date-time with a time-zone offset (Z or ±hh:mm).",
      "type": "string",
      "format": "date-time",
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
    },
    "query": {
      "description": "The user's question as sent to the router.",
      "type": "string"
    },
    "response": {
      "description": "The assistant's answer the feedback is about.",
      "type": "string"
    },
    "assistant": {
      "description": "The router's assistant that answered.",
      "enum": ["Booking", "Emergency", "TechSupport", "BrandTone"]
    },
    "confidence": {
      "description": "The router's confidence in choosing the assistant, from 0 to 1.",
      "type": "number",
      "minimum": 0,
      "maximum": 1
    },
    "feedback": {
      "description": "The user's rating of the response.",
      "type": "object",
      "additionalProperties": false,
      "required": ["rating"],
      "properties": {
        "rating": {
          "description": "Whether the response helped.",
          "enum": ["helpful", "unhelpful"]
        },
        "reason": {
          "description": "Why the user rated the response this way.",
          "type": "string"
        },
        "correction": {
          "description": "The answer the user expected instead.",
          "type": "string"
        }
      }
    },
    "context": {
      "description": "Where the conversation happened.",
      "type": "object",
      "additionalProperties": false,
      "required": ["userId", "sessionId"],
      "properties": {
        "userId": {
          "description": "The user who gave the feedback.",
          "type": "string"
        },
        "location": {
          "description": "The club location the user was at.",
          "type": "string"
        },
        "sessionId": {
          "description": "The conversation session.",
          "type": "string"
        }
      }
    }
  }
}
"""#
}

/// Compiled schemas by repository root: each root is compiled once per
/// checker (thread-safe; `check` runs on several threads).
final class FeedbackSchemaCache: @unchecked Sendable {
    private let lock = Lock()
    private var byRoot: [String: FeedbackSchema] = [:]

    func schema(root: String) -> FeedbackSchema {
        lock.withLock {
            if let hit = byRoot[root] { return hit }
            let s = FeedbackSchema.load(root: root)
            byRoot[root] = s
            return s
        }
    }
}
