import Foundation
import LintCore
import LintParsers
import Testing
@testable import PromptLint

@Suite("ClubOS V2's own prompts")
struct RepositoryPromptsTests {
    static let expected = ["_house-tone.prompt", "booking.prompt", "brand-tone.prompt", "emergency.prompt", "router.prompt", "tech-support.prompt"]

    @Test func ownPromptsExist() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent("prompts").path).sorted()
        #expect(names == Self.expected)
    }

    @Test func ownPromptsHaveNoFindingsWithoutValidator() {
        let diags = runTree(root: repoRoot, validator: nil)
        #expect(diags.isEmpty, "\(render(diags))")
    }

    /// The test-only schema subset validator reads the real response schemas.
    @Test func ownExamplesMatchTheirResponseSchemas() {
        let diags = runTree(root: repoRoot, validator: FakeValidator())
        #expect(diags.isEmpty, "\(render(diags))")
    }

    @Test func everyAssistantPromptDeclaresJSONOutputAndIncludesHouseTone() throws {
        for name in Self.expected where !name.hasPrefix("_") {
            let path = repoRoot.appendingPathComponent("prompts/\(name)").path
            let file = SourceFile(path: path, bytes: [UInt8](FileManager.default.contents(atPath: path) ?? Data()))
            let range = try #require(YAMLLoader.frontMatterRange(in: file))
            let doc = try #require(YAMLLoader.load(file, byteRange: range).document)
            #expect(doc["output"]?["format"]?.stringValue == "json")
            let schema = try #require(doc["output"]?["schema"]?.stringValue)
            #expect(FileManager.default.fileExists(atPath: repoRoot.appendingPathComponent("schemas/\(schema)").path))
            #expect(doc["samples"]?.items?.isEmpty == false)
            #expect(file.text.contains("{{> house-tone}}"))
        }
    }

    /// schemas/prompt.schema.json documents exactly the keys the Swift checks accept.
    @Test func promptSchemaMatchesSwiftChecks() throws {
        let path = repoRoot.appendingPathComponent("schemas/prompt.schema.json").path
        let result = JSONParser.parse(SourceFile(path: path, bytes: [UInt8](FileManager.default.contents(atPath: path) ?? Data())))
        #expect(result.diagnostics.isEmpty)
        let schema = try #require(result.node)
        #expect(schema["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema")
        let props = try #require(schema["properties"]?.entries)
        #expect(props.map(\.keyText).sorted() == PromptFrontMatter.topLevelKeys.sorted())
        #expect(schema["required"]?.items?.compactMap(\.stringValue) == ["name", "description"])
        let inputProps = try #require(schema["properties"]?["inputs"]?["additionalProperties"]?["properties"]?.entries)
        #expect(inputProps.map(\.keyText).sorted() == PromptFrontMatter.inputKeys.sorted())
        #expect(schema["properties"]?["inputs"]?["additionalProperties"]?["properties"]?["type"]?["enum"]?.items?.compactMap(\.stringValue) == PromptFrontMatter.inputTypes)
        // Every property at every level carries a description.
        var work = [schema]
        var count = 0
        while let n = work.popLast(), count < 10_000 {
            count += 1
            if let ps = n["properties"]?.entries {
                for p in ps {
                    #expect(p.value["description"]?.stringValue?.isEmpty == false, "\(p.keyText) has no description")
                    work.append(p.value)
                }
            }
            for key in ["additionalProperties", "items", "propertyNames"] {
                if let sub = n[key], sub.entries != nil {
                    #expect(sub["description"] != nil, "\(key) has no description")
                    work.append(sub)
                }
            }
        }
    }
}
