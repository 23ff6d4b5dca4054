import type { ReactNode } from 'react';
import type { Availability } from '../../api/contract.ts';
import { StaffGesture } from '../components/StaffGesture.tsx';
import { Illustration } from '../components/Illustration.tsx';
import { describeError, LANGS, translate, type Lang } from '../i18n/index.ts';
import { useI18n } from '../i18n/react.ts';

/** One language's words: the chosen language first and large, the other after it, smaller. */
function Words(props: { lang: Lang; primary: boolean; availability: Availability }): ReactNode {
  const { lang, primary } = props;
  const Title = primary ? 'h1' : 'h2';
  return (
    <div className={`out-of-service__lang${primary ? ' is-primary' : ''}`} lang={lang} data-testid={`out-of-service-${lang}`}>
      <Title id={primary ? 'out-of-service-title' : undefined} className="screen__title">
        {translate(lang, 'outOfService.title')}
      </Title>
      <p className="out-of-service__apology">{translate(lang, 'outOfService.apology')}</p>
      <p className="instruction" data-testid={primary ? 'instruction' : undefined}>
        {translate(lang, 'outOfService.instruction')}
      </p>
      {props.availability.problems.length > 0 && (
        <div className="out-of-service__problems">
          <p className="out-of-service__problems-title">{translate(lang, 'outOfService.problems')}</p>
          <ul>
            {props.availability.problems.map((problem) => (
              <li key={problem.part} data-error-code={problem.error.code}>
                <strong>{translate(lang, `outOfService.part.${problem.part}`)}</strong>: {describeError(lang, problem.error).message}{' '}
                <span className="staff-code">{translate(lang, 'error.staffCode', { code: problem.error.code })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="out-of-service__returns">{translate(lang, 'outOfService.returns')}</p>
    </div>
  );
}

/**
 * Shown instead of the attract screen while a part the resident needs is down (the session
 * view's `availability`): a picture, what it means and the one thing to do (ask the staff),
 * which part is down with its code small for the staff, and that the screen comes back by
 * itself. Indonesian and English at once (no resident has chosen a language yet); the
 * language toggle puts the chosen one first. No card is read meanwhile. The hidden staff door
 * works here too: a kiosk that "does not print" is usually out of service, and that is when the
 * technician's diagnostics are needed.
 */
export function OutOfService(props: { availability: Availability; onStaff?: () => void }): ReactNode {
  const { lang } = useI18n();
  const order: Lang[] = [lang, ...LANGS.filter((other) => other !== lang)];
  return (
    <section className="screen out-of-service" aria-labelledby="out-of-service-title" data-testid="screen-out-of-service">
      <Illustration kind="out-of-service" className="illustration--large out-of-service__picture" />
      <div className="out-of-service__words" role="alert">
        {order.map((each, index) => (
          <Words key={each} lang={each} primary={index === 0} availability={props.availability} />
        ))}
      </div>
      {props.onStaff !== undefined && <StaffGesture onOpen={props.onStaff} />}
    </section>
  );
}
