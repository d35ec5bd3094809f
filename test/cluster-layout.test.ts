import { describe, expect, it } from 'vitest';
import { HbEvent, TopoEvent } from '../src/sim/engine/trace';
import { farArrows, layoutMap, mapMetrics, rowsNeeded } from '../src/ui/cluster-map/layout';
import { buildClusterModel, clusterStateAt } from '../src/ui/cluster-map/model';
import type { Topology } from '../src/ui/cluster-map/topology';

/** Issue 8, item 7: where the cluster map puts hosts, VMs and arrows. */
describe('cluster map layout', () => {
  const topo: Topology = {
    hosts: [
      { id: 'h1', label: 'Primary', node: 0 },
      { id: 'h2', label: 'Backup', node: 1 },
    ],
    vms: [
      {
        id: 'vm1',
        label: 'vm1',
        services: ['SIP registrar'],
        host: 'h1',
        protection: 'remus',
        backupHost: 'h2',
      },
    ],
  };
  const hb = [
    { t: 10e6, node: 0, ev: HbEvent.Crash, flag: 0 },
    { t: 11e6, node: 1, ev: HbEvent.Takeover, flag: 0 },
  ];
  const m = buildClusterModel(topo, { hb, epochs: [] }, 20e6);
  const metrics = mapMetrics(13);
  const at = (t: number, width: number) =>
    layoutMap(clusterStateAt(m, t), rowsNeeded(m), width, metrics);

  it('puts hosts side by side on a wide screen, the arrow from the VM to its replica', () => {
    const l = at(5e6, 1000);
    expect(l.hosts.map((h) => h.y)).toEqual([0, 0]);
    expect(l.hosts[1]?.x).toBeGreaterThan((l.hosts[0]?.x ?? 0) + (l.hosts[0]?.w ?? 0));
    expect(l.width).toBeLessThanOrEqual(1000);
    expect(l.arrows).toHaveLength(1);
    const vm = l.vms.find((v) => v.key === 'vm1');
    const replica = l.vms.find((v) => v.role === 'replica');
    // Starts at the right edge of the primary's box and ends at the backup's left edge, at the VMs' height.
    const [x1, y1, x2, y2] = (l.arrows[0]?.d.match(/[\d.]+/g) ?? []).map(Number);
    expect(y1).toBe((vm?.y ?? 0) + (vm?.h ?? 0) / 2);
    expect(y2).toBe((replica?.y ?? 0) + (replica?.h ?? 0) / 2);
    expect(x1).toBeGreaterThan((vm?.x ?? 0) + (vm?.w ?? 0));
    expect(x2).toBeLessThan(replica?.x ?? 0);
  });

  it('stacks hosts on a phone, with the arrow between the boxes', () => {
    const l = at(5e6, 300);
    expect(l.hosts.map((h) => h.x)).toEqual([0, 0]);
    expect(l.hosts[1]?.y).toBeGreaterThan((l.hosts[0]?.y ?? 0) + (l.hosts[0]?.h ?? 0));
    expect(l.width).toBeLessThanOrEqual(300);
    expect(l.height).toBeGreaterThan(2 * (l.hosts[0]?.h ?? 0));
  });

  it('keeps the active copy’s key across the takeover, so the same box moves to the backup', () => {
    const before = at(5e6, 1000).vms.find((v) => v.key === 'vm1');
    const after = at(12e6, 1000).vms.find((v) => v.key === 'vm1');
    expect(before?.host).toBe('h1');
    expect(after?.host).toBe('h2');
    expect(after?.x).toBeGreaterThan(before?.x ?? Infinity);
    // The replica's box is gone after the takeover; keys stay unique.
    const keys = at(12e6, 1000).vms.map((v) => v.key);
    expect(keys).toEqual(['vm1']);
    expect(new Set(at(5e6, 1000).vms.map((v) => v.key)).size).toBe(2);
    expect(at(12e6, 1000).vms.some((v) => v.twin)).toBe(false);
  });

  it('marks both active copies of a split brain, each with its own key', () => {
    const split = buildClusterModel(
      topo,
      {
        hb: [],
        topo: [
          { t: 6e6, entity: 1, ev: TopoEvent.VmActive, b: 2, c: 0 },
          { t: 6e6, entity: 1, ev: TopoEvent.SplitBrain, b: 1, c: 2 },
        ],
        epochs: [],
      },
      20e6,
    );
    const l = layoutMap(clusterStateAt(split, 7e6), rowsNeeded(split), 1000, metrics);
    expect(l.vms.map((v) => `${v.host}:${v.twin}`).sort()).toEqual(['h1:true', 'h2:true']);
    expect(new Set(l.vms.map((v) => v.key)).size).toBe(2);
  });

  it('an arrow to a host that is not a neighbour arcs over the box between, its word above every box', () => {
    const three = buildClusterModel(
      {
        hosts: [...topo.hosts, { id: 'h3', label: 'h3', node: 2 }],
        vms: [{ ...(topo.vms[0] as Topology['vms'][number]), backupHost: 'h3' }],
      },
      { hb: [], epochs: [] },
      20e6,
    );
    const l = layoutMap(clusterStateAt(three, 5e6), rowsNeeded(three), 1000, metrics);
    const [a] = l.arrows;
    const boxTop = Math.min(...l.hosts.map((h) => h.y));
    // Room was made above the hosts for the word (nothing drawn above 0).
    expect(a?.ly).toBeLessThan(boxTop);
    expect((a?.ly ?? -1) - metrics.font).toBeGreaterThanOrEqual(0);
    // The arc: both controls above the boxes, high enough that a fifth of the way along (past the
    // first box's edge, over the middle box) it is above the boxes' tops.
    const c = Number(/C[\d.]+,([-\d.]+)/.exec(a?.d ?? '')?.[1]);
    const y1 = Number(/^M[\d.]+,([-\d.]+)/.exec(a?.d ?? '')?.[1]);
    expect(0.52 * y1 + 0.48 * c).toBeLessThan(boxTop);
    // The room kept for the run gives the same picture as the room made for this state.
    const kept = layoutMap(
      clusterStateAt(three, 5e6),
      rowsNeeded(three),
      1000,
      metrics,
      farArrows(three, 1000, metrics),
    );
    expect(kept.arrows[0]?.ly).toBeGreaterThanOrEqual(metrics.font);
  });

  it('keeps the room for an arc all run long, so the page below does not jump when it goes', () => {
    // vm1 on h1 replicates to h3 (an arc over h2) until h1 crashes at 10 s and h3 takes over.
    const three = buildClusterModel(
      {
        hosts: [...topo.hosts, { id: 'h3', label: 'h3', node: 2 }],
        vms: [{ ...(topo.vms[0] as Topology['vms'][number]), backupHost: 'h3' }],
      },
      { hb, epochs: [] },
      20e6,
    );
    const arcs = farArrows(three, 1000, metrics);
    expect(arcs).toBe(true);
    const lay = (t: number) =>
      layoutMap(clusterStateAt(three, t), rowsNeeded(three), 1000, metrics, arcs);
    expect(lay(5e6).arrows).toHaveLength(1);
    expect(lay(15e6).arrows).toHaveLength(0);
    expect(lay(15e6).height).toBe(lay(5e6).height);
    expect(lay(15e6).hosts[0]?.y).toBe(lay(5e6).hosts[0]?.y);
    // Neighbours only (h1 → h2): no room is kept.
    expect(farArrows(m, 1000, metrics)).toBe(false);
  });
});
