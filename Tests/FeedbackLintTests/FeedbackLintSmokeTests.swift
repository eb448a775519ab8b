import Testing
@testable import FeedbackLint
