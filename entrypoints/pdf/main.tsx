import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ViewerSession } from './viewer-session';
import './pdf.css';

const root = document.getElementById('root');
const container = document.getElementById('viewerContainer') as HTMLDivElement | null;
const viewer = document.getElementById('viewer') as HTMLDivElement | null;
if (root && container && viewer) {
  if (ViewerSession.supported(window)) {
    // One session for the page's life (outside React: StrictMode mounts twice).
    const session = new ViewerSession(container, viewer);
    createRoot(root).render(
      <StrictMode>
        <App session={session} />
      </StrictMode>,
    );
  } else {
    root.textContent = 'This browser cannot show marks (no CSS Custom Highlight API). Please update it.';
  }
}
