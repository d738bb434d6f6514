/**
 * The seed's Kubernetes NetworkPolicy (Scenario D): ingress to the H2O pods
 * on ports 54321 (REST) and 54322 (internal, REST port + 1 [H2O-DOCKER]) only
 * from pods labelled app=h2o. A denied flow is dropped by the CNI, so the
 * sender sees a timeout, never a refusal: the cloud and DKV consult
 * `admits` before handing a message to the network and silently drop it.
 *
 * Off (the default) admits every flow. On, only `allowedSources` reach an
 * H2O pod; the H2O pods themselves are always allowed (the policy selects
 * them by the same label). Note what the seed's policy implies: a client pod
 * without the app=h2o label (the Mage training block) cannot reach 54321.
 */
export const H2O_REST_PORT = 54321;
export const H2O_INTERNAL_PORT = 54322;

export class NetworkPolicy {
  private enabled = false;
  private readonly allowed = new Set<string>();
  /** Flows refused while on, a public counter. */
  denied = 0;

  constructor(allowedSources: readonly string[] = []) {
    for (const s of allowedSources) this.allowed.add(s);
  }

  /** The switch (`--set networkPolicy=on`). */
  setEnabled(on: boolean): void {
    this.enabled = on;
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  allow(source: string): void {
    this.allowed.add(source);
  }

  /** Whether a flow from `from` to H2O pod `to` on `port` gets through; counts the ones that do not. */
  admits(from: string, _to: string, port: number = H2O_INTERNAL_PORT): boolean {
    if (!this.enabled) return true;
    if (port !== H2O_REST_PORT && port !== H2O_INTERNAL_PORT) return true;
    if (this.allowed.has(from)) return true;
    this.denied++;
    return false;
  }
}
