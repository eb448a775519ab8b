import LintCore

/// The explicit registry of workflow rules.
public enum WorkflowRules {
    static let path = ".github/workflows/ci.yml"

    static func ex(_ code: String, context: [String: String] = [:]) -> RuleExample {
        RuleExample(code, path: path, context: context)
    }

    static func rule(
        _ name: String, _ severity: Severity = .error, summary: String, rationale: String, help: String,
        triggering: [RuleExample], nonTriggering: [RuleExample]
    ) -> RuleDescription {
        RuleDescription(
            id: "workflow/" + name, kind: .workflow, severity: severity, summary: summary, rationale: rationale,
            help: help, triggering: triggering, nonTriggering: nonTriggering)
    }

    /// A minimal valid job, to build examples from.
    static let job = "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"

    public static let syntax = rule(
        "syntax",
        summary: "Reports workflow structure errors: unknown keys, missing required keys (`on`, `jobs`, `runs-on`, a step's `run` or `uses`), values of the wrong type and empty mappings or lists.",
        rationale: "GitHub rejects a workflow with structural errors when it is pushed, or silently ignores a misspelled key, so the job runs without the setting the author intended.",
        help: "Fix the key or value at the reported position; the message names the expected keys or type.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    ↓timeout: 10\n    steps:\n      - run: make\n"),
            ex("on: push\njobs:\n  ↓build:\n    steps:\n      - run: make\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - ↓name: nothing to do\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: ↓-5\n    steps:\n      - run: make\n"),
            ex("on: push\njobs: ↓{}\n"),
        ],
        nonTriggering: [
            ex("on: push\n" + job),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: ${{ inputs.minutes }}\n    continue-on-error: true\n    steps:\n      - uses: actions/checkout@v5\n      - run: make\n"),
        ])

    public static let id = rule(
        "id",
        summary: "Checks job, step and input ids: the syntax `^[A-Za-z_][A-Za-z0-9_-]*$` and uniqueness, compared case-insensitively.",
        rationale: "GitHub rejects ids with other characters, and ids that differ only in case collide: `needs`, `steps.<id>` and `inputs.<id>` cannot tell them apart.",
        help: "Start ids with a letter or `_`, use only letters, digits, `-` and `_`, and give every job, step and input a distinct id.",
        triggering: [
            ex("on: push\njobs:\n  ↓1build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - id: compile\n        run: make\n      - id: ↓Compile\n        run: make test\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  ↓Build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build_1:\n    runs-on: ubuntu-latest\n    steps:\n      - id: compile-all\n        run: make\n      - id: test\n        run: make test\n"),
        ])

    public static let events = rule(
        "events",
        summary: "Checks the events in `on:`: known event names, their activity `types`, which filters each event accepts, and filters that exclude each other (`branches` with `branches-ignore`).",
        rationale: "A misspelled event or activity type never fires, so the workflow silently stops running; GitHub rejects `branches` together with `branches-ignore` for the same event.",
        help: "Use an event and activity types from GitHub's list of workflow triggers; write exclusions as `!pattern` inside `branches`.",
        triggering: [
            ex("on:\n  ↓pull-request:\n    branches: [main]\n" + job),
            ex("on:\n  issues:\n    types: [↓open]\n" + job),
            ex("on:\n  push:\n    branches: [main]\n    ↓branches-ignore: [dev]\n" + job),
        ],
        nonTriggering: [
            ex("on:\n  pull_request:\n    types: [opened, synchronize]\n    branches: [main, 'releases/**']\n  push:\n    branches: [main, '!dependabot/**']\n    tags: ['v*']\n" + job),
        ])

    public static let glob = rule(
        "glob",
        summary: "Checks the glob syntax of `branches`, `tags` and `paths` filters (unclosed `[`, empty patterns, characters Git refs cannot contain).",
        rationale: "A malformed pattern never matches, so the workflow does not run for the branches, tags or paths the author meant.",
        help: "Close character classes with `]`, and do not use spaces, `~`, `^`, `:` or `..` in branch and tag patterns.",
        triggering: [
            ex("on:\n  push:\n    branches: ['release/↓[0-9']\n" + job),
            ex("on:\n  push:\n    tags: ['v1↓:2']\n" + job),
        ],
        nonTriggering: [
            ex("on:\n  push:\n    branches: ['release/[0-9]*', '!release/old']\n    paths: ['src/**', '!**.md']\n" + job),
        ])

    public static let cron = rule(
        "cron",
        summary: "Checks `schedule` cron expressions: five fields, valid numbers, names, ranges and steps.",
        rationale: "GitHub rejects invalid cron expressions or never runs the schedule, so the scheduled job silently never happens.",
        help: "Write five fields `minute hour day-of-month month day-of-week`, e.g. `30 5 * * 1-5`.",
        triggering: [
            ex("on:\n  schedule:\n    - cron: '0 ↓24 * * *'\n" + job),
            ex("on:\n  schedule:\n    - cron: '↓0 3 * *'\n" + job),
        ],
        nonTriggering: [
            ex("on:\n  schedule:\n    - cron: '30 5 * * MON-FRI'\n    - cron: '*/15 0-6 1,15 JAN-JUN 0'\n" + job),
        ])

    public static let cronFrequency = rule(
        "cron-frequency", .warning,
        summary: "Warns about schedules that fire more often than every 5 minutes.",
        rationale: "GitHub runs scheduled workflows at most once every 5 minutes; a shorter interval is silently stretched, so the schedule does not do what it says.",
        help: "Use an interval of at least 5 minutes, e.g. `*/5 * * * *`.",
        triggering: [
            ex("on:\n  schedule:\n    - cron: '↓* * * * *'\n" + job),
            ex("on:\n  schedule:\n    - cron: '↓0,2 * * * *'\n" + job),
        ],
        nonTriggering: [
            ex("on:\n  schedule:\n    - cron: '*/5 * * * *'\n    - cron: '0,30 * * * *'\n" + job),
        ])

    public static let inputs = rule(
        "inputs",
        summary: "Checks `workflow_dispatch` and `workflow_call` inputs: the type (string, boolean, choice, number, environment), `options` for choice inputs, and defaults that match the type and options.",
        rationale: "GitHub rejects inputs with an unknown type or a choice without options, and a default outside the options makes the run form unusable.",
        help: "Set a valid `type`; for `choice` list `options` and pick the default among them; give boolean and number inputs a default of that type.",
        triggering: [
            ex("on:\n  workflow_dispatch:\n    inputs:\n      level:\n        type: ↓text\n" + job),
            ex("on:\n  workflow_dispatch:\n    inputs:\n      env:\n        type: choice\n        options: [staging, production]\n        default: ↓prod\n" + job),
            ex("on:\n  workflow_dispatch:\n    inputs:\n      dry-run:\n        type: boolean\n        default: ↓maybe\n" + job),
        ],
        nonTriggering: [
            ex("on:\n  workflow_dispatch:\n    inputs:\n      env:\n        type: choice\n        options: [staging, production]\n        default: staging\n      dry-run:\n        type: boolean\n        default: true\n      count:\n        type: number\n        default: 3\n" + job),
        ])

    public static let runnerLabel = rule(
        "runner-label",
        summary: "Checks `runs-on` labels against GitHub-hosted runner labels and the self-hosted labels listed in `settings.workflow.self-hosted-labels`.",
        rationale: "A job whose labels match no runner waits in the queue until it times out, a day later.",
        help: "Use a GitHub-hosted label such as `ubuntu-latest`, or list your self-hosted runner labels in the configuration.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ↓ubuntu-lastest\n    steps:\n      - run: make\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: [self-hosted, ↓gpu-box]\n    steps:\n      - run: make\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-24.04, windows-latest, macos-15]\n    steps:\n      - run: make\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: [self-hosted, linux, x64]\n    steps:\n      - run: make\n"),
        ])

    public static let permissions = rule(
        "permissions",
        summary: "Checks `permissions`: known scopes, their levels (`read`, `write`, `none`; `id-token` only `write`/`none`, `models` only `read`/`none`), and `read-all`/`write-all`.",
        rationale: "GitHub rejects a workflow with an unknown scope or level, so nothing runs.",
        help: "Use the documented scopes and levels, e.g. `permissions: {contents: read, id-token: write}`.",
        triggering: [
            ex("on: push\npermissions:\n  ↓content: read\n" + job),
            ex("on: push\npermissions:\n  id-token: ↓read\n" + job),
            ex("on: push\npermissions: ↓read\n" + job),
        ],
        nonTriggering: [
            ex("on: push\npermissions:\n  contents: read\n  id-token: write\n  pull-requests: none\n" + job),
            ex("on: push\npermissions: read-all\n" + job),
        ])

    public static let needs = rule(
        "needs",
        summary: "Checks `needs`: every listed job exists, a job does not need itself, and jobs do not depend on each other in a cycle (the cycle is named, e.g. `a -> b -> a`).",
        rationale: "GitHub rejects the workflow when `needs` names an unknown job or forms a cycle, so nothing runs.",
        help: "List existing job ids in `needs` and remove one edge of any cycle.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    needs: ↓setup\n    steps:\n      - run: make\n"),
            ex("on: push\njobs:\n  a:\n    needs: b\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  b:\n    needs: ↓a\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  test:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n  deploy:\n    needs: [build, test]\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n"),
        ])

    public static let matrix = rule(
        "matrix",
        summary: "Checks `strategy.matrix`: rows are lists, and `exclude` entries only use keys and values that exist in the matrix.",
        rationale: "An `exclude` entry with an unknown key or value matches nothing, so the combination the author wanted to skip still runs.",
        help: "Fix the key or value in `exclude` to match a matrix row, or remove the entry.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        node: [20, 22]\n        os: [ubuntu-latest]\n        exclude:\n          - ↓nodes: 20\n    steps:\n      - run: make\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        node: [20, 22]\n        exclude:\n          - node: ↓18\n    steps:\n      - run: make\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        node: [20, 22]\n        os: [ubuntu-latest, windows-latest]\n        include:\n          - node: 24\n            experimental: true\n        exclude:\n          - node: 20\n            os: windows-latest\n    steps:\n      - run: make\n"),
        ])

    public static let shell = rule(
        "shell",
        summary: "Checks `shell` names: bash, sh, pwsh, powershell, cmd, python, or a custom command with a `{0}` placeholder.",
        rationale: "GitHub fails the step with an unknown shell.",
        help: "Use one of the built-in shells, or a custom command such as `perl {0}`.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        shell: ↓zsh\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        shell: bash\n    steps:\n      - run: make\n        shell: pwsh\n      - run: print(1)\n        shell: perl {0}\n"),
        ])

    public static let envVarName = rule(
        "env-var-name",
        summary: "Checks environment variable names in `env:`: they must not be empty or contain spaces, `=` or `&`.",
        rationale: "Such names cannot be set or read by the shell, so the value never reaches the script.",
        help: "Use letters, digits and `_`, e.g. `API_URL`.",
        triggering: [
            ex("on: push\nenv:\n  ↓API URL: https://example.com\n" + job),
        ],
        nonTriggering: [
            ex("on: push\nenv:\n  API_URL: https://example.com\n  _DEBUG: 1\n" + job),
        ])

    public static let hardcodedCredentials = rule(
        "hardcoded-credentials",
        summary: "Reports a container or service `credentials.password` written literally instead of `${{ secrets.* }}`.",
        rationale: "A password in the workflow file is visible to everyone who can read the repository and stays in its history forever.",
        help: "Store the password as a repository or environment secret and write `password: ${{ secrets.NAME }}`.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container:\n      image: ghcr.io/acme/build:1\n      credentials:\n        username: acme\n        password: ↓hunter2\n    steps:\n      - run: make\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: ghcr.io/acme/db:1\n        credentials:\n          username: acme\n          password: ${{ secrets.REGISTRY_PASSWORD }}\n    steps:\n      - run: make\n"),
        ])

    public static let localReference = rule(
        "local-reference",
        summary: "Checks local actions (`uses: ./path`) and reusable workflows (`uses: ./.github/workflows/x.yml`): the file exists, the workflow has a `workflow_call` trigger, and `with:` names only declared inputs and sets every required one.",
        rationale: "A missing local action or workflow fails the run, and a misspelled or missing input is silently ignored or fails at run time.",
        help: "Fix the path, add `on: workflow_call` to the called workflow, and pass exactly the inputs it declares.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ↓./.github/actions/setup\n"),
            ex(
                "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n        with:\n          ↓node: 22\n",
                context: [".github/actions/setup/action.yml": "name: setup\ninputs:\n  node-version:\n    description: Node version\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n"]),
            ex(
                "on: push\njobs:\n  deploy:\n    uses: ↓./.github/workflows/deploy.yml\n",
                context: [".github/workflows/deploy.yml": "on:\n  workflow_call:\n    inputs:\n      environment:\n        type: string\n        required: true\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.environment }}\n"]),
        ],
        nonTriggering: [
            ex(
                "on: push\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    with:\n      environment: staging\n",
                context: [".github/workflows/deploy.yml": "on:\n  workflow_call:\n    inputs:\n      environment:\n        type: string\n        required: true\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.environment }}\n"]),
        ])

    public static let expression = rule(
        "expression",
        summary: "Checks `${{ }}` expressions: syntax (literals, operators, property access, calls), known functions and their arities, `format()` placeholders against its arguments, and `fromJSON()` literals.",
        rationale: "GitHub fails the run when an expression does not parse or calls a function wrongly, often only when that step is reached.",
        help: "Fix the expression at the reported token; strings use single quotes, comparisons `==`, and `format` needs one argument per placeholder.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.ref ↓= 'main' }}\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ format(↓'{0} {1}', github.ref) }}\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ ↓startsWith(github.ref) }}\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ fromJSON(↓'{\"a\":}') }}\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ format('{0}-{1}', github.ref, 0x1F) }} ${{ fromJSON('[1, 2]')[0] == 1.5e3 || null }}\n        if: ${{ !cancelled() && startsWith(github.ref, 'refs/tags/') && contains(github.event.pull_request.labels.*.name, 'ok') }}\n"),
        ])

    public static let contextAvailability = rule(
        "context-availability",
        summary: "Checks that each context (`secrets`, `matrix`, `steps`, `env`…) and special function (`always()`, `hashFiles()`…) is available where the expression is written, following GitHub's context availability table.",
        rationale: "An unavailable context makes GitHub reject the workflow or evaluate the expression to an empty string.",
        help: "Use only the contexts listed in the message; pass secrets to steps through `env:`.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    if: ${{ ↓secrets.TOKEN != '' }}\n    steps:\n      - run: make\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ${{ ↓steps.pick.outputs.os }}\n    steps:\n      - run: make\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ ↓secret.TOKEN }}\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          TOKEN: ${{ secrets.TOKEN }}\n        if: ${{ always() && env.CI == 'true' && hashFiles('**/package-lock.json') != '' }}\n"),
        ])

    public static let contextProperty = rule(
        "context-property",
        summary: "Checks properties of contexts with a fixed shape (`github`, `runner`, `job`, `strategy`, case-insensitive), and that `needs.<job>`, `needs.<job>.outputs.<name>`, `steps.<id>`, `matrix.<key>` and `inputs.<name>` name a listed job, one of its declared outputs, a step id of the job, a key of its static matrix and a declared input.",
        rationale: "An unknown property evaluates to an empty string, so conditions and commands silently do the wrong thing.",
        help: "Fix the property name (see the context reference in the GitHub documentation) or add the job to `needs`.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.↓branch }}\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ needs.↓build.result }}\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        node: [20, 22]\n    steps:\n      - id: version\n        run: echo ${{ matrix.↓nodes }}\n      - run: echo ${{ steps.↓versions.outputs.v }}\n"),
            ex("on:\n  workflow_dispatch:\n    inputs:\n      target:\n        type: string\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.↓targets }}\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    outputs:\n      version: ${{ steps.v.outputs.version }}\n    steps:\n      - id: v\n        run: echo \"version=1\" >> \"$GITHUB_OUTPUT\"\n  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ needs.build.outputs.↓versions }}\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    outputs:\n      v: ${{ steps.v.outputs.v }}\n    steps:\n      - id: v\n        run: echo \"v=1\" >> \"$GITHUB_OUTPUT\"\n  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ needs.build.outputs.v }} ${{ github.REF_NAME }} ${{ runner.os }} ${{ github.event.after }}\n"),
        ])

    public static let ifAlwaysTrue = rule(
        "if-always-true",
        summary: "Reports an `if:` whose value has text around `${{ }}` (e.g. `${{ a }} && ${{ b }}` or a trailing space inside quotes), which is always true.",
        rationale: "Text outside `${{ }}` turns the value into a non-empty string, which GitHub treats as true, so the job or step always runs.",
        help: "Put the whole condition inside one `${{ }}`, or write it without `${{ }}`.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        if: ↓${{ github.event_name == 'push' }} && ${{ github.ref == 'refs/heads/main' }}\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    if: ↓\"${{ false }} \"\n    steps:\n      - run: make\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    if: ${{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}\n    steps:\n      - run: make\n        if: github.event_name == 'push'\n"),
        ])

    public static let scriptInjection = rule(
        "script-injection",
        summary: "Reports untrusted input (issue, pull request, comment and review titles and bodies, branch names, commit messages, author names…) expanded with `${{ }}` inside `run:` or an `actions/github-script` `script:`.",
        rationale: "The value is pasted into the script before it runs, so anyone who can open an issue or name a branch can run commands with the job's token and secrets.",
        help: "Pass the value through `env:` (e.g. `env: { TITLE: ${{ github.event.issue.title }} }`) and use \"$TITLE\" in the script.",
        triggering: [
            ex("on: issues\njobs:\n  triage:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ ↓github.event.issue.title }}\"\n"),
            ex("on: pull_request\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          git checkout ${{ ↓github.head_ref }}\n"),
            ex("on: issue_comment\njobs:\n  reply:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/github-script@v8\n        with:\n          script: console.log('${{ ↓github.event.comment.body }}')\n"),
        ],
        nonTriggering: [
            ex("on: issues\njobs:\n  triage:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"$TITLE\" ${{ github.event.issue.number }}\n        env:\n          TITLE: ${{ github.event.issue.title }}\n"),
        ])

    public static let untrustedCheckout = rule(
        "untrusted-checkout", .warning,
        summary: "Warns when a `pull_request_target` or `workflow_run` workflow checks out the pull request's head (`ref: ${{ github.event.pull_request.head.sha }}`, `github.head_ref`, `refs/pull/…`).",
        rationale: "These triggers run with a write token and the repository's secrets even for pull requests from forks; checking out and building the fork's code lets anyone who opens a pull request run code with those privileges (a \"pwn request\").",
        help: "Use `pull_request` to build untrusted code; if `pull_request_target` is needed, do not check out or execute the pull request's code in that job.",
        triggering: [
            ex("on: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n        with:\n          ref: ↓${{ github.event.pull_request.head.sha }}\n      - run: npm ci && npm test\n"),
        ],
        nonTriggering: [
            ex("on: pull_request\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm ci && npm test\n"),
            ex("on: pull_request_target\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - run: echo labeling\n"),
        ])

    public static let actionRef = rule(
        "action-ref",
        summary: "Checks the format of `uses`: `owner/repo[/path]@ref`, `./local/path`, `docker://image`, or a reusable workflow `owner/repo/.github/workflows/x.yml@ref`.",
        rationale: "GitHub cannot resolve a malformed reference, and the run fails before any step executes.",
        help: "Write `owner/repo@ref` with a version tag or commit SHA, `./path` for a local action, or `docker://image`.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ↓actions/checkout\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ↓checkout@v5\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: github/codeql-action/init@v4\n      - uses: docker://alpine:3.20\n"),
        ])

    public static let actionPinning = rule(
        "action-pinning", .warning,
        summary: "Checks action refs against the pinning policy `settings.workflow.pinning`: `major` (default: a version tag or a full commit SHA), `sha` (a full 40-character commit SHA), or `any`.",
        rationale: "Refs other than release tags or full SHAs (short SHAs, arbitrary branches) can change or become ambiguous, so the code that runs in CI changes without review.",
        help: "Use a release tag such as `@v5`, or a full commit SHA with the version in a comment.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@↓11bd719\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/deploy-action@↓release\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: acme/deploy-action@v1.2.3\n      - uses: acme/other-action@08c6903cd8c0fde910a37f88322edcfb5dd907a8\n"),
        ])

    public static let actionBranchRef = rule(
        "action-branch-ref", .warning,
        summary: "Warns about actions used at a branch (`@main`, `@master`).",
        rationale: "A branch moves: every push to it changes the code your workflow runs, with your secrets, without review.",
        help: "Pin a release tag such as `@v1`, or a full commit SHA.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/setup-tool@↓main\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/setup-tool@v2\n"),
        ])

    public static let actionRuntime = rule(
        "action-runtime",
        summary: "Reports well-known actions used at a major version that no longer runs: node12 and node16 runtimes, and `upload-artifact`/`download-artifact` v3 and older (rejected since 2025-01-30). The table is `rules/action-runtimes.yaml`.",
        rationale: "GitHub-hosted runners no longer run these versions, so the step fails or runs on a runtime the action was not built for.",
        help: "Upgrade to the latest major version named in the message.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@↓v3\n"),
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n      - uses: actions/upload-artifact@↓v3\n        with:\n          path: dist\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/upload-artifact@v6\n        with:\n          path: dist\n"),
        ])

    public static let actionNode20 = rule(
        "action-node20", .warning,
        summary: "Warns about well-known actions used at a major version that runs on node20, which GitHub is retiring (node20 actions are forced onto node24).",
        rationale: "A node20 action runs on a runtime it was not built for once GitHub forces node24, and stops working when node20 is removed from the runners.",
        help: "Upgrade to the latest major version named in the message.",
        triggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@↓v4\n      - uses: actions/setup-node@↓v4.1.0\n        with:\n          node-version: 22\n"),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 22\n"),
        ])

    /// Every workflow rule, in documentation order.
    public static let all: [RuleDescription] = [
        syntax, id, events, glob, cron, cronFrequency, inputs, runnerLabel, permissions, needs, matrix, shell,
        envVarName, hardcodedCredentials, localReference, expression, contextAvailability, contextProperty,
        ifAlwaysTrue, scriptInjection, untrustedCheckout, actionRef, actionPinning, actionBranchRef, actionRuntime, actionNode20,
    ]
}
