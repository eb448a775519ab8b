import LintCore

/// Front matter for examples: `name: booking`, a description, and extra lines.
private func head(_ extra: String = "", name: String = "booking") -> String {
    "---\nname: \(name)\ndescription: Answers bay booking requests.\n\(extra)---\n"
}

private let requestInput = "inputs:\n  REQUEST: {type: string, required: true, untrusted: true}\n"
private let requestBody = "<request>{{REQUEST}}</request>\n"

/// The rules of `PromptChecker`, in registry order.
public enum PromptRules {
    public static let frontMatter = RuleDescription(
        id: "prompt/front-matter", kind: .prompt, severity: .error,
        summary: "Reports front matter that does not parse, misses `name` or `description`, has unknown keys, wrong types, or an `output.schema` that does not exist.",
        rationale: "The front matter declares the prompt's inputs, samples and output contract; when it is wrong every other check and the app's loader work from a broken declaration.",
        help: "Fix the front matter to the format in docs/prompts.md (schemas/prompt.schema.json).",
        triggering: [
            RuleExample("---\n↓name: booking\n↓descripton: Answers bay booking requests.\n---\nHello.\n", path: "prompts/booking.prompt"),
            RuleExample(head("temperature: ↓warm\n") + "Hello.\n", path: "prompts/booking.prompt"),
            RuleExample(head("output: {format: json, schema: ↓missing.schema.json}\n") + "Hello.\n", path: "prompts/booking.prompt"),
        ],
        nonTriggering: [
            RuleExample(head("temperature: 0.2\nmax_tokens: 500\n") + "Hello.\n", path: "prompts/booking.prompt"),
        ])

    public static let nameMismatch = RuleDescription(
        id: "prompt/name-mismatch", kind: .prompt, severity: .error,
        summary: "Reports a `name` that is not kebab-case or differs from the file stem.",
        rationale: "The app loads prompts by name; a name that differs from the file makes the file unfindable or loads the wrong twin.",
        help: "Set `name:` to the file name without extension (a partial `_x.prompt` is named `x`).",
        triggering: [
            RuleExample("---\nname: ↓bookings\ndescription: Answers bay booking requests.\n---\nHello.\n", path: "prompts/booking.prompt"),
            RuleExample("---\nname: ↓Booking_Prompt\ndescription: Answers bay booking requests.\n---\nHello.\n", path: "prompts/booking.prompt"),
        ],
        nonTriggering: [
            RuleExample(head() + "Hello.\n", path: "prompts/booking.prompt"),
            RuleExample(head(name: "house-tone") + "Be warm.\n", path: "prompts/_house-tone.prompt"),
        ])

    public static let unknownAssistant = RuleDescription(
        id: "prompt/unknown-assistant", kind: .prompt, severity: .error,
        summary: "Reports an `assistant` the router does not know (settings.prompt.assistants, default Booking, Emergency, TechSupport, BrandTone, plus Router).",
        rationale: "The router can only hand a request to an assistant it knows; a prompt for any other name is never used.",
        help: "Use one of the router's assistants, or add the new one to settings.prompt.assistants.",
        triggering: [RuleExample(head("assistant: ↓Concierge\n") + "Hello.\n", path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head("assistant: Booking\n") + "Hello.\n", path: "prompts/booking.prompt")])

    public static let parameterRange = RuleDescription(
        id: "prompt/parameter-range", kind: .prompt, severity: .error,
        summary: "Reports `temperature` outside 0…1 and `max_tokens` or `budget.max_tokens` that are not positive whole numbers or exceed the model's context window.",
        rationale: "The Anthropic API rejects such requests, so the assistant fails at run time instead of in CI.",
        help: "Use a temperature between 0 and 1 and a max_tokens between 1 and the context window.",
        triggering: [
            RuleExample(head("temperature: ↓1.5\n") + "Hello.\n", path: "prompts/booking.prompt"),
            RuleExample(head("max_tokens: ↓0\n") + "Hello.\n", path: "prompts/booking.prompt"),
        ],
        nonTriggering: [RuleExample(head("temperature: 1\nmax_tokens: 1024\n") + "Hello.\n", path: "prompts/booking.prompt")])

