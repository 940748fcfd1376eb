import { createRoot } from 'react-dom/client';
import '../../components/styles.css';
import './popover.css';
import './connection';
import { PopoverApp } from './PopoverApp';

const root = document.getElementById('root');
if (root) createRoot(root).render(<PopoverApp />);
