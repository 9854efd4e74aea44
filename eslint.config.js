// npm run lint: typescript-eslint's recommended rules, and eslint-plugin-regexp's for the mistakes a regular
// expression can hide (a linter made of regular expressions should have them checked), over the whole tree.
// Style-only regexp rules the code does not follow are off (turning them on would rewrite most patterns);
// the correctness rules are on.
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config({ ignores: ['dist/', 'coverage/', 'node_modules/', 'fixtures/', '**/*.min.js'] }, ...tseslint.configs.recommended, regexp.configs['flat/recommended'], {
  rules: {
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    // Control characters are what the formatters look for (src/formatters/shared.ts visible()): written as \u escapes.
    'regexp/control-character-escape': 'off',
    // Style only: the same match written another way.
    'regexp/prefer-d': 'off',
    'regexp/prefer-character-class': 'off',
    'regexp/no-useless-non-capturing-group': 'off',
    'regexp/optimal-quantifier-concatenation': 'off',
    'regexp/no-useless-character-class': 'off',
    'regexp/use-ignore-case': 'off',
    'regexp/negation': 'off',
    'regexp/no-unused-capturing-group': 'off',
    'no-regex-spaces': 'off',
    // The built-in patterns must not backtrack polynomially (a policy's paragraph can be 100 KB); user patterns
    // are checked by recheck when they are loaded (src/packs/safe-regex.ts).
    'regexp/no-super-linear-backtracking': 'error',
  },
});
