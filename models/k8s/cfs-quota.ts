/**
 * CFS bandwidth control, closed form. A CPU limit is a quota of CPU time per
 * period: quota = limit × period (cpu.max "quota period" in cgroup v2,
 * cpu.cfs_quota_us / cpu.cfs_period_us in v1), the period 100 ms by default
 * [K8S-RES], [CFS-GIST]. A cgroup that spends its quota is throttled until the
 * next period starts [CFS-LOKE].
 *
 * For one runnable thread that needs `cpuMs` of CPU and starts at a period
 * boundary (next-models §1.5): it runs Q ms of every P, so
 * `wall = C + (ceil(C / Q) − 1) · (P − Q)`; with Q ≥ P (a limit of a core or
 * more) one thread is never throttled and wall = C.
 * 500m, 200 ms of CPU: Q = 50 ms, wall = 200 + 3 · 50 = 350 ms.
 */
export function cfsWallMs(cpuMs: number, limitMillicores: number, periodMs = DEFAULT_CFS_PERIOD_MS): number {
  if (!(cpuMs >= 0) || !(limitMillicores > 0) || !(periodMs > 0)) throw new RangeError(`cfsWallMs: cpuMs ${cpuMs} must be >= 0, limit ${limitMillicores} and period ${periodMs} > 0`);
  const quotaMs = cfsQuotaUs(limitMillicores, periodMs * 1000) / 1000;
  if (cpuMs === 0 || quotaMs >= periodMs) return cpuMs;
  return cpuMs + (Math.ceil(cpuMs / quotaMs) - 1) * (periodMs - quotaMs);
}

/** The kernel's default cpu.cfs_period_us (100 ms), which the kubelet keeps unless cpuCFSQuotaPeriod is set. */
export const DEFAULT_CFS_PERIOD_MS = 100;

/** CPU µs a container may use per period: limit (in cores) × period; the kernel's floor is 1 ms (min_cfs_quota). */
export function cfsQuotaUs(limitMillicores: number, periodUs: number): number {
  return Math.max(1000, (limitMillicores * periodUs) / 1000);
}
