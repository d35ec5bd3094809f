import type { RunSummary } from '../sim/results/summary';

const f = (x: number, d = 1): string => x.toFixed(d);

/** Human-readable summary for the terminal. */
export function formatSummary(s: RunSummary, hash: string, wallMs: number): string {
  const lines: string[] = [];
  lines.push(
    `VoIP HA Lab — ${s.durationS} s simulated, seed ${s.seed}, ${s.events} events in ${f(wallMs, 0)} ms, trace ${hash}`,
  );
  lines.push('');
  lines.push(
    'RTP streams          jitter mean/max ms  loss %  late %  delay mean/max ms  buffer ms  max gap ms  MOS',
  );
  for (const st of s.streams) {
    lines.push(
      `  call ${String(st.call + 1).padEnd(3)} ${st.direction.padEnd(13)} ${`${f(st.jitterMeanMs, 2)} / ${f(st.jitterMaxMs, 2)}`.padStart(17)}  ${f(st.lossPct, 2).padStart(6)}  ${f(st.latePct, 2).padStart(6)}  ${`${f(st.delayMeanMs, 2)} / ${f(st.delayMaxMs, 2)}`.padStart(17)}  ${f(st.playoutMeanMs).padStart(9)}  ${f(st.maxGapMs).padStart(10)}  ${f(st.mos, 2)}`,
    );
  }
  if (s.streams.length === 0) lines.push('  (no calls)');
  lines.push('');
  const b = s.bursts;
  lines.push(
    `Output buffer releases: ${b.releases}, RTP per release ${f(b.rtpPerReleaseMean, 1)} (max ${b.rtpPerReleaseMax}), per call and direction ${f(b.rtpPerCallDirectionMean, 1)}, every ${f(b.releaseIntervalMeanMs)} ms`,
  );
  const e = s.epochs;
  lines.push(
    `Checkpoints: ${e.count}, pause ${f(e.pauseMeanMs, 2)} ms (max ${f(e.pauseMaxMs, 2)}), ${f(e.dirtyPagesMean, 0)} dirty pages, suspend→ack ${f(e.checkpointMeanMs, 1)} ms, epoch ${f(e.epochMeanMs)} ms`,
  );
  if (s.failover) {
    const fo = s.failover;
    lines.push(
      `Failover: crash ${fo.crashS} s, declared dead ${fo.declaredDeadS ?? '—'} s, takeover ${fo.takeoverS ?? '—'} s, ARP ${fo.arpS ?? '—'} s; gap per stream ${fo.gapMsByStream.map((g) => f(g, 0)).join(', ')} ms; calls continued ${fo.callsContinued}`,
    );
  }
  if (s.detection.falseFailover)
    lines.push(
      `FALSE FAILOVER: the backup declared a healthy primary dead at ${s.detection.declaredDeadS} s (split brain)`,
    );
  const sip = s.sip;
  if (sip.started > 0) {
    lines.push(
      `REGISTER: ${sip.succeeded}/${sip.started} succeeded (${f(sip.successPct, 2)} %), ${sip.failed} failed, ${sip.pending} pending, ${sip.retransmissions} retransmissions, latency ${f(sip.latencyMeanMs, 1)} ms mean, ${sip.lostAfterAck} acknowledged but lost on failover`,
    );
  }
  const st = sip.stack;
  if (st && st.calls.attempts > 0) {
    const d = st.setupTime;
    lines.push(
      `Calls (SIP over ${st.transport}): ${st.calls.successes}/${st.calls.attempts} set up, ${st.calls.timeouts} timed out, ${st.calls.errors} refused; set-up ${f(d.meanMs ?? NaN, 1)} / ${f(d.p95Ms ?? NaN, 1)} / ${f(d.maxMs ?? NaN, 1)} ms mean/p95/max; ${st.callsCompleted} completed, ${st.callsDropped} dropped; ${st.requestRetransmissions} SIP request retransmissions, ${st.wire.tcpRetransmissions} TCP resends`,
    );
  }
  lines.push(
    `CPU share: ${s.cpu
      .filter((c) => c.sharePct > 0)
      .map((c) => `${c.host}/${c.vm} ${f(c.sharePct, 2)} %`)
      .join(', ')}`,
  );
  const drops =
    Object.entries(s.packets.dropped)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  lines.push(
    `Packets: ${s.packets.created} created, ${s.packets.delivered} delivered, ${s.packets.inFlight} in flight, dropped: ${drops}; output-commit violations ${s.outputCommitViolations}`,
  );
  const a = s.availability;
  lines.push(
    `Availability: ${(a.availability * 100).toFixed(4)} % (${f(a.nines, 2)} nines, ${f(a.downtimePerYearS / 60, 1)} min/yr) without failover` +
      (a.withFailover
        ? `; ${(a.withFailover.availability * 100).toFixed(6)} % with a measured ${f(a.measuredOutageS ?? 0, 2)} s outage per failure`
        : a.neverRecovered
          ? `; the service never recovered from the crash (silent for at least ${f(a.measuredOutageS ?? 0, 2)} s, to the end of the run)`
          : ''),
  );
  for (const w of s.warnings) lines.push(`WARNING: ${w}`);
  return lines.join('\n');
}
