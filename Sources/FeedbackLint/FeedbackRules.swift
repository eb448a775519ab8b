import LintCore

/// The feedback rules, in registry order.
public enum FeedbackRules {
    static let okLine = #"{"id":"fb_1","timestamp":"2026-11-03T10:15:00Z","query":"Can I book bay 2 at 6pm?","response":"Bay 2 is free at 6pm; I booked it.","assistant":"Booking","confidence":0.92,"feedback":{"rating":"helpful"},"context":{"userId":"u_17","sessionId":"s_204"}}"#

    /// The valid example line with the first `original` replaced by `replacement`.
    static func line(_ original: String, _ replacement: String) -> String {
        let hay = Array(okLine.unicodeScalars), needle = Array(original.unicodeScalars)
        guard !needle.isEmpty, hay.count >= needle.count else { return okLine }
        for i in 0...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: hay[..<i])
            out.append(contentsOf: replacement.unicodeScalars)
            out.append(contentsOf: hay[(i + needle.count)...])
            return String(out)
        }
        return okLine
    }

    public static let schema = RuleDescription(
        id: "feedback/schema", kind: .feedback, severity: .error,
        summary: "Reports a feedback record that does not match `schemas/feedback.schema.json` (FeedbackData), at the offending value.",
        rationale: "The learning pipeline reads FeedbackData records field by field; a missing field, a wrong type or an unknown rating breaks the import or, worse, is silently counted as something else.",
        help: "Make the record match schemas/feedback.schema.json: every required field present, ratings `helpful`/`unhelpful`, confidence a number from 0 to 1, timestamps RFC 3339 with an offset.",
        triggering: [
            RuleExample(line(#""confidence":0.92"#, #""confidence":↓1.5"#), path: "feedback/2026-11.jsonl"),
            RuleExample(line(#""rating":"helpful""#, #""rating":↓"great""#), path: "feedback/2026-11.jsonl"),
            RuleExample(line(#""timestamp":"2026-11-03T10:15:00Z""#, #""timestamp":↓"2026-11-03 10:15""#), path: "feedback/2026-11.jsonl"),
            RuleExample("↓" + line(#","context":{"userId":"u_17","sessionId":"s_204"}"#, ""), path: "feedback/2026-11.jsonl"),
            RuleExample("[\n  ↓\"not a record\"\n]\n", path: "feedback/seed.json"),
        ],
        nonTriggering: [
            RuleExample(okLine + "\n", path: "feedback/2026-11.jsonl"),
            RuleExample("[\n" + line(#""fb_1""#, #""fb_2""#) + "\n]\n", path: "feedback/seed.json"),
        ])

    public static let legacyRecord = RuleDescription(
        id: "feedback/legacy-record", kind: .feedback, severity: .error,
        summary: "Reports a record in the legacy unstructured shape (`{query, response, rating}` without `id` or `feedback`), once per record.",
        rationale: "Legacy records have no id, timestamp, assistant or context, so they cannot be deduplicated, attributed to an assistant or traced to a session; the structured FeedbackData format replaces them.",
        help: "Convert the file: clubos-lint feedback convert FILE --out feedback/converted.jsonl (see --assistant, --user-id, --session-id for fields the old lines lack).",
        triggering: [
            RuleExample(#"↓{"query": "Is bay 3 free?", "response": "Yes, until 8pm.", "rating": 1}"# + "\n", path: "feedback/legacy.jsonl"),
        ],
        nonTriggering: [RuleExample(okLine + "\n", path: "feedback/2026-11.jsonl")])

    public static let duplicateID = RuleDescription(
        id: "feedback/duplicate-id", kind: .feedback, severity: .error,
        summary: "Reports a record whose `id` was already used by an earlier record in any feedback file, naming the first occurrence.",
        rationale: "Ids key the feedback store: a duplicate overwrites or double-counts a rating, and corrections get attached to the wrong response.",
        help: "Give every record a unique id (the converter derives UUIDs from the source line); drop the copy if the record was duplicated.",
        triggering: [
            RuleExample(line(#""fb_1""#, #"↓"fb_1""#), path: "feedback/2026-11.jsonl", context: ["feedback/2026-10.jsonl": okLine + "\n"]),
            RuleExample(okLine + "\n" + line(#""fb_1""#, #"↓"fb_1""#) + "\n", path: "feedback/2026-11.jsonl"),
        ],
        nonTriggering: [
            RuleExample(line(#""fb_1""#, #""fb_2""#) + "\n", path: "feedback/2026-11.jsonl", context: ["feedback/2026-10.jsonl": okLine + "\n"]),
        ])

    public static let futureTimestamp = RuleDescription(
        id: "feedback/future-timestamp", kind: .feedback, severity: .error,
        summary: "Reports a record whose timestamp lies in the future by more than the allowed clock skew (`settings.feedback.max-clock-skew-seconds`, default 300).",
        rationale: "Feedback cannot be given before it is received: a future timestamp comes from a wrong client clock or a bad import and corrupts time-window reports and retention.",
        help: "Fix the timestamp (RFC 3339 with the real offset) or the clock of the system that wrote it.",
        triggering: [
            RuleExample(line(#""2026-11-03T10:15:00Z""#, #"↓"2999-01-01T00:00:00Z""#), path: "feedback/2026-11.jsonl"),
        ],
        nonTriggering: [
            RuleExample(line(#""2026-11-03T10:15:00Z""#, #""2026-11-03T11:15:00+01:00""#), path: "feedback/2026-11.jsonl"),
        ])

    public static let helpfulWithCorrection = RuleDescription(
        id: "feedback/helpful-with-correction", kind: .feedback, severity: .warning,
        summary: "Reports a `correction` or `reason` on a record rated `helpful`.",
        rationale: "Corrections and reasons explain what was wrong with a response and are fed back as training signal; on a helpful rating they usually mean the rating was inverted, and the correction would train the assistant against a good answer.",
        help: "Rate the response \"unhelpful\" if the correction is right, or remove the correction/reason.",
        triggering: [
            RuleExample(line(#""rating":"helpful"}"#, #""rating":"helpful",↓"correction":"Bay 2 is booked at 6pm."}"#), path: "feedback/2026-11.jsonl"),
            RuleExample(line(#""rating":"helpful"}"#, #""rating":"helpful",↓"reason":"wrong bay"}"#), path: "feedback/2026-11.jsonl"),
        ],
        nonTriggering: [
            RuleExample(line(#""rating":"helpful"}"#, #""rating":"unhelpful","reason":"wrong bay","correction":"Bay 2 is booked at 6pm."}"#), path: "feedback/2026-11.jsonl"),
        ])

    public static let emptyQuery = RuleDescription(
        id: "feedback/empty-query", kind: .feedback, severity: .error,
        summary: "Reports a record whose `query` is empty or only whitespace.",
        rationale: "A rating of a response to nothing cannot be attributed to a question; such records are usually client bugs and skew the helpfulness statistics.",
        help: "Drop the record or restore the user's question from the conversation log.",
        triggering: [
            RuleExample(line(#""Can I book bay 2 at 6pm?""#, #"↓"   ""#), path: "feedback/2026-11.jsonl"),
            RuleExample(line(#""Can I book bay 2 at 6pm?""#, #"↓"""#), path: "feedback/2026-11.jsonl"),
        ],
        nonTriggering: [RuleExample(okLine + "\n", path: "feedback/2026-11.jsonl")])

    public static let unknownAssistant = RuleDescription(
        id: "feedback/unknown-assistant", kind: .feedback, severity: .error,
        summary: "Reports an `assistant` that is not one of the configured assistants (`settings.feedback.assistants`, default Booking, Emergency, TechSupport, BrandTone).",
        rationale: "Feedback is aggregated per assistant; a misspelt or retired assistant name puts ratings where nobody looks at them.",
        help: "Use one of the configured assistant names (exact spelling), or add the new assistant to settings.feedback.assistants in .clubos-lint.yaml.",
        triggering: [
            RuleExample(line(#""Booking""#, #"↓"booking""#), path: "feedback/2026-11.jsonl"),
            RuleExample(line(#""Booking""#, #"↓"Router""#), path: "feedback/2026-11.jsonl"),
        ],
        nonTriggering: [RuleExample(line(#""Booking""#, #""TechSupport""#), path: "feedback/2026-11.jsonl")])

    public static let pii = RuleDescription(
        id: "feedback/pii", kind: .feedback, severity: .warning,
        summary: "Reports an e-mail address or phone number in a record's `query`, `response` or `correction` (shown masked).",
        rationale: "Feedback records become training and evaluation data; staff and customer contact details copied into them leak into data sets and prompts.",
        help: "Remove or mask the contact detail (e.g. [email], [phone]) before the record is stored.",
        triggering: [
            RuleExample(line(#""Can I book bay 2 at 6pm?""#, #""Call me on ↓+1 415 555 0100 about bay 2""#), path: "feedback/2026-11.jsonl"),
            RuleExample(line(#""Bay 2 is free at 6pm; I booked it.""#, #""Write to ↓jo.manager@clubos.dev for refunds""#), path: "feedback/2026-11.jsonl"),
        ],
        nonTriggering: [
            RuleExample(line(#""Can I book bay 2 at 6pm?""#, #""Booking 20261103 for 4 people at 18:00, ref 1700000000""#), path: "feedback/2026-11.jsonl"),
        ])

    /// Every feedback rule, in registry order.
    public static let all: [RuleDescription] = [
        schema, legacyRecord, duplicateID, futureTimestamp, helpfulWithCorrection, emptyQuery, unknownAssistant, pii,
    ]
}
