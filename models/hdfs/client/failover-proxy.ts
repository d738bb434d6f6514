/**
 * The proxy a Java client shares between all its calls, as
 * RetryInvocationHandler.ProxyDescriptor keeps it [HADOOP-RIH]: which
 * NameNode the calls go to (ConfiguredFailoverProxyProvider: the configured
 * ones in turn) and how many times it was switched. Pure: no simulation.
 *
 * A call reads the count before it is sent; when it fails (after its retry
 * sleep) it asks to fail over with that count, and the switch happens only if
 * the count is unchanged. So calls that were in flight together and fail
 * together move the proxy once, not once each ("concurrent failed
 * invocations only cause a single actual failover"); the later ones retry on
 * the NameNode the first one switched to.
 */
export class FailoverProxy {
  private index = 0;
  private count = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`FailoverProxy needs at least one NameNode, got ${size}`);
  }

  /** The NameNode index calls go to now. */
  get current(): number { return this.index; }

  /** How many times the proxy was switched (ProxyDescriptor.failoverCount). */
  get failoverCount(): number { return this.count; }

  /**
   * ProxyDescriptor.failover(expectedFailoverCount, ...): moves to the next
   * NameNode only if no other call did since `expectedFailoverCount` was
   * read. Returns whether it switched.
   */
  failover(expectedFailoverCount: number): boolean {
    if (expectedFailoverCount !== this.count) return false;
    this.index = (this.index + 1) % this.size;
    this.count++;
    return true;
  }
}
