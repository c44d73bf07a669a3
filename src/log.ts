/** A small structured logger: one JSON line per event. Secrets and personal data are never passed in. */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  log(level: Level, message: string, data?: Record<string, unknown>): void;
}

export function createLogger(min: Level | 'silent', write: (line: string) => void = (l) => console.log(l)): Logger {
  return {
    log(level, message, data) {
      if (order[level] < order[min]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...data }));
    },
  };
}

export const silentLogger: Logger = { log() {} };
