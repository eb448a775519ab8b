import LintCore
// Static knowledge about GitHub Actions workflows: keys, events, labels,
// permissions, contexts and functions.

enum WorkflowData {
    static let workflowKeys: Set<String> = ["name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs"]
    static let jobKeys: Set<String> = [
        "name", "permissions", "needs", "if", "runs-on", "snapshot", "environment", "concurrency", "outputs", "env",
        "defaults", "steps", "timeout-minutes", "strategy", "continue-on-error", "container", "services", "uses",
        "with", "secrets",
    ]
    /// Keys a job that calls a reusable workflow may have.
    static let reusableJobKeys: Set<String> = ["name", "uses", "with", "secrets", "needs", "if", "permissions", "strategy", "concurrency"]
    static let stepKeys: Set<String> = [
        "id", "if", "name", "uses", "run", "working-directory", "shell", "with", "env", "continue-on-error", "timeout-minutes",
    ]
    static let strategyKeys: Set<String> = ["matrix", "fail-fast", "max-parallel"]
    static let containerKeys: Set<String> = ["image", "credentials", "env", "ports", "volumes", "options"]
    static let serviceKeys: Set<String> = ["image", "credentials", "env", "ports", "volumes", "options", "entrypoint", "command"]
    static let credentialsKeys: Set<String> = ["username", "password"]
    static let defaultsKeys: Set<String> = ["run"]
    static let defaultsRunKeys: Set<String> = ["shell", "working-directory"]
    static let concurrencyKeys: Set<String> = ["group", "cancel-in-progress", "queue"]
    static let environmentKeys: Set<String> = ["name", "url", "deployment"]
    static let runsOnKeys: Set<String> = ["group", "labels"]
    static let dispatchInputKeys: Set<String> = ["description", "required", "default", "type", "options", "deprecationMessage"]
    static let callInputKeys: Set<String> = ["description", "required", "default", "type"]
    static let callOutputKeys: Set<String> = ["description", "value"]
    static let callSecretKeys: Set<String> = ["description", "required"]

    static let filterKeys: Set<String> = ["branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore"]

    /// Event name → allowed activity types (nil: the event takes no `types`;
    /// empty: any type is accepted).
    static let events: [String: [String]?] = [
        "branch_protection_rule": ["created", "edited", "deleted"],
        "check_run": ["created", "rerequested", "completed", "requested_action"],
        "check_suite": ["completed"],
        "create": nil,
        "delete": nil,
        "deployment": nil,
        "deployment_status": nil,
        "discussion": [
            "created", "edited", "deleted", "transferred", "pinned", "unpinned", "labeled", "unlabeled", "locked",
            "unlocked", "category_changed", "answered", "unanswered",
        ],
        "discussion_comment": ["created", "edited", "deleted"],
        "fork": nil,
        "gollum": nil,
        "image_version": [],
        "issue_comment": ["created", "edited", "deleted"],
        "issues": [
            "opened", "edited", "deleted", "transferred", "pinned", "unpinned", "closed", "reopened", "assigned",
            "unassigned", "labeled", "unlabeled", "locked", "unlocked", "milestoned", "demilestoned", "typed", "untyped",
        ],
        "label": ["created", "edited", "deleted"],
        "merge_group": ["checks_requested"],
        "milestone": ["created", "closed", "opened", "edited", "deleted"],
        "page_build": nil,
        "project": ["created", "closed", "reopened", "edited", "deleted"],
        "project_card": ["created", "moved", "converted", "edited", "deleted"],
        "project_column": ["created", "updated", "moved", "deleted"],
        "public": nil,
        "pull_request": pullRequestTypes,
        "pull_request_review": ["submitted", "edited", "dismissed"],
        "pull_request_review_comment": ["created", "edited", "deleted"],
        "pull_request_target": pullRequestTypes,
        "push": nil,
        "registry_package": ["published", "updated"],
        "release": ["published", "unpublished", "created", "edited", "deleted", "prereleased", "released"],
        "repository_dispatch": [],
        "schedule": nil,
        "status": nil,
        "watch": ["started"],
        "workflow_call": nil,
        "workflow_dispatch": nil,
        "workflow_run": ["completed", "requested", "in_progress"],
    ]

    static let pullRequestTypes = [
        "assigned", "unassigned", "labeled", "unlabeled", "opened", "edited", "closed", "reopened", "synchronize",
        "converted_to_draft", "locked", "unlocked", "enqueued", "dequeued", "milestoned", "demilestoned",
        "ready_for_review", "review_requested", "review_request_removed", "auto_merge_enabled", "auto_merge_disabled",
    ]

    /// Filters each event accepts.
    static func eventKeys(_ event: String) -> Set<String> {
        switch event {
        case "push": return ["branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore"]
        case "pull_request", "pull_request_target": return ["types", "branches", "branches-ignore", "paths", "paths-ignore"]
        case "workflow_run": return ["types", "workflows", "branches", "branches-ignore"]
        case "workflow_dispatch": return ["inputs"]
        case "workflow_call": return ["inputs", "outputs", "secrets"]
        case "merge_group": return ["types", "branches", "branches-ignore"]
        case "image_version": return ["types", "names", "versions"]
        default: return ["types"]
        }
    }

