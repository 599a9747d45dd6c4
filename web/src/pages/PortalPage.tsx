/**
 * The public subject portal (/portal): a person with no account asks to exercise a privacy right,
 * then proves control of their e-mail address with a one-time code. No session, no staff chrome.
 */
import { useEffect, useRef, useState } from 'react';
import { api, type PortalInfo, type PortalRequest } from '../api';
import { Logo } from '../components/Icon';
import { useDocumentTitle } from '../hooks';
import { CodeStep } from './portal/CodeStep';
import { DoneStep } from './portal/DoneStep';
import { EMPTY_DRAFT, RequestStep, type RequestDraft } from './portal/RequestStep';
import { rightLabel, rightsFrom } from './portal/rights';

type Step = { name: 'request' } | { name: 'code'; request: PortalRequest } | { name: 'done'; request: PortalRequest };

const STEPS = [
  { name: 'request', label: 'Your request' },
  { name: 'code', label: 'Confirm your e-mail' },
  { name: 'done', label: 'Done' },
] as const;

const HEADINGS: Record<Step['name'], string> = {
  request: 'Make a privacy request',
  code: 'Check your e-mail',
  done: 'Your request is confirmed',
};

/** GET /api/portal/info; a failure (404 before the feature is enabled, or offline) falls back to built-in wording. */
function usePortalInfo(): PortalInfo | undefined {
  const [info, setInfo] = useState<PortalInfo | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    api
      .portalInfo(controller.signal)
      .then(setInfo)
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return info;
}

export function PortalPage() {
  const info = usePortalInfo();
  const rights = rightsFrom(info);
  const organisation = info?.organisation ?? null;
  const [step, setStep] = useState<Step>({ name: 'request' });
  const [draft, setDraft] = useState<RequestDraft>(EMPTY_DRAFT);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useDocumentTitle(organisation ? `${HEADINGS[step.name]} · ${organisation.name}` : HEADINGS[step.name]);

  // Each step change moves focus to the new heading, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, [step.name]);

  function restart() {
    setDraft((d) => ({ ...EMPTY_DRAFT, email: d.email, country: d.country }));
    setStep({ name: 'request' });
  }

  const current = STEPS.findIndex((s) => s.name === step.name);

  return (
    <div className="portal-screen">
      <header className="portal-header">
        <div className="portal-header-inner">
          <Logo size={30} />
          <div>
            <p className="portal-org" data-testid="portal-org">
              {organisation?.name ?? 'Privacy requests'}
            </p>
            <p className="portal-org-sub">{organisation ? 'Privacy requests' : 'Your rights over your personal data'}</p>
          </div>
        </div>
      </header>

      <main className="portal-main" id="main" data-testid="portal" data-step={step.name}>
        <ol className="portal-steps" aria-label="Progress">
          {STEPS.map((s, i) => (
            <li
              key={s.name}
              className={`portal-steps-item${i < current ? ' is-done' : ''}${i === current ? ' is-current' : ''}`}
              aria-current={i === current ? 'step' : undefined}
            >
              <span className="portal-steps-number" aria-hidden="true">
                {i + 1}
              </span>
              <span>
                <span className="visually-hidden">Step {i + 1} of {STEPS.length}: </span>
                {s.label}
                {i < current ? <span className="visually-hidden"> (completed)</span> : null}
              </span>
            </li>
          ))}
        </ol>

        <section className="portal-card" aria-labelledby="portal-heading">
          <h1 className="portal-title" id="portal-heading" ref={heading} tabIndex={-1} data-testid="portal-heading">
            {HEADINGS[step.name]}
          </h1>
          {step.name === 'request' ? (
            <>
              <p className="portal-lead">
                Privacy laws give you rights over the personal data{organisation ? ` ${organisation.name}` : ' an organisation'} holds about you. Choose what you would like to do; there is no charge and you do not need an account.
              </p>
              <RequestStep rights={rights} draft={draft} onChange={setDraft} onSubmitted={(request) => setStep({ name: 'code', request })} />
            </>
          ) : null}
          {step.name === 'code' ? (
            <CodeStep request={step.request} email={draft.email.trim()} onVerified={(request) => setStep({ name: 'done', request })} onRestart={restart} />
          ) : null}
          {step.name === 'done' ? (
            <DoneStep request={step.request} label={rightLabel(rights, step.request.type)} email={draft.email.trim()} onRestart={restart} />
          ) : null}
        </section>

        <footer className="portal-footer">
          {organisation?.dpoEmail || organisation?.contact ? (
            <p>
              Questions about your data?{' '}
              {organisation.dpoEmail ? (
                <>
                  Write to the data protection officer at <a href={`mailto:${organisation.dpoEmail}`}>{organisation.dpoEmail}</a>.
                </>
              ) : (
                <>Contact {organisation.contact}.</>
              )}
            </p>
          ) : null}
          <p className="portal-powered">
            Powered by Custos, open-source privacy software.
          </p>
        </footer>
      </main>
    </div>
  );
}
