import assert from 'node:assert/strict';
import { createComplianceValidator } from '../../../src/engine/privacy';

/** What the strict gate says about a system prompt in a learned artifact: the flagged types, or [] when it passes. */
function flagged(prompt: string): string[] {
  const report = createComplianceValidator().validate({ payload: { systemPrompt: prompt } }, 'artifact');
  return report.findings.map((f) => f.entityType);
}

describe('privacy: Markdown title lines of system prompts are not names; names in them still are', () => {
  it('passes a heading, bullet or emphasised title whose first word is an unknown brand', () => {
    for (const prompt of [
      '# Skyway agent',
      '# Skyway agent\nYou help travellers rebook flights.',
      '## Skyway booking flow\n- Check the fare rules first.',
      '### Zorbix support line',
      '**Skyway agent**',
      '- Zorbix handles the billing questions.',
      '> Quillby greets every caller.',
      '=== Skyway agent ===',
      '# Refund policy\n\n## Skyway refunds\nRefunds go back to the original card.',
    ]) {
      assert.deepEqual(flagged(prompt), [], prompt);
    }
  });

  it('still blocks a person named in a heading, whatever its case, and a lone unknown name after the first word', () => {
    for (const prompt of [
      '# Notes for Maria Lopez',
      '# Maria Lopez',
      '## notes for maria lopez',
      '# For Jean-Luc Picard',
      '- Call Grace Mensah back on Monday',
      '# Notes for Mette',
      '# Mette, call back tomorrow',
      '# Skyway agent\nThe caller Maria Lopez asked for a refund.',
    ]) {
      assert.ok(flagged(prompt).includes('PERSON'), prompt);
    }
  });

  it('a heading mark in the middle of a line is not a line start', () => {
    assert.ok(flagged('see item # Zorbix later').includes('PERSON'));
  });
});