    public static let undeclaredVariable = RuleDescription(
        id: "prompt/undeclared-variable", kind: .prompt, severity: .error,
        summary: "Reports every use of a variable that is not a declared input (in the file itself, or through a partial at the `{{> partial}}` tag).",
        rationale: "Nobody fills an undeclared placeholder: it reaches Claude empty or as literal `{{NAME}}` text.",
        help: "Declare the name under `inputs:` or fix the typo.",
        triggering: [
            RuleExample(head(requestInput) + requestBody + "Greet ↓{{GUEST}} warmly; sign as ↓{{GUEST}}'s host.\n", path: "prompts/booking.prompt"),
            RuleExample(head(requestInput) + requestBody + "↓{{> house-tone}}\n", path: "prompts/booking.prompt",
                        context: ["prompts/_house-tone.prompt": "Address {{CLUB_NAME}} guests warmly.\n"]),
        ],
        nonTriggering: [
            RuleExample(head(requestInput + "  BAYS: {type: array}\n") + requestBody + "{{#BAYS}}Bay {{number}} is free.{{/BAYS}}\n", path: "prompts/booking.prompt"),
        ])

    public static let unusedInput = RuleDescription(
        id: "prompt/unused-input", kind: .prompt, severity: .warning,
        summary: "Reports a declared input that the template (and its partials) never uses.",
        rationale: "The caller collects and sends a value that never reaches Claude, usually because a placeholder was renamed in one place only.",
        help: "Use the input in the template or remove the declaration.",
        triggering: [RuleExample(head(requestInput + "  ↓BAY: {type: string}\n") + requestBody, path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head(requestInput) + requestBody, path: "prompts/booking.prompt")])

    public static let unresolvedPath = RuleDescription(
        id: "prompt/unresolved-path", kind: .prompt, severity: .error,
        summary: "Reports a dotted path into an input declared as a scalar, and `{{.}}` outside any section.",
        rationale: "The path can never resolve, so the text renders empty.",
        help: "Declare the input with type object or array, or use the input itself.",
        triggering: [
            RuleExample(head(requestInput) + "<request>↓{{REQUEST.text}}</request>\n", path: "prompts/booking.prompt"),
            RuleExample(head(requestInput) + requestBody + "Current: ↓{{.}}\n", path: "prompts/booking.prompt"),
        ],
        nonTriggering: [
            RuleExample(head(requestInput + "  GUEST: {type: object}\n") + requestBody + "Guest: {{GUEST.first_name}}\n", path: "prompts/booking.prompt"),
        ])

    public static let templateSyntax = RuleDescription(
        id: "prompt/template-syntax", kind: .prompt, severity: .error,
        summary: "Reports Mustache syntax errors: unclosed tags, unclosed sections (at the opening tag), mismatched or stray closing tags, bad set-delimiter tags.",
        rationale: "A broken template renders wrongly or not at all, and the error only shows up when a guest is waiting.",
        help: "Close every `{{#x}}`/`{{^x}}` with `{{/x}}` in the reverse order they were opened.",
        triggering: [
            RuleExample(head() + "↓{{#VIP}}Offer the lounge.\n", path: "prompts/booking.prompt"),
            RuleExample(head() + "{{#A}}{{#B}}x↓{{/A}}\n", path: "prompts/booking.prompt"),
            RuleExample(head() + "Hello ↓{{NAME\n", path: "prompts/booking.prompt"),
        ],
        nonTriggering: [
            RuleExample(head() + "{{=<% %>=}}<%! comment %>Literal {{braces}} stay.\n", path: "prompts/booking.prompt"),
        ])