    static let hostedLabels: Set<String> = [
        "ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm", "ubuntu-slim",
        "windows-latest", "windows-2025", "windows-2022", "windows-11-arm",
        "macos-latest", "macos-26", "macos-15", "macos-14", "macos-13", "macos-15-intel",
        "macos-latest-large", "macos-26-large", "macos-15-large", "macos-14-large", "macos-13-large",
        "macos-latest-xlarge", "macos-26-xlarge", "macos-15-xlarge", "macos-14-xlarge", "macos-13-xlarge",
    ]
    /// GitHub-hosted images that GitHub has retired.
    static let retiredLabels: Set<String> = [
        "ubuntu-16.04", "ubuntu-18.04", "ubuntu-20.04", "windows-2016", "windows-2019", "macos-10.15", "macos-11", "macos-12",
    ]
    /// Labels every self-hosted runner has.
    static let selfHostedDefaultLabels: Set<String> = ["self-hosted", "linux", "windows", "macos", "x64", "arm", "arm64"]

    static let permissionScopes: Set<String> = [
        "actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token", "issues", "models",
        "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses",
    ]

    static func permissionLevels(_ scope: String) -> [String] {
        switch scope {
        case "id-token": return ["write", "none"]
        case "models": return ["read", "none"]
        default: return ["read", "write", "none"]
        }
    }

    static let shells: Set<String> = ["bash", "sh", "pwsh", "powershell", "cmd", "python"]

    static let dispatchInputTypes: Set<String> = ["string", "boolean", "choice", "number", "environment"]
    static let callInputTypes: Set<String> = ["string", "boolean", "number"]

    static let allContexts: Set<String> = ["github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs", "inputs"]

    /// Functions: name (lowercased) → (display name, minimum arguments, maximum arguments or nil for variadic).
    static let functions: [String: (name: String, min: Int, max: Int?)] = [
        "contains": ("contains", 2, 2),
        "startswith": ("startsWith", 2, 2),
        "endswith": ("endsWith", 2, 2),
        "format": ("format", 1, nil),
        "join": ("join", 1, 2),
        "tojson": ("toJSON", 1, 1),
        "fromjson": ("fromJSON", 1, 1),
        "hashfiles": ("hashFiles", 1, nil),
        "success": ("success", 0, 0),
        "always": ("always", 0, 0),
        "cancelled": ("cancelled", 0, 0),
        "failure": ("failure", 0, 0),
        "case": ("case", 3, nil),
    ]

    /// Known properties of contexts whose shape is fixed (lowercased).
    static let contextProperties: [String: Set<String>] = [
        "github": [
            "action", "action_path", "action_ref", "action_repository", "action_status", "actor", "actor_id", "api_url",
            "base_ref", "env", "event", "event_name", "event_path", "graphql_url", "head_ref", "job", "path", "ref",
            "ref_name", "ref_protected", "ref_type", "repository", "repository_id", "repository_owner",
            "repository_owner_id", "repositoryurl", "repository_visibility", "retention_days", "run_id", "run_number", "run_attempt",
            "secret_source", "server_url", "sha", "token", "triggering_actor", "workflow", "workflow_ref",
            "workflow_sha", "workspace", "output", "state", "step_summary", "job_workflow_sha",
        ],
        "runner": ["name", "os", "arch", "temp", "tool_cache", "debug", "environment", "workspace"],
        "job": [
            "container", "services", "status", "check_run_id", "workflow_ref", "workflow_sha", "workflow_repository",
            "workflow_file_path",
        ],
        "strategy": ["fail-fast", "job-index", "job-total", "max-parallel"],
    ]

    /// Property paths of untrusted input (lowercased; `*` matches any one segment).
    static let untrustedPaths: [[String]] = [
        "github.head_ref",
        "github.event.issue.title", "github.event.issue.body",
        "github.event.pull_request.title", "github.event.pull_request.body",
        "github.event.pull_request.head.ref", "github.event.pull_request.head.label",
        "github.event.pull_request.head.repo.default_branch", "github.event.pull_request.head.repo.description",
        "github.event.pull_request.head.repo.homepage",
        "github.event.comment.body", "github.event.review.body", "github.event.review_comment.body",
        "github.event.discussion.title", "github.event.discussion.body",
        "github.event.pages.*.page_name",
        "github.event.head_commit.message", "github.event.head_commit.author.email", "github.event.head_commit.author.name",
        "github.event.head_commit.committer.email", "github.event.head_commit.committer.name",
        "github.event.commits.*.message", "github.event.commits.*.author.email", "github.event.commits.*.author.name",
        "github.event.commits.*.committer.email", "github.event.commits.*.committer.name",
        "github.event.workflow_run.head_branch", "github.event.workflow_run.head_commit.message",
        "github.event.workflow_run.head_commit.author.email", "github.event.workflow_run.head_commit.author.name",
        "github.event.workflow_run.display_title",
        "github.event.workflow_run.pull_requests.*.head.ref",
    ].map { $0.split(separator: ".").map(String.init) }

