import Testing
@testable import Reporters

