import './i18n';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app/provider';
import { AppRouter } from './app/router';
import { i18nReady } from './i18n';
import { registerServiceWorker } from './lib/sw-register';

const root = document.getElementById('root');
// English users wait for their dictionaries (a chunk of their own); for Chinese this is at once.
void i18nReady.then(() => {
  if (root)
    createRoot(root).render(
      <StrictMode>
        <AppProvider>
          <AppRouter />
        </AppProvider>
      </StrictMode>,
    );
});
registerServiceWorker();
