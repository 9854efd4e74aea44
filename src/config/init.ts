/**
 * `policy-lint --init`: a commented starter `.policylintrc.yaml`.
 *
 * Every example is one commented line under its key, indented as it would be, and every key with
 * examples is written empty (`rules:`, which means none): deleting the `#` of any one example line,
 * or of all of them, gives valid YAML and a valid configuration.
 */

/** The text of a starter configuration: `preset` at the top of a tree, or, below `parent` (a configuration
 * found in a folder above, shown relative to this one), a file that inherits from it. */
export function starterConfig(preset = 'policy-lint:recommended', parent?: string): string {
  const head = parent
    ? `# policy-lint configuration for this folder.
# It inherits everything from ${parent} (found in a folder above) and
# changes it for the policies in this folder and the folders below it: the
# rules, settings and packs written here win over that file's.
# (To ignore the files above instead, add "root: true" and an "extends:".)
`
    : `# policy-lint configuration.
# It applies to every policy in this folder and the folders below it; a
# .policylintrc.yaml in a sub-folder (one school's policies) can change it there.

# Stop looking for settings in the folders above this one.
root: true

# Start from a preset: policy-lint:recommended (every rule at its usual
# severity, with the Hertfordshire rule pack) or policy-lint:strict (every
# warning becomes an error). You can also extend a shared file: ./trust.yaml
extends:
  - ${preset}
`;
  return `${head}
# Change a rule: off, warn or error, or [severity, { option: value }].
# policy-lint --list-rules lists the rules; policy-lint --explain RULE explains one.
# (Delete the "#" of a line to use it; "rules:" with nothing under it means no changes.)
rules:
#  empty-link: warn
#  review-date: [error, { maxCycleMonths: 24 }]
#  "hertfordshire/*": off        # every rule of a rule pack at once

settings:
#  asOf: 2026-09-01              # judge dates as on this day instead of today
#  reviewCycleMonths: 12         # how often policies must be reviewed
#  noInlineConfig: true          # <!-- policy-lint-disable --> comments silence nothing (each is reported)
#  guidance: { series: { kcsie: { editions: [{ edition: "2026", certainty: confirmed, inForce: 2026-09-01 }] } } }   # a guidance edition policy-lint does not know yet

# Files not to lint, relative to this file (the same patterns as .gitignore).
ignores:
#  - archive/

# More rule packs: YAML files (relative to this file) or npm packages.
packs:
#  - ./our-authority.yaml
`;
}