    public static let missingPartial = RuleDescription(
        id: "prompt/missing-partial", kind: .prompt, severity: .error,
        summary: "Reports `{{> name}}` when neither `_name.prompt` nor `_name.md` exists beside the file or in prompts/.",
        rationale: "A missing partial renders as nothing, silently dropping shared instructions such as the house tone.",
        help: "Create the partial or fix the name.",
        triggering: [RuleExample(head() + "↓{{> house-tone}}\n", path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head() + "{{> house-tone}}\n", path: "prompts/booking.prompt",
                                    context: ["prompts/_house-tone.prompt": "Be warm and brief.\n"])])

    public static let circularPartial = RuleDescription(
        id: "prompt/circular-partial", kind: .prompt, severity: .error,
        summary: "Reports a partial include that leads back to itself.",
        rationale: "Rendering a cycle never ends (or is cut off arbitrarily by the renderer).",
        help: "Break the cycle: move the shared text into a third partial.",
        triggering: [RuleExample("Tone.\n↓{{> b}}\n", path: "prompts/_a.prompt", context: ["prompts/_b.prompt": "More.\n{{> a}}\n"])],
        nonTriggering: [RuleExample("Tone.\n{{> b}}\n", path: "prompts/_a.prompt", context: ["prompts/_b.prompt": "More.\n"])])

    public static let sampleRender = RuleDescription(
        id: "prompt/sample-render", kind: .prompt, severity: .error,
        summary: "Renders every sample and reports a variable with no value (and no default) or `{{`/`}}` left in the output.",
        rationale: "Samples are the prompt's tests: if a sample cannot fill the template, real requests will not either.",
        help: "Give the sample a value (or the input a default) for every variable it renders.",
        triggering: [
            RuleExample(head(requestInput + "  NOTE: {type: string}\nsamples:\n  - ↓REQUEST: Book bay 3 at 6pm\n") + requestBody + "Note: {{NOTE}}\n", path: "prompts/booking.prompt"),
            RuleExample(head(requestInput + "samples:\n  - ↓REQUEST: \"{{oops}}\"\n") + requestBody, path: "prompts/booking.prompt"),
        ],
        nonTriggering: [
            RuleExample(head(requestInput + "  NOTE: {type: string, default: none}\nsamples:\n  - REQUEST: Book bay 3 at 6pm\n") + requestBody + "Note: {{NOTE}}\n", path: "prompts/booking.prompt"),
        ])

    public static let sampleValues = RuleDescription(
        id: "prompt/sample-values", kind: .prompt, severity: .error,
        summary: "Reports a sample that lacks a required input, gives a value outside the input's enum or of the wrong type, or names an undeclared input.",
        rationale: "A sample that breaks the input contract tests nothing real, and hides that the template cannot handle real data.",
        help: "Make every sample a complete, valid input set.",
        triggering: [
            RuleExample(head(requestInput + "samples:\n  - ↓{}\n") + requestBody, path: "prompts/booking.prompt"),
            RuleExample(head(requestInput + "  LEVEL: {type: string, enum: [low, high]}\nsamples:\n  - REQUEST: Fire alarm\n    LEVEL: ↓urgent\n") + requestBody + "Level: {{LEVEL}}\n", path: "prompts/booking.prompt"),
        ],
        nonTriggering: [
            RuleExample(head(requestInput + "  LEVEL: {type: string, enum: [low, high]}\nsamples:\n  - REQUEST: Fire alarm\n    LEVEL: high\n") + requestBody + "Level: {{LEVEL}}\n", path: "prompts/booking.prompt"),
        ])

    public static let tokenBudget = RuleDescription(
        id: "prompt/token-budget", kind: .prompt, severity: .warning,
        summary: "Estimates the tokens of the longest rendered sample (characters / settings.prompt.chars_per_token, default 3.5) and reports it over `budget.max_tokens` or over the model's context window minus `max_tokens`.",
        rationale: "An over-long prompt costs money on every request, and one that does not fit the window fails outright.",
        help: "Shorten the prompt or the samples, or raise the budget deliberately.",
        triggering: [RuleExample(head(requestInput + "budget: {max_tokens: ↓10}\nsamples:\n  - REQUEST: Please book bay 3 for four players at 6pm on Friday\n") + requestBody, path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head(requestInput + "budget: {max_tokens: 2000}\nsamples:\n  - REQUEST: Book bay 3\n") + requestBody, path: "prompts/booking.prompt")])

