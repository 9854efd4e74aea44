/**
 * `policy-lint --init`: a commented starter `.policylintrc.yaml`.
 */

/** The text of a starter configuration that extends `preset`. */
export function starterConfig(preset = 'policy-lint:recommended'): string {
  return `# policy-lint configuration.
# It applies to every policy in this folder and the folders below it; a
# .policylintrc.yaml in a sub-folder (one school's policies) can change it there.

# Stop looking for settings in the folders above this one.
root: true

# Start from a preset: policy-lint:recommended (every rule at its usual
# severity, with the Hertfordshire rule pack) or policy-lint:strict (every
# warning becomes an error). You can also extend a shared file: ./trust.yaml
extends:
  - ${preset}

# Change a rule: off, warn or error, or [severity, { option: value }].
# policy-lint --list-rules lists the rules; policy-lint --explain RULE explains one.
rules: {}
#  empty-link: warn
#  review-date: [error, { maxCycleMonths: 24 }]
#  hertfordshire/*: off          # every rule of a rule pack at once

settings: {}
#  asOf: 2026-09-01              # judge dates as on this day instead of today
#  reviewCycleMonths: 12         # how often policies must be reviewed
#  guidance:                     # add a guidance edition policy-lint does not know yet
#    series:
#      kcsie:
#        editions:
#          - { edition: "2026", year: 2026, inForce: 2026-09-01 }

# Files not to lint, relative to this file (the same patterns as .gitignore).
ignores: []
#  - archive/

# More rule packs: YAML files (relative to this file) or npm packages.
packs: []
#  - ./our-authority.yaml
`;
}
