import { strict as assert } from 'node:assert';
import { parseMessage } from '../../src/shared/protocol';
import { publishingProtocol } from '../../src/shared/publishingProtocol';

describe('shared: the Publishing webview protocol (core + its own messages)', () => {
  it('accepts its messages and the core ones, and names the field of a bad one', () => {
    const ok = parseMessage(publishingProtocol.toHost, { type: 'publishArtifact', artifactId: 'a', target: { kind: 'vapi', url: 'http://127.0.0.1:1', assistantId: 'x' } });
    assert.ok(ok.ok);
    assert.ok(parseMessage(publishingProtocol.toHost, { type: 'ready', app: 'publishing' }).ok);
    const bad = parseMessage(publishingProtocol.toHost, { type: 'publishArtifact', artifactId: 'a', target: { kind: 'fax', url: 'http://x' } });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.reason, /target\.kind/);
    assert.equal(parseMessage(publishingProtocol.toHost, { type: 'selectExperiment', experimentId: 'e' }).ok, false, "another app's message is not part of this protocol");
    assert.ok(parseMessage(publishingProtocol.toWebview, { type: 'published', artifactId: 'a', liveVersion: '2', action: 'published', message: 'Live.' }).ok);
  });
});
