// Mocha's spec output plus a machine-readable summary for scripts/test-all.mjs.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.KAIZEN_TEST_SUMMARY;
      if (!file) return;
      const s = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending }));
    });
  }
}
module.exports = SummaryReporter;
