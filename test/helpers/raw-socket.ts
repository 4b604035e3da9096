// Raw HTTP over node:net, for requests a client library would refuse or normalise (dot segments, NUL bytes, bad methods).
import { connect, type Socket } from 'node:net';

export interface RawExchange {
  /** 0 when the server closed the connection without a status line. */
  readonly status: number;
  /** Header names in lowercase; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly headerNames: readonly string[];
  readonly body: Buffer;
  /** Whether the server closed the connection (rather than the wait timing out). */
  readonly closed: boolean;
}

export function parseResponse(bytes: Buffer, closed: boolean): RawExchange {
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) return { status: 0, headers: {}, headerNames: [], body: Buffer.alloc(0), closed };
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  const headerNames: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headerNames.push(name);
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, headerNames, body: bytes.subarray(end + 4), closed };
}

/** Reads everything until the server closes the socket, or until the timeout. */
export function readAll(socket: Socket, timeoutMs = 5_000): Promise<{ bytes: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = (closed: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), closed });
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => done(true));
    // A reset after the answer (the server stopped reading a body we were still sending) is not a failure here.
    socket.on('error', () => {});
  });
}

export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Writes the request bytes as given, then reads the whole answer. Send "Connection: close" for a prompt end. */
export async function rawExchange(port: number, request: string | Buffer, timeoutMs = 5_000): Promise<RawExchange> {
  const socket = await openSocket(port);
  const reading = readAll(socket, timeoutMs);
  socket.write(typeof request === 'string' ? Buffer.from(request, 'utf8') : request, () => {});
  const { bytes, closed } = await reading;
  return parseResponse(bytes, closed);
}

/** A request line and headers, closing the connection after the answer. */
export function requestText(method: string, target: string, headers: readonly string[] = []): string {
  return `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers.map((header) => `${header}\r\n`).join('')}Connection: close\r\n\r\n`;
}
