import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { AccessProvider } from './access';
import { SessionProvider } from './session';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter basename="/console">
      <SessionProvider>
        <AccessProvider>
          <App />
        </AccessProvider>
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
