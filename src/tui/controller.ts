import { formatTime, sec, type Micros } from '../kernel/time.js';
import type { FaultChoice } from './session/fault-menu.js';
import type { Session } from './session/session.js';

/** Playback speeds: virtual seconds per wall-clock second. */
export const SPEEDS = [1, 2, 5, 10, 30, 100] as const;
export const DEFAULT_SPEED_INDEX = 2;
/** What `]` and `[` jump, in virtual time. */
export const JUMP_US: Micros = sec(10);

export type Focus = 'components' | 'charts' | 'log';
export const FOCUS_ORDER: readonly Focus[] = ['components', 'charts', 'log'];

/** The subset of Ink's key object the controller reads. */
export interface KeyInfo {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly shift?: boolean;
  readonly ctrl?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
}

/** What the run view needs from the outside world (files, the process). */
export interface RunViewHost {
  /** Writes the session's faults file; returns the line to show. */
  writeFaults(session: Session): string;
}

/**
 * The run view's state and key handling, apart from rendering: a session
 * plus what the person is doing with it (paused or running, speed, focus,
 * filter, menus). Handlers read and write this object, never React state,
 * so keys that arrive in one chunk see each other's effects (Ink 6 would
 * hand a second key of the same tick a stale closure).
 */
export class RunController {
  paused: boolean;
  speedIndex = DEFAULT_SPEED_INDEX;
  focus: Focus = 'log';
  filter = '';
  editingFilter = false;
  help = false;
  menu: { index: number; choices: FaultChoice[] } | null = null;
  /** Lines scrolled up from the newest log entry (0 follows the log). */
  logScroll = 0;
  /** First line of the components text shown. */
  paneScroll = 0;
  status = '';

  constructor(readonly session: Session, options: { paused?: boolean } = {}, private readonly host?: RunViewHost) {
    this.paused = options.paused ?? false;
  }

  get speed(): number {
    return SPEEDS[this.speedIndex]!;
  }

  /** Advances by `wallMs` of wall-clock time at the current speed, if running. */
  tick(wallMs: number): void {
    if (this.paused || this.menu !== null) return;
    this.session.advanceBy(Math.round(wallMs * this.speed * 1000));
    if (this.session.finished) {
      this.paused = true;
      this.status = 'run finished: claims are final';
    }
  }

  /** Handles one key; returns 'quit' when the person wants out. */
  key(input: string, key: KeyInfo): 'quit' | undefined {
    if (key.ctrl && input === 'c') return 'quit';
    if (this.help) {
      if (input === 'q') return 'quit';
      this.help = false;
      return undefined;
    }
    if (this.menu !== null) return this.menuKey(input, key);
    if (this.editingFilter) return this.filterKey(input, key);
    return this.mainKey(input, key);
  }

  private mainKey(input: string, key: KeyInfo): 'quit' | undefined {
    const s = this.session;
    if (key.tab) {
      const i = FOCUS_ORDER.indexOf(this.focus);
      this.focus = FOCUS_ORDER[(i + (key.shift ? FOCUS_ORDER.length - 1 : 1)) % FOCUS_ORDER.length]!;
      return undefined;
    }
    if (key.upArrow || key.downArrow || key.pageUp || key.pageDown || input === 'k' || input === 'j') {
      const step = key.pageUp || key.pageDown ? 10 : 1;
      const dir = key.upArrow || key.pageUp || input === 'k' ? 1 : -1;
      if (this.focus === 'log') this.logScroll = Math.max(0, this.logScroll + dir * step);
      else if (this.focus === 'components') this.paneScroll = Math.max(0, this.paneScroll - dir * step);
      return undefined;
    }
    if (key.escape) {
      this.filter = '';
      this.status = '';
      return undefined;
    }
    switch (input) {
      case 'q': return 'quit';
      case ' ':
        if (s.finished) { this.status = 'run finished: r restarts, [ goes back'; return undefined; }
        this.paused = !this.paused;
        return undefined;
      case '.': {
        this.paused = true;
        const stepped = s.stepEvent();
        const rec = s.lastRecord;
        this.status = stepped ? `event #${s.events}${rec && rec.t === s.now ? `: ${rec.source} ${rec.kind}` : ''}` : 'no event left before the end of the run';
        return undefined;
      }
      case ']': s.advanceBy(JUMP_US); this.status = ''; return undefined;
      case '[': s.seek(s.now - JUMP_US); this.status = 're-simulated from 0 (deterministic rewind)'; return undefined;
      case '+': case '=': this.speedIndex = Math.min(SPEEDS.length - 1, this.speedIndex + 1); return undefined;
      case '-': case '_': this.speedIndex = Math.max(0, this.speedIndex - 1); return undefined;
      case 'r': s.restart(); this.logScroll = 0; this.status = `restarted with seed ${s.seed}`; return undefined;
      case 'n': s.restart(s.seed + 1); this.logScroll = 0; this.status = `new seed ${s.seed}`; return undefined;
      case 'f': this.menu = { index: 0, choices: s.faultChoices() }; return undefined;
      case '/': this.editingFilter = true; this.focus = 'log'; return undefined;
      case '?': this.help = true; return undefined;
      case 'w': this.status = this.host ? this.host.writeFaults(s) : 'no file to write to'; return undefined;
      default: return undefined;
    }
  }

  private menuKey(input: string, key: KeyInfo): 'quit' | undefined {
    const menu = this.menu!;
    const n = menu.choices.length;
    if (key.escape || input === 'f' || input === 'q') { this.menu = null; return undefined; }
    if (key.upArrow || input === 'k') menu.index = (menu.index + n - 1) % n;
    else if (key.downArrow || input === 'j') menu.index = (menu.index + 1) % n;
    else if (key.return && n > 0) {
      const choice = menu.choices[menu.index]!;
      this.menu = null;
      try {
        const f = this.session.inject(choice);
        this.status = `injected ${choice.label} at ${formatTime(f.at)} (w writes the faults file)`;
      } catch (e) {
        this.status = `not injected: ${(e as Error).message}`;
      }
    }
    return undefined;
  }

  private filterKey(input: string, key: KeyInfo): 'quit' | undefined {
    if (key.return) { this.editingFilter = false; return undefined; }
    if (key.escape) { this.editingFilter = false; this.filter = ''; return undefined; }
    if (key.backspace || key.delete) { this.filter = this.filter.slice(0, -1); return undefined; }
    if (input !== '' && !key.ctrl && !/[\u0000-\u001f]/.test(input)) { this.filter += input; this.logScroll = 0; }
    return undefined;
  }
}
