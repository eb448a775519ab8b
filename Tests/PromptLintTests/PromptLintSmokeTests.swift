import Testing
@testable import PromptLint
