import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectExamplesFormat, parseExamplesCsv, parseExamplesJsonl } from '../../../../src/engine/analysis/intent';
import { FIXTURES } from './helpers';

describe('intent example files', () => {
  it('parses RFC 4180 CSV: quoted commas, doubled quotes, line breaks inside quotes, BOM, CRLF', () => {
    const csv = '\ufefftext,category\r\n"Hello, there",greet\r\n"She said ""hi""",greet\r\n"two\nlines",multi\r\n';
    const { examples, problems } = parseExamplesCsv(csv);
    assert.deepEqual(problems, []);
    assert.deepEqual(examples, [
      { text: 'Hello, there', intent: 'greet' },
      { text: 'She said "hi"', intent: 'greet' },
      { text: 'two\nlines', intent: 'multi' },
    ]);
  });

  it('reports every bad CSV row with its line and field, and keeps the good ones', () => {
    const { examples, problems } = parseExamplesCsv(readFileSync(path.join(FIXTURES, 'bad.csv'), 'utf8'));
    assert.deepEqual(examples, [
      { text: 'Where is my card, please?', intent: 'card_arrival' },
      { text: 'Cancel my subscription', intent: 'cancel_subscription' },
    ]);
    assert.deepEqual(
      problems.map((p) => [p.line, p.field]),
      [
        [3, '(row)'],
        [4, 'text'],
        [5, 'intent'],
      ],
    );
  });

  it('names the columns it needs when the header lacks them', () => {
    const { problems } = parseExamplesCsv('utterance,intent\nhi,greet\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /"text" column/);
    assert.match(parseExamplesCsv('text,intent\n"open quote,x\n').problems[0]!.message, /quote/i);
    assert.equal(parseExamplesCsv('').problems[0]!.field, '(header)');
  });

  it('parses JSONL with intent/label fields and reports bad lines', () => {
    const { examples, problems } = parseExamplesJsonl(readFileSync(path.join(FIXTURES, 'examples.jsonl'), 'utf8'));
    assert.deepEqual(examples.map((e) => e.intent), ['card_arrival', 'refund_request', 'change_pin']);
    assert.deepEqual(
      problems.map((p) => [p.line, p.field]),
      [
        [5, '(json)'],
        [6, 'text'],
        [7, 'intent'],
      ],
    );
    assert.equal(parseExamplesJsonl('[1,2]').problems[0]!.field, '(json)');
  });

  it('detects the format from the file name, then from the content', () => {
    assert.equal(detectExamplesFormat('x.jsonl', 'text,intent'), 'jsonl');
    assert.equal(detectExamplesFormat('x.csv', '{"text":1}'), 'csv');
    assert.equal(detectExamplesFormat('-', '  {"text":"a"}'), 'jsonl');
    assert.equal(detectExamplesFormat('data.txt', 'text,intent'), 'csv');
  });
});
