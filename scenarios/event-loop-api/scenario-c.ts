import { blockedP50, blockedP99, blockedThroughput, breakerTrips, middlewareLogs } from './claims.js';
import { eventLoopApi } from './system.js';

export const scenarioC = eventLoopApi.scenario({
  id: 'scenario-c',
  title: 'Event-loop blocking: CPU-bound inference runs in the event loop',
  source: 'Scenario C: Event Loop Blocking',
  description: '1,000 requests/s for 60 s; 0.4 % of them run a 100 ms inference inside the coroutine handler, blocking the loop. --set offload=on moves it to a process pool.',
  faults: () => [],
  claims: [blockedP50, blockedP99, blockedThroughput, breakerTrips, middlewareLogs],
});
export default scenarioC;
