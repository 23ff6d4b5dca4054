import './csp.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { KioskApi } from '../api/contract.ts';
import { connectKioskApi } from './api-client.ts';
import { App } from './App.tsx';
import { toUiError, type UiErrorData } from './i18n/index.ts';
import './styles/base.css';
import './styles/frame.css';
import './styles/screens.css';
import './styles/out-of-service.css';
import './styles/diagnostics.css';
import './styles/staff.css';

function start(): void {
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root element');
  let api: KioskApi;
  let startupError: UiErrorData | undefined;
  try {
    api = connectKioskApi(window);
  } catch (error) {
    startupError = toUiError(error);
    api = unavailableApi(startupError);
  }
  createRoot(container).render(
    <StrictMode>
      <App api={api} {...(startupError === undefined ? {} : { startupError })} />
    </StrictMode>,
  );
}

/** Stands in when no transport could be made: every call fails with the reason. */
function unavailableApi(reason: UiErrorData): KioskApi {
  const fail = () => Promise.reject(Object.assign(new Error(reason.message), reason));
  return new Proxy({} as KioskApi, {
    get: (_target, property) => (property === 'on' ? () => () => undefined : fail),
  });
}

start();
