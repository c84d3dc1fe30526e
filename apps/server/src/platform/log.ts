import pino, { type DestinationStream, type Logger } from 'pino';
import { maskText } from './pii/mask.ts';

/**
 * Structured logs with request ids. Personal data never reaches a log line: credentials and
 * cookies are removed, phone-like values are censored by key, and request URLs are masked
 * (reliability.md §2.4 point 3).
 * `destination` (instead of standard output) lets tests read the log lines; not with `pretty`.
 */
export function createLogger(level: string, pretty = false, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    serializers: {
      // Query strings carry search terms, which may be phone or ID numbers (`/users?q=138…`).
      req: (req: {
        method?: string;
        url?: string;
        hostname?: string;
        ip?: string;
        socket?: { remotePort?: number };
      }) => ({
        method: req.method,
        url: req.url ? maskText(req.url) : req.url,
        host: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
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
  };
  return destination && !pretty ? pino(options, destination) : pino(options);
}
