import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import { Hooks } from '../client/hooks.js';
import type { ServiceCall } from '../service/service.js';
import { DEFAULT_BLUE_GREEN, checkBlueGreenOptions, type BlueGreenOptions } from './blue-green-options.js';
import type { DeployEvents } from './deploy-events.js';
import { DEPLOY_PARAMS, deployPlanOf, type DeployParams } from './deploy-fault.js';
import { Deployment, otherColour, type Colour } from './deployment.js';
import { Environment } from './environment.js';
import type { Release } from './release.js';
import { RoutedCall, type RouteSink, type RoutedReply } from './routed-call.js';
import { ErrorRateAnalysis, type Measurement } from './rollback-trigger.js';
import { SchemaState, checkMigration, type Migration } from './schema.js';
import { SmokeCheck } from './smoke-check.js';

/** A phase of a deployment, as its trace record and the `phases` hook name it. */
export type DeployPhase = Exclude<keyof DeployEvents, 'deploy-rejected' | 'measurement-failed'>;

/** Failed, for the caller and the trigger: a 5xx, a refusal, a reset, or no answer at all (a 409 conflict is an answer). */
export function isFailure(reply: RoutedReply): boolean {
  return reply !== 'ok' && reply !== 'conflict';
}

/**
 * Blue-green deployment with an automated rollback (seed 001, "Failed
 * Deployment"; next-models 1.6: a switch between two full-size
 * environments; rollback = switching back). A router sends every request
 * to the live colour. `deploy` (or a `deploy` fault on the router's name)
 * runs the pipeline [FOWLER-BG] [ARGO-BG]:
 *
 *   deploy-start: the idle colour stops and starts again with the new
 *     release `deployMs` later; a migration, if any, runs meanwhile
 *     (`migrationMs`) and is applied to the one shared schema at its end,
 *     so an incompatible one breaks the live old release at once;
 *   ready (both done): every new instance must be running, then the smoke
 *     check if any; else deploy-aborted, the new colour never takes traffic;
 *   switched, `pauseBeforeSwitchMs + switchMs` later: traffic on the new
 *     colour, the old one kept warm; the analysis starts watching;
 *   rollback-triggered: the analysis failed; rolled-back
 *     `rollbackSwitchMs` later; the service is restored then if the old
 *     release works on the schema, when a revert ends if one runs, or never
 *     (rollback-failed);
 *   promoted: `scaleDownDelayMs` after the switch (or when the next deploy
 *     starts), the old colour is scaled down and the watch ends.
 *
 * The router offers exactly what a caller's attempt uses of a
 * GenericService (models/resilience/call-attempt.ts: `arrive`,
 * `readVersion`, `options.optimisticConcurrency`), so a ResilientCaller
 * can call it; its constructor is typed for a GenericService, which takes
 * a cast until that type is narrowed to these three members.
 *
 * Trace (source = `name`): see DeployEvents. Each instance traces as the
 * GenericService `<name>-blue-<i>` / `<name>-green-<i>` and takes that
 * name's faults (crash, hang, error-rate, ...).
 */
