// Mutation testing of the administration gate, the administration rules and the decision path
// (docs/mutation-testing.md). Run on demand with `npm run mutation`; it is not part of `npm test` or CI.
// One file at a time: `npm run mutation -- --mutate src/core/gate.ts`, and STRYKER_TESTS narrows the test files run.
const tests =
  process.env.STRYKER_TESTS ??
  'test/core/gate.test.ts test/core/administration-rules.test.ts test/core/decision-rule.test.ts';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'command',
  commandRunner: { command: `node --import tsx --test ${tests}` },
  coverageAnalysis: 'off',
  // Messages and labels are prose, not decisions: their mutants say nothing about the rules.
  mutator: { excludedMutations: ['StringLiteral'] },
  concurrency: 2,
  timeoutMS: 60000,
  mutate: [
    'src/core/gate.ts',
    'src/core/rules.ts',
    'src/core/decision.ts',
    // AccessEngine.check, allowed, #decide, #scan and #seesPrivate: the decision path.
    'src/core/engine.ts:100-216',
  ],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
