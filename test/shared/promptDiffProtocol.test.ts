import { strict as assert } from 'node:assert';
import { parseMessage } from '../../src/shared/protocol';
import { promptDiffProtocol } from '../../src/shared/promptDiffProtocol';

describe('shared: the Prompt Diff webview protocol (core + its own messages)', () => {
  it('accepts its messages and the core ones, and names the field of a bad one', () => {
    assert.ok(parseMessage(promptDiffProtocol.toHost, { type: 'ready', app: 'promptDiff' }).ok);
    assert.ok(parseMessage(promptDiffProtocol.toHost, { type: 'accept', proposalId: 'prop-abcdabcdabcd', editedText: 'new prompt' }).ok);
    assert.ok(parseMessage(promptDiffProtocol.toHost, { type: 'accept', proposalId: 'prop-abcdabcdabcd' }).ok);
    const noReason = parseMessage(promptDiffProtocol.toHost, { type: 'reject', proposalId: 'p', reason: '   ' });
    assert.equal(noReason.ok, false);
    if (!noReason.ok) assert.match(noReason.reason, /reason/);
    const noId = parseMessage(promptDiffProtocol.toHost, { type: 'createExperiment', proposalId: '' });
    assert.equal(noId.ok, false);
    if (!noId.ok) assert.match(noId.reason, /proposalId/);
    assert.equal(parseMessage(promptDiffProtocol.toHost, { type: 'publishArtifact', artifactId: 'a' }).ok, false, "another app's message is not part of this protocol");
    assert.ok(parseMessage(promptDiffProtocol.toWebview, { type: 'decided', proposalId: 'p', action: 'accepted', message: 'Accepted.' }).ok);
    assert.equal(parseMessage(promptDiffProtocol.toWebview, { type: 'promptDiff', data: { target: 'a.md', proposals: [{ id: 'p' }] } }).ok, false);
  });
});
