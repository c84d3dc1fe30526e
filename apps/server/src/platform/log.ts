import pino, { type Logger } from 'pino';

/**
 * Structured logs with request ids. Personal data never reaches a log line: credentials and
 * cookies are removed, phone-like values are censored by key (reliability.md §2.4 point 3).
 */
export function createLogger(level: string, pretty = false): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.phone',
        '*.code',
        '*.idNumber',
        '*.token',
      ],
      censor: '[redacted]',
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}
