import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// First: the language is set before anything renders.
import '../i18n/i18n';
import { App } from './App';
import { installTestHooks } from './testHooks';
import './styles.css';

// The e2e fault tests' hooks (window.__pretextTest): inert until called.
installTestHooks();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
