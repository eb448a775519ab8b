// The embedded copy of schemas/ruleset.schema.json. The ruleset format is the
// tool's own, so validating rulesets must not depend on the checked repository
// having the file. RulesetSchemaTests keeps this copy identical to the file:
// after editing the schema, paste the file here indented by four spaces.
enum EmbeddedRulesetSchema {
    static let text = ##"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://clubos.dev/schemas/ruleset.schema.json",
      "title": "clubos-lint ruleset",
      "description": "A file in rules/ declaring ClubOS policy rules (see docs/rulesets.md). Files in rules/ with neither `rules` nor `extends` are data files and are not rulesets.",
      "type": "object",
      "additionalProperties": false,
      "anyOf": [
        {
          "description": "A ruleset declares `rules`, or `extends` other rulesets, or both.",
          "required": ["rules"]
        },
        {
          "description": "A ruleset declares `rules`, or `extends` other rulesets, or both.",
          "required": ["extends"]
        }
      ],
      "properties": {
        "description": {
          "description": "What this ruleset is for (free text).",
          "type": "string"
        },
        "extends": {
          "description": "Ruleset file(s), relative to this file, whose rules and overrides are loaded first; a rule here with the same id replaces the inherited one.",
          "type": ["string", "array"],
          "minLength": 1,
          "minItems": 1,
          "items": {
            "description": "A ruleset file path relative to this file.",
            "type": "string",
            "minLength": 1
          }
        },
        "rules": {
          "description": "The rules this file declares.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/rule"
          }
        },
        "overrides": {
          "description": "Severity changes for files matching globs: `[{files, rules}]`.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/override"
          }
        }
      },
      "$defs": {
        "rule": {
          "description": "One declarative policy rule: select nodes with `given`, check them with `then`.",
          "type": "object",
          "additionalProperties": false,
          "required": ["id", "description", "rationale", "given", "then"],
          "properties": {
            "id": {
              "description": "The rule id, `domain/name` in kebab-case (lowercase letters, digits and single hyphens, no trailing hyphen), e.g. `environment/production-rate-limit`.",
              "type": "string",
              "pattern": "^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$",
              "allOf": [
                {
                  "description": "rule ids use single hyphens between words: no `--` and no `-` at the end of either part",
                  "not": {
                    "pattern": "--|-/|-$"
                  }
                }
              ]
            },
            "description": {
              "description": "What the rule checks, in one sentence (shown in `clubos-lint rules list` and docs/rules.md).",
              "type": "string",
              "minLength": 1
            },
            "rationale": {
              "description": "Why a violation is bad for ClubOS.",
              "type": "string",
              "minLength": 1
            },
            "severity": {
              "description": "The default severity: error, warning or info, or off to disable the rule (default error).",
              "enum": ["error", "warning", "info", "off"]
            },
            "help": {
              "description": "What to do about a finding (shown under it).",
              "type": "string",
              "minLength": 1
            },
            "message": {
              "description": "The finding's message; may use {{value}}, {{path}}, {{given}}, {{property}} and {{error}}. Default: the description and the function's error.",
              "type": "string",
              "minLength": 1
            },
            "applies-to": {
              "description": "Which files the rule checks: a list of checker kinds (workflow, environment, prompt…) and path globs (entries with /, * or .), or `{kinds, paths}`; a file is checked when either matches. Absent: every file.",
              "type": ["array", "object"],
              "minItems": 1,
              "minProperties": 1,
              "items": {
                "description": "A checker kind or a path glob.",
                "type": "string",
                "minLength": 1
              },
              "additionalProperties": false,
              "properties": {
                "kinds": {
                  "description": "Checker kinds, e.g. workflow, environment, prompt, sop, migration, feedback.",
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "description": "One entry.",
                    "type": "string",
                    "minLength": 1
                  }
                },
                "paths": {
                  "description": "Path globs relative to the repository root, e.g. config/environments.*.",
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "description": "One entry.",
                    "type": "string",
                    "minLength": 1
                  }
                }
              }
            },
            "given": {
              "description": "An RFC 9535 JSONPath (or a non-empty list of them) selecting the nodes to check; try it with `clubos-lint query`.",
              "type": ["string", "array"],
              "minLength": 1,
              "minItems": 1,
              "items": {
                "description": "An RFC 9535 JSONPath query starting with $.",
                "type": "string",
                "minLength": 1
              }
            },
            "then": {
              "description": "One clause `{field?, function, options?}` or a non-empty list of them; every clause is applied to every node `given` selects.",
              "type": ["object", "array"],
              "minItems": 1,
              "items": {
                "$ref": "#/$defs/clause"
              },
              "$ref": "#/$defs/clauseBody"
            },
            "examples": {
              "description": "Documents the rule proves itself on (`clubos-lint rules test`): every `invalid` one must produce a finding and no `valid` one may.",
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "valid": {
                  "description": "Documents that must produce no finding.",
                  "type": "array"
                },
                "invalid": {
                  "description": "Documents that must produce at least one finding.",
                  "type": "array"
                }
              }
            }
          }
        },
        "clause": {
          "description": "One `then` clause: `{field?, function, options?}`.",
          "type": "object",
          "$ref": "#/$defs/clauseBody"
        },
        "clauseBody": {
          "description": "The body of a `then` clause: `{field?, function, options?}`. Object keywords only, so that `then` may also be a list of clauses.",
          "required": ["function"],
          "additionalProperties": false,
          "properties": {
            "field": {
              "description": "What to check in each node `given` selects: absent for the node itself, `@key` for its member name, a member name (may be missing, which `defined`/`undefined` check), or a JSONPath starting with `$` evaluated relative to the node.",
              "type": "string",
              "minLength": 1
            },
            "function": {
              "description": "The function to apply: truthy, falsy, defined, undefined, pattern, enumeration, length, casing, schema, xor, unique, alphabetical, compare, or a function registered in Swift (unknown names are reported by the loader).",
              "type": "string",
              "minLength": 1
            },
            "options": {
              "description": "The function's options; what each built-in function accepts is described in docs/rulesets.md.",
              "type": "object"
            }
          },
          "allOf": [
            {
              "if": {
                "properties": {
                  "function": {
                    "description": "Applies when the clause uses a function without options.",
                    "enum": ["truthy", "falsy", "defined", "undefined", "unique"]
                  }
                },
                "required": ["function"]
              },
              "then": {
                "description": "truthy, falsy, defined, undefined and unique take no options: remove `options`.",
                "properties": {
                  "options": false
                }
              }
            },
            {
              "if": {
                "properties": {
                  "function": {
                    "description": "Applies when the clause uses `pattern`.",
                    "const": "pattern"
                  }
                },
                "required": ["function"]
              },
              "then": {
                "description": "What `pattern` requires of its options.",
                "properties": {
                  "options": {
                    "description": "pattern options: `match` (the value must match this regex) and/or `notMatch` (the value must not match it); give at least one.",
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "match": {
                        "description": "A linear-time regex the value must match (unanchored unless it starts with ^ or ends with $).",
                        "type": "string"
                      },
                      "notMatch": {
                        "description": "A linear-time regex the value must not match.",
                        "type": "string"
                      }
                    },
                    "minProperties": 1
                  }
                },
                "required": ["options"]
              }
            },
            {
              "if": {
                "properties": {
                  "function": {
                    "description": "Applies when the clause uses `enumeration`.",
                    "const": "enumeration"
                  }
                },
                "required": ["function"]
              },
              "then": {
                "description": "What `enumeration` requires of its options.",
                "properties": {
                  "options": {
                    "description": "enumeration options: `values`, the non-empty list of allowed values.",
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "values": {
                        "description": "The allowed values (compared as JSON: 1 equals 1.0, \"false\" is not false).",
                        "type": "array",
                        "minItems": 1
                      }
                    },
                    "required": ["values"]
                  }
                },
                "required": ["options"]
              }
            },
            {
              "if": {
                "properties": {
                  "function": {
                    "description": "Applies when the clause uses `length`.",
                    "const": "length"
                  }
                },
                "required": ["function"]
              },
              "then": {
                "description": "What `length` requires of its options.",
                "properties": {
                  "options": {
                    "description": "length options: `min` and/or `max` (numbers); give at least one.",
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "min": {
                        "description": "The smallest allowed length (string characters, list items, object members) or number.",
                        "type": "number"
                      },
                      "max": {
                        "description": "The largest allowed length (string characters, list items, object members) or number.",
                        "type": "number"
                      }
                    },
                    "minProperties": 1
                  }
                },
                "required": ["options"]
              }
            },
            {
              "if": {
                "properties": {
                  "function": {
                    "description": "Applies when the clause uses `casing`.",
                    "const": "casing"
                  }
                },
                "required": ["function"]
              },
              "then": {
                "description": "What `casing` requires of its options.",
                "properties": {
                  "options": {
                    "description": "casing options: `type`, one of flat, camel, pascal, kebab, cobol, snake, macro.",
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "type": {
                        "description": "The required casing of the string.",
                        "enum": ["flat", "camel", "pascal", "kebab", "cobol", "snake", "macro"]
                      }
                    },
                    "required": ["type"]
                  }
                },
                "required": ["options"]
              }
            },
            {
              "if": {
                "properties": {
                  "function": {
                    "description": "Applies when the clause uses `xor`.",
                    "const": "xor"
                  }
                },
                "required": ["function"]
              },
              "then": {
                "description": "What `xor` requires of its options.",
                "properties": {
                  "options": {
                    "description": "xor options: `properties`, at least two member names of which exactly one must be present.",
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "properties": {
                        "description": "The member names; exactly one of them must be present.",
                        "type": "array",
                        "minItems": 2,
                        "items": {
                          "description": "A member name.",
                          "type": "string",
                          "minLength": 1
                        }
                      }
                    },
                    "required": ["properties"]
                  }
                },
                "required": ["options"]
              }
            },
            {
              "if": {
                "properties": {
                  "function": {
                    "description": "Applies when the clause uses `alphabetical`.",
                    "const": "alphabetical"
                  }
                },
                "required": ["function"]
              },
              "then": {
                "description": "What `alphabetical` requires of its options.",
                "properties": {
                  "options": {
                    "description": "alphabetical options: optional `keyedBy`, the member to sort a list of objects by.",
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "keyedBy": {
                        "description": "For a list of objects: the member whose values must be in order.",
                        "type": "string",
                        "minLength": 1
                      }
                    }
                  }
                }
              }
            },
            {
              "if": {
                "properties": {
                  "function": {
                    "description": "Applies when the clause uses `compare`.",
                    "const": "compare"
                  }
                },
                "required": ["function"]
              },
              "then": {
                "description": "What `compare` requires of its options.",
                "properties": {
                  "options": {
                    "description": "compare options: `operator` and exactly one of `path` (a singular JSONPath into the same document) or `value` (a literal).",
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "operator": {
                        "description": "How the target must relate to the other value: one of <, <=, >, >=, ==, !=.",
                        "enum": ["<", "<=", ">", ">=", "==", "!="]
                      },
                      "path": {
                        "description": "A singular JSONPath (names and indices only) into the same document; the value found there is compared with.",
                        "type": "string",
                        "minLength": 1
                      },
                      "value": {
                        "description": "A literal number or string to compare with (numbers compare with numbers, strings with strings).",
                        "type": ["number", "string"]
                      }
                    },
                    "required": ["operator"],
                    "anyOf": [
                      {
                        "description": "compare needs `path` (a JSONPath to compare with) or `value` (a literal): add one.",
                        "required": ["path"]
                      },
                      {
                        "description": "compare needs `path` (a JSONPath to compare with) or `value` (a literal): add one.",
                        "required": ["value"]
                      }
                    ],
                    "dependentSchemas": {
                      "path": {
                        "description": "compare takes `path` or `value`, not both: remove one.",
                        "not": {
                          "required": ["value"]
                        }
                      }
                    }
                  }
                },
                "required": ["options"]
              }
            },
            {
              "if": {
                "properties": {
                  "function": {
                    "description": "Applies when the clause uses `schema`.",
                    "const": "schema"
                  }
                },
                "required": ["function"]
              },
              "then": {
                "description": "What `schema` requires of its options.",
                "properties": {
                  "options": {
                    "description": "schema options: `schema`, an inline JSON Schema (2020-12) or `{$ref: file}` naming a file in the schema directory.",
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "schema": {
                        "description": "The JSON Schema the target must satisfy.",
                        "type": ["object", "boolean"]
                      }
                    },
                    "required": ["schema"]
                  }
                },
                "required": ["options"]
              }
            }
          ]
        },
        "override": {
          "description": "A severity override: for files matching `files`, rules get the severities in `rules`.",
          "type": "object",
          "additionalProperties": false,
          "required": ["files", "rules"],
          "properties": {
            "files": {
              "description": "A path glob or a non-empty list of globs, relative to the repository root.",
              "type": ["string", "array"],
              "minLength": 1,
              "minItems": 1,
              "items": {
                "description": "A path glob.",
                "type": "string",
                "minLength": 1
              }
            },
            "rules": {
              "description": "Rule id → severity (error, warning, info, or off) for the matching files.",
              "type": "object",
              "minProperties": 1,
              "propertyNames": {
                "description": "A rule id, `domain/name` in kebab-case.",
                "pattern": "^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$"
              },
              "additionalProperties": {
                "description": "The severity for matching files: error, warning, info, or off.",
                "enum": ["error", "warning", "info", "off"]
              }
            }
          }
        }
      }
    }

    """##
}
