// Accepts the content script's MessagePort. Registered at module load, before
// React renders: the iframe's load event (when the port is sent) can fire
// before any effect runs.
import { CONNECT_TYPE } from '../../lib/popover/protocol';

const nonce = location.hash.slice(1);
let port: MessagePort | null = null;
const waiting: ((port: MessagePort) => void)[] = [];

window.addEventListener('message', (event: MessageEvent) => {
  // Only the first port that carries our nonce is accepted.
  if (port || !nonce) return;
  const data = event.data as { type?: unknown; nonce?: unknown } | null;
  if (data?.type !== CONNECT_TYPE || data.nonce !== nonce || !event.ports[0]) return;
  port = event.ports[0];
  for (const cb of waiting.splice(0)) cb(port);
});

export function whenConnected(cb: (port: MessagePort) => void): void {
  if (port) cb(port);
  else waiting.push(cb);
}
