// Optional: the extension's host tests in a downloaded VS Code (Electron), for machines with the
// internet. CI uses the code-server suite instead (scripts/run-e2e.mjs), which needs only npm.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');

async function main() {
  let runTests;
  try {
    ({ runTests } = require('@vscode/test-electron'));
  } catch {
    console.error('test:electron needs @vscode/test-electron (a devDependency): run `npm ci` first.');
    process.exit(2);
  }
  const root = path.resolve(__dirname, '..', '..');
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    console.error('dist/extension.js is missing: run `npm run build` first.');
    process.exit(2);
  }
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-electron-'));
  fs.copyFileSync(path.join(root, 'samples', 'acme-support.jsonl'), path.join(workspace, 'acme-support.jsonl'));
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.cjs'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (err) {
    console.error(`Extension tests failed: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

void main();
