import type { ConversationEvent } from '../../../src/engine/model';
import { CallBuilder } from './callBuilder';

/**
 * A small history with four error modes whose precursors are visible before the failing call, plus
 * calls where the same tools succeed because the precursor is absent.
 */
export function errorHistory(): ConversationEvent[][] {
  const calls: ConversationEvent[][] = [];
  for (let i = 0; i < 8; i++) {
    // refund without identity check fails; with it, succeeds
    const verified = i % 2 === 0;
    const b = new CallBuilder(`refund-${i}`).tool('lookup_order', { order_id: `ORD-${100 + i}` }, { ok: true, json: { status: 'delivered' } });
    if (verified) b.tool('verify_identity', { email: 'x' }, { ok: true });
    b.tool('issue_refund', { order_id: `ORD-${100 + i}`, amount: 10 + i }, verified ? { ok: true } : { ok: false, error: `Refund refused: identity not verified for order ORD-${100 + i}` });
    calls.push(b.end());
    // cancelling after "shipped" fails
    const shipped = i % 2 === 1;
    calls.push(
      new CallBuilder(`cancel-${i}`)
        .tool('lookup_order', { order_id: `ORD-${200 + i}` }, { ok: true, json: { status: shipped ? 'shipped' : 'processing' } })
        .tool('cancel_order', { order_id: `ORD-${200 + i}` }, shipped ? { ok: false, error: `Cannot cancel order ORD-${200 + i}: already shipped on 2026-01-0${1 + (i % 9)}` } : { ok: true })
        .end(),
    );
    // an address update without zip fails
    const noZip = i % 3 === 0;
    calls.push(
      new CallBuilder(`address-${i}`)
        .tool('update_address', noZip ? { street: 'Main St' } : { street: 'Main St', zip: '12345' }, noZip ? { ok: false, error: 'Validation failed: field zip is required', code: 'VALIDATION' } : { ok: true })
        .end(),
    );
    // a blind retry of a timed-out payment fails again; a retry with new arguments succeeds
    const blind = i % 2 === 0;
    const pay = new CallBuilder(`pay-${i}`).tool('charge_card', { card: `card_${i}0`, amount: 20 }, { ok: false, error: `Gateway timeout after ${3000 + i} ms` });
    pay.tool('charge_card', blind ? { card: `card_${i}0`, amount: 20 } : { card: `card_${i}1`, amount: 20 }, blind ? { ok: false, error: `Duplicate request rejected: key ${i}abc already failed` } : { ok: true });
    calls.push(pay.end());
  }
  return calls;
}
