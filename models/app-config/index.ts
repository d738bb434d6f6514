/** Configuration validated with zod (seed 004 "Invalid Configuration"): the pure validator, fail-fast vs lazy apps, the bad-config fault. */
export { FIREWALL_CONFIG, VALID_FIREWALL_ENV, type FirewallConfig, type RawConfig } from './config-schema.js';
export { checkField, describeConfigProblems, validateConfig, type ConfigProblem, type ConfigVerdict } from './validate-config.js';
export { BAD_CONFIG_PARAMS, ConfiguredApp, DEFAULT_CONFIGURED_APP, broken as brokenConfig, type AppReply, type ConfigMode, type ConfiguredAppOptions } from './configured-app.js';
export { type AppConfigEvents, type AppConfigRecord } from './app-config-events.js';