export class BlueGreen implements RouteSink {
  /** `optimisticConcurrency` false: the router offers no read-modify-write (a caller's attempt reads it). */
  readonly options: BlueGreenOptions & { readonly optimisticConcurrency: false };
  readonly schema: SchemaState;
  readonly blue: Environment;
  readonly green: Environment;
  live: Colour = 'blue';
  readonly deployments: Deployment[] = [];
  /** Production requests ended, and those that failed (isFailure). */
  requests = 0;
  failed = 0;
  /** Every production request's end: the reply and the colour that had it. */
  readonly answered = new Hooks<RoutedReply, Colour>();
  /** Every phase of every deployment, at its instant. */
  readonly phases = new Hooks<DeployPhase, Deployment>();
  private current: Deployment | null = null;
  private watch: ErrorRateAnalysis | null = null;
  private scaleDownTimer = -1;
  private readonly trace: TypedTrace<DeployEvents>;

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<BlueGreenOptions> = {}) {
    this.options = { ...DEFAULT_BLUE_GREEN, ...options, optimisticConcurrency: false };
    const o = this.options;
    checkBlueGreenOptions(name, o);
    this.schema = new SchemaState(o.schemaVersion);
    this.blue = new Environment(sim, `${name}-blue`, 'blue', o.replicas, o.service, o.initial, this.schema);
    this.green = new Environment(sim, `${name}-green`, 'green', o.replicas, o.service, o.initial, this.schema);
    this.trace = sim.trace.typed<DeployEvents>();
    sim.faults.on(name, 'deploy', (f) => {
      const plan = deployPlanOf(f.params as DeployParams, this.schema.version);
      this.deploy(plan.release, { migration: plan.migration });
    }, DEPLOY_PARAMS);
  }

  env(c: Colour): Environment {
    return c === 'blue' ? this.blue : this.green;
  }

  get liveRelease(): Release {
    return this.env(this.live).release;
  }

  /** The last deployment, if any. */
  get deployment(): Deployment | null {
    return this.current;
  }

  /** A request reaches the router now (GenericService.arrive's contract): false when nothing answers at the TCP level. */
  arrive(call: ServiceCall): boolean {
    const env = this.env(this.live), i = env.pick(), d = this.current;
    const routed = new RoutedCall(this, call, env, i, false, d, d === null ? null : d.window(), this.sim.now);
    const reached = env.deliver(i, routed);
    if (!reached) this.settled(routed, 'silent');
    return reached;
  }

  /** A read of a read-modify-write, passed to a live instance as it is (unused: `optimisticConcurrency` is false). */
  readVersion(call: ServiceCall): number | 'refused' | 'silent' | 'hung' {
    const env = this.env(this.live);
    return env.instances[env.pick()]!.readVersion(call);
  }

  /** A production request ended (RouteSink). */
  settled(call: RoutedCall, reply: RoutedReply): void {
    const failed = isFailure(reply);
    this.requests++;
    if (failed) this.failed++;
    call.deployment?.count(call.window, failed);
    if (this.watch !== null && call.env.colour === this.current?.colour) this.watch.record(failed);
    this.answered.call(reply, call.env.colour);
  }

  /**
   * Ships `r` to the idle colour with `migration` (none by default). Refused
   * (null, a deploy-rejected record) while a deployment is before its switch
   * or its rollback is not over; a deployment still being watched is
   * promoted first (its old colour is the one replaced).
   */
  deploy(r: Release, plan: { readonly migration?: Migration | null } = {}): Deployment | null {
    const migration = plan.migration ?? null;
    if (this.current?.busy) {
      this.trace.emit(this.name, 'deploy-rejected', { release: r.name, reason: `deployment of ${this.current.release.name} is ${this.current.outcome}` });
      return null;
    }
    if (migration !== null) checkMigration(migration);
    if (this.current?.outcome === 'live') this.promote(this.current);
    const to = otherColour(this.live), now = this.sim.now;
    const d = new Deployment(r, this.liveRelease, to, migration, now);
    this.deployments.push(d);
    this.current = d;
    this.trace.emit(this.name, 'deploy-start', { release: r.name, colour: to, migration: migration === null ? 'none' : migration.backwardCompatible ? 'compatible' : 'incompatible' });
    this.phases.call('deploy-start', d);
    this.env(to).stop();
    let parts = migration === null ? 1 : 2;
    const partDone = () => { if (--parts === 0) this.ready(d); };
    this.sim.schedule(ms(this.options.deployMs), () => { this.env(to).start(r); partDone(); });
    if (migration !== null) this.sim.schedule(ms(migration.migrationMs), () => { this.migrated(d, migration); partDone(); });
    return d;
  }

  private migrated(d: Deployment, m: Migration): void {
    this.schema.apply(m);
    d.migratedAt = this.sim.now;
    this.trace.emit(this.name, 'migrated', { schema: this.schema.version, backwardCompatible: m.backwardCompatible });
    this.phases.call('migrated', d);
  }

  /** The new colour runs and the migration is done: readiness, the smoke check, then the switch. */
  private ready(d: Deployment): void {
    const env = this.env(d.colour), o = this.options;
    d.readyAt = this.sim.now;
    if (env.running < env.instances.length) return this.abort(d, `not ready: ${env.running} of ${env.instances.length} instances running`);
    const toSwitch = () => this.sim.schedule(ms(o.pauseBeforeSwitchMs + o.switchMs), () => this.switched(d));
    if (o.smokeRequests === 0) return void toSwitch();
    new SmokeCheck(this.sim, env, o.smokeRequests, o.smokeTimeoutMs, (failures) => {
      if (failures > 0) this.abort(d, `smoke check: ${failures} of ${o.smokeRequests} requests failed`);
      else toSwitch();
    }).start();
  }

  private abort(d: Deployment, reason: string): void {
    d.outcome = 'aborted';
    d.abortedAt = this.sim.now;
    this.trace.emit(this.name, 'deploy-aborted', { release: d.release.name, reason });
    this.phases.call('deploy-aborted', d);
  }

  /** Traffic on the new colour; the trigger's first measurement now, the scale-down timer from now. */
  private switched(d: Deployment): void {
    const o = this.options;
    this.live = d.colour;
    d.switchedAt = this.sim.now;
    d.outcome = 'live';
    this.trace.emit(this.name, 'switched', { colour: d.colour, release: d.release.name });
    this.phases.call('switched', d);
    this.watch = new ErrorRateAnalysis(this.sim, o.analysis,
      (m) => this.trace.emit(this.name, 'measurement-failed', { errors: m.errors, requests: m.requests, failedMeasurements: m.failedMeasurements }),
      (m) => this.rollback(d, m));
    if (o.scaleDownDelayMs !== Infinity) this.scaleDownTimer = this.sim.schedule(ms(o.scaleDownDelayMs), () => this.promote(d));
    this.watch.start();
  }

  /** The watch ends and the old colour is scaled down: the new release is final. */
  private promote(d: Deployment): void {
    this.watch?.stop();
    this.watch = null;
    this.sim.cancel(this.scaleDownTimer);
    d.outcome = 'promoted';
    d.promotedAt = this.sim.now;
    const old = otherColour(d.colour);
    this.env(old).stop();
    this.trace.emit(this.name, 'promoted', { release: d.release.name, scaledDown: old });
    this.phases.call('promoted', d);
  }

  /** The trigger fired: switch back, and revert the migration alongside if the old release needs it and it can be. */
  private rollback(d: Deployment, m: Measurement): void {
    const o = this.options, mig = d.migration;
    this.watch = null;
    this.sim.cancel(this.scaleDownTimer);
    d.triggeredAt = this.sim.now;
    d.outcome = 'rolling-back';
    this.trace.emit(this.name, 'rollback-triggered', { errors: m.errors, requests: m.requests, afterSwitchMs: (d.triggeredAt - d.switchedAt) / 1000 });
    this.phases.call('rollback-triggered', d);
    const revert = mig !== null && o.revertOnRollback && mig.revertMs !== null && this.schema.last === mig && !this.schema.worksWith(d.previous);
    if (revert) {
      d.revertDueAt = this.sim.now + ms(mig.revertMs!);
      this.sim.at(d.revertDueAt, () => this.reverted(d));
    }
    this.sim.schedule(ms(o.rollbackSwitchMs), () => this.rolledBack(d));
  }

  private rolledBack(d: Deployment): void {
    this.live = otherColour(d.colour);
    d.rolledBackAt = this.sim.now;
    d.outcome = 'rolled-back';
    this.trace.emit(this.name, 'rolled-back', { colour: this.live, release: this.liveRelease.name });
    this.phases.call('rolled-back', d);
    this.checkRestored(d);
  }

  private reverted(d: Deployment): void {
    this.schema.revert();
    d.revertedAt = this.sim.now;
    this.trace.emit(this.name, 'migration-reverted', { schema: this.schema.version });
    this.phases.call('migration-reverted', d);
    this.checkRestored(d);
  }

  /** After the switch back or a revert: restored when both are done; rollback-failed when no revert will come. */
  private checkRestored(d: Deployment): void {
    if (d.rolledBackAt < 0 || d.restored) return;
    if (this.schema.worksWith(this.liveRelease)) {
      d.restoredAt = this.sim.now;
      this.trace.emit(this.name, 'restored', { afterSwitchMs: (d.restoredAt - d.switchedAt) / 1000 });
      this.phases.call('restored', d);
      return;
    }
    if (d.revertDueAt > this.sim.now) return;
    d.outcome = 'rollback-failed';
    const reason = d.migration?.revertMs === null ? 'the migration destroyed data and cannot be reverted' : 'the migration was not reverted';
    this.trace.emit(this.name, 'rollback-failed', { release: this.liveRelease.name, schema: this.schema.version, reason });
    this.phases.call('rollback-failed', d);
  }
}
