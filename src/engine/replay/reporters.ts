import type { FixtureResult } from './replay';

/** Test-report formats CI systems read: JUnit XML, TAP 13, and a plain summary for terminals. */

function xml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export interface Totals {
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  problems: number;
}

export function totals(results: readonly FixtureResult[]): Totals {
  const t: Totals = { tests: 0, passed: 0, failed: 0, skipped: 0, errored: 0, problems: 0 };
  for (const r of results) {
    t.problems += r.problems.length;
    for (const c of r.calls) {
      t.tests++;
      t[c.status === 'passed' ? 'passed' : c.status === 'failed' ? 'failed' : c.status === 'skipped' ? 'skipped' : 'errored']++;
    }
  }
  return t;
}

export function junitReport(results: readonly FixtureResult[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const t = totals(results);
  out.push(`<testsuites name="kaizen" tests="${t.tests + t.problems}" failures="${t.failed}" errors="${t.errored + t.problems}" skipped="${t.skipped}">`);
  for (const r of results) {
    const time = r.calls.reduce((s, c) => s + c.durationMs, 0) / 1000;
    const failures = r.calls.filter((c) => c.status === 'failed').length;
    const errors = r.calls.filter((c) => c.status === 'errored').length + r.problems.length;
    const skipped = r.calls.filter((c) => c.status === 'skipped').length;
    out.push(`  <testsuite name="${xml(r.file)}" tests="${r.calls.length + r.problems.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time.toFixed(3)}">`);
    for (const c of r.calls) {
      out.push(`    <testcase classname="${xml(r.file)}" name="${xml(c.callId)}" time="${(c.durationMs / 1000).toFixed(3)}">`);
      if (c.status === 'failed') {
        // JUnit allows one <failure> per testcase: every failed check goes into it.
        const failed = c.checks.filter((x) => !x.ok);
        const body = failed.map((k) => `${k.message}\nexpected:\n${k.expected}\nactual:\n${k.actual}`).join('\n\n');
        out.push(`      <failure type="${xml(failed.map((k) => String(k.name)).join(','))}" message="${xml(failed.map((k) => k.message).join('; '))}">${xml(body)}</failure>`);
      } else if (c.status === 'errored') out.push(`      <error message="${xml((c.error ?? '').split('\n')[0] ?? '')}">${xml(c.error ?? '')}</error>`);
      else if (c.status === 'skipped') out.push('      <skipped message="no expectations for this call"/>');
      out.push('    </testcase>');
    }
    for (const p of r.problems) {
      out.push(`    <testcase classname="${xml(r.file)}" name="line ${p.line + 1}"><error message="${xml(p.message)}"/></testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

export function tapReport(results: readonly FixtureResult[]): string {
  const lines: string[] = ['TAP version 13'];
  let n = 0;
  for (const r of results) {
    for (const c of r.calls) {
      n++;
      const name = `${r.file} ${c.callId}`;
      if (c.status === 'passed') lines.push(`ok ${n} - ${name}`);
      else if (c.status === 'skipped') lines.push(`ok ${n} - ${name} # SKIP no expectations`);
      else {
        lines.push(`not ok ${n} - ${name}`);
        lines.push('  ---');
        if (c.status === 'errored') lines.push(`  message: ${JSON.stringify((c.error ?? '').split('\n')[0])}`);
        for (const k of c.checks.filter((x) => !x.ok)) {
          lines.push(`  - check: ${k.name}`, `    message: ${JSON.stringify(k.message)}`, `    expected: ${JSON.stringify(k.expected)}`, `    actual: ${JSON.stringify(k.actual)}`);
        }
        lines.push('  ...');
      }
    }
    for (const p of r.problems) {
      n++;
      lines.push(`not ok ${n} - ${r.file} line ${p.line + 1}`, '  ---', `  message: ${JSON.stringify(p.message)}`, '  ...');
    }
  }
  lines.push(`1..${n}`);
  return `${lines.join('\n')}\n`;
}

export function textReport(results: readonly FixtureResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(r.file);
    for (const c of r.calls) {
      const mark = c.status === 'passed' ? '✔' : c.status === 'skipped' ? '-' : '✘';
      lines.push(`  ${mark} ${c.callId}${c.status === 'skipped' ? ' (no expectations)' : ''}`);
      for (const k of c.checks.filter((x) => !x.ok)) lines.push(`      ${k.message}`);
      if (c.error) lines.push(`      error: ${c.error.split('\n')[0]}`);
    }
    for (const p of r.problems) lines.push(`  ✘ line ${p.line + 1}: ${p.message}`);
  }
  const t = totals(results);
  lines.push('', `${t.passed} passed, ${t.failed} failed, ${t.errored + t.problems} errors, ${t.skipped} without expectations`);
  return `${lines.join('\n')}\n`;
}
