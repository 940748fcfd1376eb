import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createScanLens } from './scan-lens';
import './scan.css';

const root = document.getElementById('root');
if (root) {
  // One lens for the page's life (outside React: StrictMode mounts twice).
  const lens = createScanLens(document);
  createRoot(root).render(
    <StrictMode>
      <App lens={lens} />
    </StrictMode>,
  );
}
