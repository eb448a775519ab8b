import Testing
@testable import WorkflowLint
