export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Raised before anything boots; its message is one line naming every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}
