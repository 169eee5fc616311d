'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

describe('Kaizen in VS Code (Electron)', () => {
  const workspace = () => vscode.workspace.workspaceFolders[0].uri.fsPath;

  it('activates and registers its commands', async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'kaizen-workbench');
    assert.ok(ext, 'the extension is installed in the development host');
    await ext.activate();
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['kaizen.importCalls', 'kaizen.analyze', 'kaizen.openPatternExplorer', 'kaizen.exportStore', 'kaizen.deepAnalyze']) assert.ok(commands.includes(c), c);
  });

  it('imports the bundled sample calls and finds patterns', async () => {
    const uri = vscode.Uri.file(path.join(workspace(), 'acme-support.jsonl'));
    const result = await vscode.commands.executeCommand('kaizen.importCalls', uri);
    assert.equal(result.calls, 1300);
    assert.equal(result.rejected, 0);
    assert.ok(result.patterns > 0, 'patterns were computed');
  });
});
