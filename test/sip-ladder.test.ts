import { describe, expect, it } from 'vitest';
import { SipMethod } from '../src/sim/sip/message';
import { SipMsgFlag, encodeMessage, exchangeId } from '../src/sim/telephony/sip-trace';
import { ladderLayout } from '../src/ui/sip-ladder/ladder-layout';
import { SipMessages } from '../src/ui/sip-ladder/sip-messages';

const ms = (x: number) => x * 1000;

/** A REGISTER sent at 0, lost with the primary, resent at 0.5 s to the backup and answered. */
function registrationThroughFailover(): SipMessages {
  const m = new SipMessages();
  const id = exchangeId(-1, 7);
  const reg = encodeMessage(SipMethod.Register, 0);
  const ok = encodeMessage(SipMethod.Register, 200);
  m.add(ms(1), id, reg, SipMsgFlag.Lost, 0);
  m.add(ms(501), id, reg, SipMsgFlag.SipRetransmission | SipMsgFlag.AtBackup, ms(500));
  m.add(
    ms(502),
    id,
    ok,
    SipMsgFlag.FromServer | SipMsgFlag.AtBackup | SipMsgFlag.SipRetransmission,
    ms(501),
  );
  // Another exchange interleaved: a call's INVITE.
  m.add(ms(3), exchangeId(4, 9), encodeMessage(SipMethod.Invite, 0), 0, ms(2));
  m.commit();
  return m;
}

describe('SIP ladder data and layout', () => {
  it('indexes copies by exchange, marks exchanges with resent or lost copies', () => {
    const m = registrationThroughFailover();
    expect(m.count).toBe(4);
    expect(m.exchanges.map((x) => [x.call, x.n, x.troubled])).toEqual([
      [false, 7, true],
      [true, 4, false],
    ]);
    expect(m.copiesOf(exchangeId(-1, 7)).map((c) => c.sentUs)).toEqual([0, ms(500), ms(501)]);
  });

  it('draws client → primary (lost half-way), then client → backup and back, with the failover band between', () => {
    const m = registrationThroughFailover();
    const l = ladderLayout(m.copiesOf(exchangeId(-1, 7)), 800, {
      crashUs: ms(0.5),
      arpUs: ms(400),
    });
    const [lost, again, ok] = l.arrows;
    expect(lost?.from).toBe(0);
    expect(lost?.to).toBe(1);
    expect(lost?.lost).toBe(true);
    expect(lost?.x1).toBeCloseTo(((l.columnX[0] as number) + (l.columnX[1] as number)) / 2);
    expect(again?.to).toBe(2);
    expect(again?.retransmission).toBe(true);
    expect(ok?.from).toBe(2);
    expect(ok?.label).toBe('200 OK (REGISTER)');
    // The band: after the copy sent before the crash, before the copies sent after the ARP.
    expect(l.band).not.toBeNull();
    expect(l.band?.y0).toBeGreaterThan(lost?.y0 as number);
    expect(l.band?.y1).toBeLessThanOrEqual(again?.y0 as number);
  });

  it('no band for an exchange that ended before the crash', () => {
    const m = registrationThroughFailover();
    const l = ladderLayout(m.copiesOf(exchangeId(4, 9)), 800, { crashUs: ms(10), arpUs: ms(20) });
    expect(l.band).toBeNull();
    expect(l.arrows).toHaveLength(1);
  });
});