    public static let xmlTags = RuleDescription(
        id: "prompt/xml-tags", kind: .prompt, severity: .warning,
        summary: "Reports XML tags outside code fences that are never closed, closed without being opened, or closed out of order.",
        rationale: "Claude relies on the tags to tell instructions from data; a broken tag merges the two.",
        help: "Close every tag, innermost first.",
        triggering: [
            RuleExample(head() + "↓<context>\nBays 1-8 are TrackMan.\n", path: "prompts/booking.prompt"),
            RuleExample(head() + "<a><b>x↓</a>\n", path: "prompts/booking.prompt"),
        ],
        nonTriggering: [
            RuleExample(head() + "<context>\nBays 1-8.<br>\n</context>\n```xml\n<unclosed>\n```\nUse `<tag>` like this.\n", path: "prompts/booking.prompt"),
        ])

    public static let untrustedOutsideTag = RuleDescription(
        id: "prompt/untrusted-outside-tag", kind: .prompt, severity: .warning,
        summary: "Reports an input marked `untrusted: true` that is placed outside any XML tag.",
        rationale: "Staff or guest text placed bare among the instructions can pose as instructions (prompt injection).",
        help: "Wrap the variable in a descriptive tag, e.g. `<request>{{REQUEST}}</request>`.",
        triggering: [RuleExample(head(requestInput) + "Request: ↓{{REQUEST}}\n", path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head(requestInput) + "<request>\n{{REQUEST}}\n</request>\n", path: "prompts/booking.prompt")])

    public static let emptySection = RuleDescription(
        id: "prompt/empty-section", kind: .prompt, severity: .warning,
        summary: "Reports a markdown heading with no content before the next heading of the same or higher level.",
        rationale: "An empty section is an instruction someone meant to write and did not.",
        help: "Write the section or remove the heading.",
        triggering: [RuleExample(head() + "## Role\nYou book bays.\n↓## Escalation\n## Tone\nWarm.\n", path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head() + "## Rules\n### Bays\nEight bays.\n## Tone\nWarm.\n", path: "prompts/booking.prompt")])

    public static let stubText = RuleDescription(
        id: "prompt/stub-text", kind: .prompt, severity: .warning,
        summary: "Reports stub text: `[To be completed]`, `TODO`, `TBD`, `Lorem ipsum`.",
        rationale: "Stubs ship to production and Claude treats them as instructions.",
        help: "Write the real content or remove the placeholder.",
        triggering: [RuleExample(head() + "## Refunds\n↓[To be completed]\n↓TODO: add the policy.\n", path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head() + "## Refunds\nRefunds within 24 hours; keep a to-do list.\n", path: "prompts/booking.prompt")])

    public static let repeatedLine = RuleDescription(
        id: "prompt/repeated-line", kind: .prompt, severity: .warning,
        summary: "Reports an instruction line (five words or more, outside code fences) that repeats an earlier line word for word.",
        rationale: "Copy-pasted instructions waste tokens and drift apart when only one copy is edited.",
        help: "Keep one copy.",
        triggering: [RuleExample(head() + "Answer in two sentences or fewer.\nBe friendly.\n↓Answer in two sentences or fewer.\n", path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head() + "Answer in two sentences or fewer.\nBe friendly.\n", path: "prompts/booking.prompt")])

    public static let jsonExample = RuleDescription(
        id: "prompt/json-example", kind: .prompt, severity: .error,
        summary: "Reports a fenced ```json example that does not parse, or shows pseudo-JSON alternatives such as `\"category\": \"a|b\"`.",
        rationale: "Claude copies the examples' shape: a broken or ambiguous example yields responses the app cannot parse.",
        help: "Show one complete, concrete response per example.",
        triggering: [
            RuleExample(head() + "```json\n{\"category\": ↓\"booking|emergency\"}\n```\n", path: "prompts/booking.prompt"),
            RuleExample(head() + "```json\n{\"a\": 1↓,}\n```\n", path: "prompts/booking.prompt"),
            RuleExample("# Router\n```json\n{\"category\": ↓\"booking|emergency\",\n \"confidence\": 0.0↓-1.0}\n```\n", path: "prompts/router.md"),
        ],
        nonTriggering: [RuleExample(head() + "```json\n{\"category\": \"booking\", \"confidence\": 0.9}\n```\n", path: "prompts/booking.prompt")])

