#!/usr/bin/env node
'use strict';
// The CLI bundle is built by `npm run build` (esbuild.mjs) into dist/cli.js.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('kaizen: dist/cli.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
const cli = require(bundle);
cli.exitQuietlyOnClosedPipe(process.stdout);
cli
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
