import type { ReactNode } from 'react';
import type { Availability } from '../../api/contract.ts';
import { StaffGesture } from '../components/StaffGesture.tsx';
import { describeError, LANGS, translate, type Lang } from '../i18n/index.ts';

/**
 * Shown instead of the attract screen while a part the resident needs is down (the session
 * view's `availability`): one sentence and, per part, its error code and what it means, in
 * Indonesian and English at once (no resident has chosen a language yet). The kiosk returns
 * to the attract screen by itself when the part is back. The hidden staff door works here too:
 * a kiosk that "does not print" is usually out of service, and that is when the technician's
 * diagnostics are needed.
 */
export function OutOfService(props: { availability: Availability; onStaff?: () => void }): ReactNode {
  const block = (lang: Lang) => (
    <div key={lang} className="out-of-service__lang" lang={lang} data-testid={`out-of-service-${lang}`}>
      <h1 className="screen__title">{translate(lang, 'outOfService.title')}</h1>
      <p className="out-of-service__sentence">{translate(lang, 'outOfService.sentence')}</p>
      <ul className="out-of-service__problems">
        {props.availability.problems.map((problem) => (
          <li key={problem.part} data-error-code={problem.error.code}>
            <strong>{translate(lang, `outOfService.part.${problem.part}`)}</strong>: {describeError(lang, problem.error).message}{' '}
            <span className="notice__code">{translate(lang, 'error.staffCode', { code: problem.error.code })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
  return (
    <section className="screen screen--center out-of-service" role="alert" data-testid="screen-out-of-service">
      {LANGS.map(block)}
      {props.onStaff !== undefined && <StaffGesture onOpen={props.onStaff} />}
    </section>
  );
}