    static let exampleSchema = """
    {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["assistant"],
     "properties": {"assistant": {"enum": ["Booking", "Emergency"]}}}
    """

    public static let jsonExampleSchema = RuleDescription(
        id: "prompt/json-example-schema", kind: .prompt, severity: .error,
        summary: "Validates each ```json example against the declared `output.schema` (needs the JSON Schema validator).",
        rationale: "Examples that the response schema rejects teach Claude to answer with values the app then refuses (enum drift).",
        help: "Change the example to a value the schema allows, or update the schema deliberately.",
        triggering: [RuleExample(head("output: {format: json, schema: router-response.schema.json}\n") + "```json\n{\"assistant\": ↓\"Concierge\"}\n```\n", path: "prompts/booking.prompt",
                                 context: ["schemas/router-response.schema.json": exampleSchema])],
        nonTriggering: [RuleExample(head("output: {format: json, schema: router-response.schema.json}\n") + "```json\n{\"assistant\": \"Booking\"}\n```\n", path: "prompts/booking.prompt",
                                    context: ["schemas/router-response.schema.json": exampleSchema])])

    public static let secret = RuleDescription(
        id: "prompt/secret", kind: .prompt, severity: .error,
        summary: "Reports API keys, tokens and private keys (Anthropic, OpenAI, AWS, GitHub, Slack, PEM), shown masked.",
        rationale: "A prompt is sent to the model, logged and kept in git: a secret in it is leaked.",
        help: "Remove the secret, rotate it, and load it from the environment.",
        triggering: [RuleExample(head() + "Use key ↓sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123.\n", path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head() + "The key comes from ANTHROPIC_API_KEY; ask-for-help is a skill.\n", path: "prompts/booking.prompt")])

    public static let pii = RuleDescription(
        id: "prompt/pii", kind: .prompt, severity: .warning,
        summary: "Reports e-mail addresses, phone numbers and Luhn-valid card numbers.",
        rationale: "Real personal data in a prompt is sent to the model on every request and kept in git.",
        help: "Use placeholders or template inputs instead of real contact or card data.",
        triggering: [RuleExample(head() + "Escalate to ↓ops.lead@clubhouse.com or ↓+1 415 555 0132; test card ↓4111 1111 1111 1111.\n", path: "prompts/booking.prompt")],
        nonTriggering: [RuleExample(head() + "Bays 1-8 open 2026-03-01 10:00; booking id 1234567.\n", path: "prompts/booking.prompt")])

    public static let duplicatePrompt = RuleDescription(
        id: "prompt/duplicate-prompt", kind: .prompt, severity: .warning,
        summary: "Reports prompt files whose bodies are the same after normalising whitespace, naming the other file.",
        rationale: "Copied prompts drift apart: a fix lands in one twin and the other keeps the bug.",
        help: "Keep one prompt; move shared text into a partial.",
        triggering: [RuleExample(head() + "↓You book golf simulator bays for members.\n", path: "prompts/booking.prompt",
                                 context: ["prompts/booking-v2.prompt": head(name: "booking-v2") + "You book  golf simulator bays\nfor members.\n"])],
        nonTriggering: [RuleExample(head() + "You book golf simulator bays for members.\n", path: "prompts/booking.prompt",
                                    context: ["prompts/emergency.prompt": head(name: "emergency") + "You handle emergencies at the club.\n"])])

