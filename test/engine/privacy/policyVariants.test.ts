import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createComplianceValidator, createRedactor, readPolicy } from '../../../src/engine/privacy';
import { createNodePorts } from '../../../src/node/nodePorts';

const TEXT = 'write to maria.lopez@gmail.com or call 415-555-0199, ssn 078-05-1120, card 4111 1111 1111 1111';
const SECRETS = ['maria.lopez', '415', '0199', '078-05', '1120', '4111'];

describe('privacy: a policy file cannot switch structured types off by the back door', () => {
  it('a custom type matching part of an email, a phone, an SSN or a card widens to the whole of it', () => {
    for (const pattern of ['@[a-z]+', '\\b415\\b', '1120', '-0199', 'card 4111']) {
      const { policy } = readPolicy({ customTypes: [{ name: 'PIECE', pattern }] });
      const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(1), hashing: createNodePorts().hashing, policy });
      const out = redactor.redactText(TEXT).text;
      for (const s of SECRETS) assert.ok(!out.includes(s), `${pattern}: "${s}" left in ${out}`);
      assert.equal(createComplianceValidator({ policy, mode: 'residual' }).validate({ text: out }).ok, true, out);
    }
    // A custom type of its own still gets its placeholder.
    const { policy } = readPolicy({ customTypes: [{ name: 'MEMBER_ID', pattern: 'MB-\\d{6}' }] });
    const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(1), hashing: createNodePorts().hashing, policy });
    assert.equal(redactor.redactText('member MB-123456 here').text, 'member [MEMBER_ID_1] here');
  });

  it('every setting that decides what is redacted, where data is kept, or whether it leaves the machine is restricted in untrusted workspaces', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    };
    const conf = pkg.contributes.configuration;
    const keys = (Array.isArray(conf) ? conf : [conf]).flatMap((c) => Object.keys(c.properties));
    const sensitive = keys.filter((k) => /^kaizen\.(?:privacy|store)\./.test(k) || k === 'kaizen.agent.endpointUrl' || k === 'kaizen.claude.enabled');
    assert.ok(sensitive.includes('kaizen.claude.enabled'));
    for (const k of sensitive) assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(k), `${k} is not restricted`);
  });
});
