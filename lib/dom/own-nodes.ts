// Our own elements in the page (the popover host, while a popover is open):
// the lens's mutation observers skip them by identity, since the host carries
// no attribute or name a page could look for (docs/decisions/0009). The
// content script and the lazily loaded popover runtime are separate bundles
// in one isolated world, so the set lives on that world's global.
import { OWN_NODES_KEY } from '../contracts';

export function ownNodes(): WeakSet<Node> {
  const g = globalThis as Record<string, unknown>;
  g[OWN_NODES_KEY] ??= new WeakSet<Node>();
  return g[OWN_NODES_KEY] as WeakSet<Node>;
}