    public static let all: [RuleDescription] = [
        frontMatter, nameMismatch, unknownAssistant, parameterRange,
        undeclaredVariable, unusedInput, unresolvedPath,
        templateSyntax, missingPartial, circularPartial,
        sampleRender, sampleValues, tokenBudget,
        xmlTags, untrustedOutsideTag, emptySection, stubText, repeatedLine,
        jsonExample, jsonExampleSchema,
        secret, pii, duplicatePrompt,
    ]
}

/// The rules of `SOPChecker`, in registry order.
public enum SOPRules {
    public static let pathShape = RuleDescription(
        id: "sop/path-shape", kind: .sop, severity: .error,
        summary: "Reports an SOP whose path is not exactly `sops/<kebab-category>/<kebab-section>.md`.",
        rationale: "The SOP loader finds documents by category and section from the path; other shapes are never loaded.",
        help: "Move the file to sops/<category>/<section>.md with kebab-case names.",
        triggering: [RuleExample("↓# Bay reset\nRestart the TrackMan PC.\n", path: "sops/Tech_Support/bay-reset.md")],
        nonTriggering: [RuleExample("# Bay reset\nRestart the TrackMan PC.\n", path: "sops/tech-support/bay-reset.md")])

    public static let title = RuleDescription(
        id: "sop/title", kind: .sop, severity: .warning,
        summary: "Reports an SOP that is empty, does not start with a `# ` title, or has a title and nothing else.",
        rationale: "Claude and staff find SOPs by their title; an empty SOP answers nothing.",
        help: "Start with one `# Title` line followed by the procedure.",
        triggering: [
            RuleExample("↓Restart the TrackMan PC.\n", path: "sops/tech-support/bay-reset.md"),
            RuleExample("↓# Bay reset\n\n", path: "sops/tech-support/bay-reset.md"),
        ],
        nonTriggering: [RuleExample("\n# Bay reset\n\n1. Restart the TrackMan PC.\n", path: "sops/tech-support/bay-reset.md")])

    public static let stubText = RuleDescription(
        id: "sop/stub-text", kind: .sop, severity: .warning,
        summary: "Reports stub text in an SOP: `[To be completed]`, `TODO`, `TBD`, `Lorem ipsum`.",
        rationale: "Claude follows SOPs literally; a stub step is a missing step.",
        help: "Write the step or remove the placeholder.",
        triggering: [RuleExample("# Fire\n1. ↓[To be completed]\n", path: "sops/emergency/fire.md")],
        nonTriggering: [RuleExample("# Fire\n1. Pull the alarm and evacuate all bays.\n", path: "sops/emergency/fire.md")])

    public static let secret = RuleDescription(
        id: "sop/secret", kind: .sop, severity: .error,
        summary: "Reports API keys, tokens and private keys in an SOP, shown masked.",
        rationale: "SOPs are read by Claude and kept in git: a secret in one is leaked.",
        help: "Remove the secret, rotate it, and keep it in the environment.",
        triggering: [RuleExample("# Door access\nUse token ↓xoxb-1234567890-abcdefghij.\n", path: "sops/tech-support/door-access.md")],
        nonTriggering: [RuleExample("# Door access\nThe token is in the password manager.\n", path: "sops/tech-support/door-access.md")])

    public static let duplicateSection = RuleDescription(
        id: "sop/duplicate-section", kind: .sop, severity: .warning,
        summary: "Reports a section name used in more than one category.",
        rationale: "Claude looks SOPs up by section; two with the same name give conflicting procedures.",
        help: "Merge the two, or give each a distinct section name.",
        triggering: [RuleExample("↓# Bay reset\nRestart the PC.\n", path: "sops/tech-support/bay-reset.md",
                                 context: ["sops/booking/bay-reset.md": "# Bay reset\nRebook the guest.\n"])],
        nonTriggering: [RuleExample("# Bay reset\nRestart the PC.\n", path: "sops/tech-support/bay-reset.md",
                                    context: ["sops/booking/rebook.md": "# Rebook\nRebook the guest.\n"])])

    public static let all: [RuleDescription] = [pathShape, title, stubText, secret, duplicateSection]
}
