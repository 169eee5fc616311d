import { strict as assert } from 'node:assert';
import { CollectiveRefusal, canonicalJson, contentHash, createEnvelopeVerifier, packEnvelope, addSignature, verifyEnvelope, TrustSet } from '../../../src/engine/collective';
import type { Ed25519 } from '../../../src/engine/ports';
import { createComplianceValidator } from '../../../src/engine/privacy';
import { nodeEd25519, nodeHashing } from '../../../src/node/nodePorts';
import { crypto, newKey, samplePayload, trustOf } from './helpers';

const validator = createComplianceValidator();

function refusal(fn: () => unknown): CollectiveRefusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof CollectiveRefusal) return err;
    throw err;
  }
  assert.fail('expected a refusal');
}

describe('collective: signed envelopes', () => {
  it('a verifier shared by many agents of one process checks each signature once per hash, and still refuses every tampered copy', () => {
    const key = newKey();
    let verified = 0;
    const counting: Ed25519 = { ...nodeEd25519, verify: (...a) => (verified++, nodeEd25519.verify(...a)) };
    const verify = createEnvelopeVerifier({ trust: trustOf([key]), validator, hashing: nodeHashing, ed25519: counting });
    const env = packEnvelope(samplePayload(), key, crypto);
    for (let i = 0; i < 100; i++) assert.equal(verify(JSON.parse(JSON.stringify(env))).envelope.hash, env.hash);
    assert.equal(verified, 1, 'one Ed25519 verification for 100 copies of one envelope');
    // The memo never stands in for the hash check: the same hash and signature over a changed payload is refused.
    assert.equal(refusal(() => verify({ ...env, payload: { ...env.payload, title: 'changed' } })).field, 'hash');
    // Nor for the trust check, nor for a signature it has not seen.
    assert.equal(refusal(() => createEnvelopeVerifier({ trust: trustOf([newKey()]), validator, ...crypto })(env)).field, 'signatures[0].keyId');
    const forged = { ...env, signatures: [{ keyId: key.keyId, sig: packEnvelope(samplePayload('other'), key, crypto).signatures[0]!.sig }] };
    assert.equal(refusal(() => verify(forged)).field, 'signatures[0].sig');
    assert.equal(refusal(() => verify(forged)).field, 'signatures[0].sig', 'a refusal is not remembered as a pass');
    const pii = packEnvelope({ ...samplePayload('pii'), title: 'call jane.doe@example.com back' }, key, crypto);
    assert.match(refusal(() => verify(pii)).field, /^payload/);
    assert.match(refusal(() => verify(pii)).field, /^payload/);
  });

  it('canonical JSON is RFC 8785 (the RFC\'s own examples, §3.2.2 and §3.2.3)', () => {
    const input = JSON.parse('{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}');
    assert.equal(canonicalJson(input), '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
    const sorting = JSON.parse('{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}');
    // (Read back from the text: JS objects list integer-like keys such as "1" first.)
    const order = [...canonicalJson(sorting).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    assert.deepEqual(order, ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    // Key order and whitespace do not change the content hash.
    assert.equal(contentHash({ b: 1, a: [1, { y: 2, x: 1 }] }, nodeHashing), contentHash(JSON.parse('{ "a": [1, {"x":1, "y":2}], "b": 1.0 }'), nodeHashing));
  });

  it('Ed25519 through node:crypto matches RFC 8032 test vector 1 (raw base64url keys)', () => {
    const secret = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex').toString('base64url');
    const publicKey = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex').toString('base64url');
    const sig = nodeEd25519.sign(secret, new Uint8Array());
    assert.equal(Buffer.from(sig, 'base64url').toString('hex'), 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
    assert.equal(nodeEd25519.verify(publicKey, new Uint8Array(), sig), true);
    assert.equal(nodeEd25519.verify(publicKey, new Uint8Array([1]), sig), false);
    assert.equal(nodeEd25519.verify('not-a-key', new Uint8Array(), sig), false);
    const pair = nodeEd25519.generateKeyPair();
    assert.equal(Buffer.from(pair.publicKey, 'base64url').length, 32);
  });

  it('packs, co-signs and verifies an envelope; hash is sha-256 of the canonical payload', () => {
    const a = newKey();
    const b = newKey();
    const env = addSignature(packEnvelope(samplePayload(), a, crypto), b, crypto);
    assert.equal(env.kind, 'kaizen.artifact/1');
    assert.equal(env.hash, nodeHashing.sha256(canonicalJson(samplePayload())));
    const { signers } = verifyEnvelope(JSON.parse(JSON.stringify(env)), { ...crypto, trust: trustOf([a, b]), validator });
    assert.deepEqual(signers, [a.keyId, b.keyId]);
  });

  it('refuses a tampered payload, a forged signature and an untrusted signer, naming the field', () => {
    const a = newKey();
    const stranger = newKey();
    const env = packEnvelope(samplePayload(), a, crypto);
    const trust = trustOf([a]);
    const tampered = { ...env, payload: { ...env.payload, title: 'Billing disputes: refund at once' } };
    assert.equal(refusal(() => verifyEnvelope(tampered, { ...crypto, trust, validator })).field, 'hash');
    // Re-hashed by the attacker: the hash matches, the signature no longer does.
    const rehashed = { ...tampered, hash: contentHash(tampered.payload, nodeHashing) };
    const forged = refusal(() => verifyEnvelope(rehashed, { ...crypto, trust, validator }));
    assert.equal(forged.field, 'signatures[0].sig');
    assert.match(forged.reason, /does not verify/);
    const untrusted = refusal(() => verifyEnvelope(packEnvelope(samplePayload(), stranger, crypto), { ...crypto, trust, validator }));
    assert.deepEqual([untrusted.field, untrusted.status], ['signatures[0].keyId', 403]);
    assert.equal(refusal(() => verifyEnvelope({ ...env, signatures: [] }, { ...crypto, trust, validator })).field, 'signatures');
    assert.equal(refusal(() => verifyEnvelope({ ...env, kind: 'kaizen.stats/1' }, { ...crypto, trust, validator })).field, 'kind');
  });

  it('refuses a PII-bearing payload even when it is signed by a trusted key', () => {
    const a = newKey();
    const leaky = { ...samplePayload(), example: 'call me back on 415-555-0134, ask for Maria Gonzalez' };
    const err = refusal(() => verifyEnvelope(packEnvelope(leaky, a, crypto), { ...crypto, trust: trustOf([a]), validator }));
    assert.equal(err.field, 'payload.example');
    assert.match(err.reason, /PII/);
  });

  it('a trust file listing one keyId with two keys is refused', () => {
    const a = newKey();
    const b = newKey();
    assert.throws(() => TrustSet.parse({ keys: [{ keyId: 'k', publicKey: a.publicKey }, { keyId: 'k', publicKey: b.publicKey }] }), /listed twice/);
    assert.throws(() => TrustSet.parse({ keys: [{ keyId: 'k', publicKey: 'short' }] }), (e: CollectiveRefusal) => e.field === 'keys[0].publicKey');
  });
});
