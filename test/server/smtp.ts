import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server received it, parsed. */
export interface Received {
  readonly envelopeTo: readonly string[];
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly parsed: ParsedMail;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for `smtpUrl`. */
  readonly url: string;
  readonly messages: Received[];
  /** Resolves with the next message whose envelope goes to `to` (one received already counts). */
  next(to: string, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package), plain text, no authentication. With
 * `refuse`, it answers every recipient `550` (a mail server that refuses the message).
 */
export async function startSmtpServer(options: { refuse?: boolean } = {}): Promise<TestSmtpServer> {
  const messages: Received[] = [];
  const waiting: { to: string; resolve: (m: Received) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse === true) {
        const error = new Error(`mailbox ${address.address} unavailable`) as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const received: Received = {
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            to: Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(', ') : (parsed.to?.text ?? ''),
            from: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            parsed,
          };
          messages.push(received);
          for (const w of waiting.splice(0)) {
            if (received.envelopeTo.includes(w.to)) w.resolve(received);
            else waiting.push(w);
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    // Long: mail is sent after the answer, and two busy cores may delay it by seconds; a wait ends early when the message comes.
    next(to, timeoutMs = 30_000) {
      const seen = messages.find((m) => m.envelopeTo.includes(to));
      if (seen !== undefined) {
        messages.splice(messages.indexOf(seen), 1);
        return Promise.resolve(seen);
      }
      return new Promise<Received>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({
          to,
          resolve: (m) => {
            clearTimeout(timer);
            messages.splice(messages.indexOf(m), 1);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
