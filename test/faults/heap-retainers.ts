/**
 * Test support: reads a V8 heap snapshot (the .heapsnapshot JSON that Node's
 * --heapsnapshot-signal and CDP HeapProfiler.takeHeapSnapshot write) and, for every string
 * node containing a needle, names one retaining path to a GC root (`Window / app / state /
 * resident / name`), so a privacy failure says what still holds the resident.
 */
interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export function retainingPaths(json: string, needle: string, maxPaths = 5): string[] {
  const snap = JSON.parse(json) as Snapshot;
  const { node_fields: nodeFields, edge_fields: edgeFields } = snap.snapshot.meta;
  const nodeTypes = snap.snapshot.meta.node_types[0];
  const edgeTypes = snap.snapshot.meta.edge_types[0];
  const nf = nodeFields.length;
  const ef = edgeFields.length;
  const nType = nodeFields.indexOf('type');
  const nName = nodeFields.indexOf('name');
  const nEdges = nodeFields.indexOf('edge_count');
  const eType = edgeFields.indexOf('type');
  const eName = edgeFields.indexOf('name_or_index');
  const eTo = edgeFields.indexOf('to_node');
  const count = snap.nodes.length / nf;
  // Reverse edges: for each node, (from node, edge index).
  const firstEdge = new Int32Array(count);
  for (let i = 0, e = 0; i < count; i += 1) {
    firstEdge[i] = e;
    e += (snap.nodes[i * nf + nEdges] ?? 0) * ef;
  }
  const parents = new Map<number, { from: number; edge: number }[]>();
  for (let i = 0; i < count; i += 1) {
    const end = firstEdge[i]! + (snap.nodes[i * nf + nEdges] ?? 0) * ef;
    for (let e = firstEdge[i]!; e < end; e += ef) {
      const to = (snap.edges[e + eTo] ?? 0) / nf;
      const list = parents.get(to) ?? [];
      list.push({ from: i, edge: e });
      parents.set(to, list);
    }
  }
  const label = (node: number): string => `${nodeTypes[snap.nodes[node * nf + nType] ?? 0]}:${(snap.strings[snap.nodes[node * nf + nName] ?? 0] ?? '').slice(0, 60)}`;
  const edgeLabel = (e: number): string => {
    const type = edgeTypes[snap.edges[e + eType] ?? 0];
    const name = snap.edges[e + eName] ?? 0;
    return type === 'element' || type === 'hidden' ? `[${name}]` : (snap.strings[name] ?? '?');
  };
  const paths: string[] = [];
  for (let i = 0; i < count && paths.length < maxPaths; i += 1) {
    const type = nodeTypes[snap.nodes[i * nf + nType] ?? 0];
    if (type !== 'string' && type !== 'concatenated string' && type !== 'sliced string') continue;
    if (!(snap.strings[snap.nodes[i * nf + nName] ?? 0] ?? '').includes(needle)) continue;
    // Breadth-first up the retainers (weak edges skipped) to a root.
    const seen = new Map<number, { next: number; edge: number } | null>([[i, null]]);
    const queue = [i];
    let root = -1;
    while (queue.length > 0 && root < 0) {
      const node = queue.shift()!;
      if (node === 0) root = node;
      for (const { from, edge } of parents.get(node) ?? []) {
        if (edgeTypes[snap.edges[edge + eType] ?? 0] === 'weak' || seen.has(from)) continue;
        seen.set(from, { next: node, edge });
        queue.push(from);
      }
    }
    if (root < 0) {
      paths.push(`${label(i)} (no strong path to a root)`);
      continue;
    }
    const steps: string[] = [];
    for (let node = root, link = seen.get(node); link !== null && link !== undefined; node = link.next, link = seen.get(node)) {
      steps.push(`${label(node)} -${edgeLabel(link.edge)}->`);
    }
    // The walk above goes from the root down; seen links point from a parent to its child.
    paths.push(`${steps.join(' ')} ${label(i)}`);
  }
  return paths;
}
