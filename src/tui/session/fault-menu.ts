/** One entry of the TUI's fault menu: a fault the models accept, with the parameters it needs. */
export interface FaultChoice {
  readonly label: string;
  readonly target: string;
  readonly kind: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** Kinds that need parameters get a sensible preset (the menu injects, it does not prompt). */
const PRESETS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'fill-memory': { bytes: 1_000_000 },
};

/**
 * The menu for a fault catalogue (FaultInjector.catalogue()): every
 * (target, kind) pair, with network faults expanded to one entry per host,
 * since a network fault names the host it cuts off or slows down.
 * A partition needs groups, which a one-key menu cannot express; `isolate`
 * covers the common case.
 */
export function faultChoices(catalogue: readonly { target: string; kinds: readonly string[] }[]): FaultChoice[] {
  const hosts = catalogue.map((c) => c.target).filter((t) => t !== 'network');
  const out: FaultChoice[] = [];
  for (const { target, kinds } of catalogue) {
    for (const kind of kinds) {
      if (target === 'network') out.push(...networkChoices(kind, hosts));
      else {
        const params = PRESETS[kind];
        out.push(params ? { label: `${target} ${kind} ${JSON.stringify(params)}`, target, kind, params } : { label: `${target} ${kind}`, target, kind });
      }
    }
  }
  return out;
}

function networkChoices(kind: string, hosts: readonly string[]): FaultChoice[] {
  const perHost = (params: (host: string) => Record<string, unknown>, what: string) =>
    hosts.map((host) => ({ label: `network ${kind} ${host}${what}`, target: 'network', kind, params: params(host) }));
  switch (kind) {
    case 'heal': return [{ label: 'network heal', target: 'network', kind }];
    case 'isolate': return perHost((host) => ({ host }), '');
    case 'latency': return perHost((host) => ({ host, ms: 500 }), ' +500ms');
    case 'loss': return perHost((host) => ({ host, p: 0.5 }), ' 50%');
    default: return [];
  }
}
