// The side panel (Chrome) / sidebar (Firefox): the popup's App in its panel layout,
// so search, the combination checker and this page's terms stay open beside the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../popup/App';
import { browserDeps } from '../popup/popup-deps';
import '../popup/popup.css';
import './sidepanel.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App deps={browserDeps()} layout="panel" />
    </StrictMode>,
  );
}
