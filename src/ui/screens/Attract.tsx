import type { ReactNode } from 'react';
import type { KioskInfo } from '../../api/contract.ts';
import { CardIllustration } from '../components/CardIllustration.tsx';
import { DemoCardPicker } from '../components/DemoCardPicker.tsx';
import { StaffGesture } from '../components/StaffGesture.tsx';
import { useI18n } from '../i18n/react.ts';
import type { ScreenProps } from '../screen-props.ts';

/** The welcome screen: waits for an e-KTP (or, in demo mode with the simulated reader, a tap on a demo card). */
export function Attract(props: ScreenProps<'attract'> & { info: KioskInfo; onStaff?: () => void }): ReactNode {
  const { t } = useI18n();
  const demo = props.info.mode === 'demo';
  return (
    <section className={`screen screen--attract${demo ? ' is-demo' : ''}`} aria-labelledby="attract-title" data-testid="screen-attract">
      {demo && (
        <div className="demo-banner" role="note" data-testid="demo-banner">
          <strong>{t('demo.banner')}</strong> <span>{t('demo.bannerDetail')}</span>
        </div>
      )}
      <div className="attract__main">
        <div className="attract__welcome">
          <h1 id="attract-title" className="screen__title attract__title">
            {t('attract.welcome')}
          </h1>
          <CardIllustration />
          <p className="instruction attract__instruction" data-testid="instruction">
            {t('attract.instruction')}
          </p>
          <p className="attract__sub">{t('attract.subInstruction')}</p>
        </div>
        {props.onStaff !== undefined && <StaffGesture onOpen={props.onStaff} />}
        {demo && props.info.demoCardPicker && <DemoCardPicker api={props.api} busy={props.busy} onTap={(nik) => void props.run(() => props.api.tapDemoCard({ nik }))} />}
      </div>
    </section>
  );
}
