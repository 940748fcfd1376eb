// Serves PDFs made in a test from memory on 127.0.0.1. Each file can allow
// cross-origin reads (CORS) or not, so a test can reach the viewer's
// permission prompt as well as a direct download. Records every request.
import { createServer, type IncomingMessage } from 'node:http';

export interface ServedFile {
  body: Uint8Array;
  /** Send Access-Control-Allow-Origin: * (default true). */
  cors?: boolean;
  type?: string;
}

export interface PdfServer {
  url: string;
  /** Adds or replaces a file at `path` ("/paper.pdf"). */
  put(path: string, file: ServedFile): string;
  /** Paths requested so far, in order. */
  requests: string[];
  /** The Origin header of each request, in the same order (undefined: none sent). */
  origins: (string | undefined)[];
  close(): Promise<void>;
}

export async function startPdfServer(): Promise<PdfServer> {
  const files = new Map<string, ServedFile>();
  const requests: string[] = [];
  const origins: (string | undefined)[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    origins.push(req.headers.origin);
    const file = files.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type ?? 'application/pdf',
      'content-length': String(file.body.length),
      'cache-control': 'no-store',
      ...(file.cors === false ? {} : { 'access-control-allow-origin': '*' }),
    });
    res.end(file.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    requests,
    origins,
    put(path, file) {
      files.set(path, file);
      return `${url}${path}`;
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
