import Foundation
import LintCore
import LintParsers
import Testing
@testable import PromptLint

@Suite("Cross-file prompt and SOP checks")
struct CrossFileTests {
    static let body = "---\nname: NAME\ndescription: d\n---\nYou book golf simulator bays for members.\n"

    @Test func partialRunReportsTheSameFindingForTheCheckedFile() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for n in ["a", "b", "c"] {
            try write(Self.body.replacingOccurrences(of: "NAME", with: n), to: dir.appendingPathComponent("prompts/\(n).prompt"))
        }
        let a = dir.appendingPathComponent("prompts/a.prompt").path
        let full = PromptChecker().finish(context: CheckContext(root: dir.path, filesByKind: [.prompt: ["a", "b", "c"].map { dir.appendingPathComponent("prompts/\($0).prompt").path }]))
        let partial = PromptChecker().finish(context: CheckContext(root: dir.path, filesByKind: [.prompt: [a]]))
        #expect(full.count == 3)
        #expect(partial.count == 1)
        #expect(partial.first == full.first { $0.file == a })
        #expect(partial.first?.message.contains("prompts/b.prompt, prompts/c.prompt") == true)
        #expect(partial.first?.range.start.description == "5:1")
    }

    @Test func aFileReachedThroughASymlinkIsNotItsOwnDuplicate() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(Self.body.replacingOccurrences(of: "NAME", with: "a"), to: dir.appendingPathComponent("real/prompts/a.prompt"))
        try write("# Fire\nEvacuate.\n", to: dir.appendingPathComponent("real/sops/emergency/fire.md"))
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("link"), withDestinationURL: dir.appendingPathComponent("real"))
        let viaLink = dir.appendingPathComponent("link/prompts/a.prompt").path
        let sopViaLink = dir.appendingPathComponent("link/sops/emergency/fire.md").path
        let context = CheckContext(root: dir.appendingPathComponent("real").path, filesByKind: [.prompt: [viaLink], .sop: [sopViaLink]])
        #expect(PromptChecker().finish(context: context).isEmpty)
        #expect(SOPChecker().finish(context: context).isEmpty)
    }

    @Test func settingsChangeAssistantsAndTokenEstimate() throws {
        let settings = try #require(LintParsersBridge.yaml("prompt:\n  assistants: [Concierge]\n  chars_per_token: 1\n"))
        let context = CheckContext(root: "/nonexistent", settings: settings)
        let text = "---\nname: x\ndescription: d\nassistant: Concierge\nbudget: {max_tokens: 10}\n---\nThis body has more than ten characters.\n"
        let diags = PromptChecker().check(SourceFile(path: "prompts/x.prompt", text: text), context: context)
        #expect(diags.map(\.rule) == ["prompt/token-budget"])
        #expect(diags.first?.message.contains("estimate") == true)
        let s = PromptSettings(context: context)
        #expect(s.assistants == ["Concierge", "Router"])
        #expect(s.charsPerToken == 1)
    }
}

enum LintParsersBridge {
    static func yaml(_ text: String) -> Node? { YAMLLoader.load(SourceFile(path: "s.yaml", text: text)).document }
}