    /// Contexts available at each workflow key (GitHub's context availability table).
    enum Place: String {
        case runName = "run-name"
        case workflowConcurrency = "concurrency"
        case workflowEnv = "env"
        case callInputDefault = "on.workflow_call.inputs.<id>.default"
        case callOutputValue = "on.workflow_call.outputs.<id>.value"
        case jobName = "jobs.<id>.name"
        case jobIf = "jobs.<id>.if"
        case jobRunsOn = "jobs.<id>.runs-on"
        case jobEnv = "jobs.<id>.env"
        case jobEnvironment = "jobs.<id>.environment"
        case jobEnvironmentURL = "jobs.<id>.environment.url"
        case jobConcurrency = "jobs.<id>.concurrency"
        case jobOutputs = "jobs.<id>.outputs"
        case jobStrategy = "jobs.<id>.strategy"
        case jobContinueOnError = "jobs.<id>.continue-on-error"
        case jobTimeout = "jobs.<id>.timeout-minutes"
        case jobDefaultsRun = "jobs.<id>.defaults.run"
        case jobContainer = "jobs.<id>.container"
        case jobContainerCredentials = "jobs.<id>.container.credentials"
        case jobContainerEnv = "jobs.<id>.container.env"
        case jobServices = "jobs.<id>.services"
        case jobServicesCredentials = "jobs.<id>.services.<id>.credentials"
        case jobServicesEnv = "jobs.<id>.services.<id>.env"
        case jobWith = "jobs.<id>.with"
        case jobSecrets = "jobs.<id>.secrets"
        case stepIf = "jobs.<id>.steps.if"
        case stepName = "jobs.<id>.steps.name"
        case stepRun = "jobs.<id>.steps.run"
        case stepEnv = "jobs.<id>.steps.env"
        case stepWith = "jobs.<id>.steps.with"
        case stepOther = "jobs.<id>.steps"

        var contexts: Set<String> {
            switch self {
            case .runName, .workflowConcurrency: return ["github", "inputs", "vars"]
            case .workflowEnv: return ["github", "secrets", "inputs", "vars"]
            case .callInputDefault: return ["github", "inputs", "vars"]
            case .callOutputValue: return ["github", "jobs", "vars", "inputs"]
            case .jobIf, .jobStrategy: return ["github", "needs", "vars", "inputs"]
            case .jobName, .jobRunsOn, .jobEnvironment, .jobConcurrency, .jobContinueOnError, .jobTimeout, .jobContainer,
                 .jobServices, .jobWith:
                return ["github", "needs", "strategy", "matrix", "vars", "inputs"]
            case .jobEnv, .jobSecrets: return ["github", "needs", "strategy", "matrix", "vars", "secrets", "inputs"]
            case .jobEnvironmentURL: return ["github", "needs", "strategy", "matrix", "job", "runner", "env", "vars", "steps", "inputs"]
            case .jobOutputs: return ["github", "needs", "strategy", "matrix", "job", "runner", "env", "vars", "secrets", "steps", "inputs"]
            case .jobDefaultsRun: return ["github", "needs", "strategy", "matrix", "env", "vars", "inputs"]
            case .jobContainerCredentials, .jobServicesCredentials:
                return ["github", "needs", "strategy", "matrix", "env", "vars", "secrets", "inputs"]
            case .jobContainerEnv, .jobServicesEnv:
                return ["github", "needs", "strategy", "matrix", "job", "runner", "env", "vars", "secrets", "inputs"]
            case .stepIf: return ["github", "needs", "strategy", "matrix", "job", "runner", "env", "vars", "steps", "inputs"]
            case .stepName, .stepRun, .stepEnv, .stepWith, .stepOther:
                return ["github", "needs", "strategy", "matrix", "job", "runner", "env", "vars", "secrets", "steps", "inputs"]
            }
        }

        /// Special functions allowed here (lowercased).
        var specialFunctions: Set<String> {
            switch self {
            case .jobIf: return ["always", "cancelled", "success", "failure"]
            case .stepIf: return ["always", "cancelled", "success", "failure", "hashfiles"]
            case .stepName, .stepRun, .stepEnv, .stepWith, .stepOther: return ["hashfiles"]
            default: return []
            }
        }
    }
}

/// The closest candidate within a small edit distance, for "did you mean".
func suggestion(for word: String, in candidates: some Sequence<String>) -> String? {
    let lw = word.lowercased()
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(lw, c.lowercased())
        let limit = max(1, min(3, c.count / 3))
        guard d <= limit else { continue }
        if let b = best, d > b.1 || (d == b.1 && c >= b.0) { continue }
        best = (c, d)
    }
    return best?.0
}

func didYouMean(_ word: String, _ candidates: some Sequence<String>) -> String {
    if let s = suggestion(for: word, in: candidates) { return " Did you mean `\(s)`?" }
    return ""
}
