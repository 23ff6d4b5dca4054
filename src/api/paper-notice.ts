import type { SessionView } from './contract.ts';
import type { ErrorReporter } from './ports.ts';

/**
 * The preview's paper warning: when fewer sheets are left (as far as the kiosk can tell) than
 * the document has pages, the previewing state carries `paperShort` and the resident is told
 * before printing. The gauge is asked once per preview (per session state), not every second.
 */
export class PaperNotice {
  /**
   * The state the gauge was last asked for, held weakly: a strong reference kept the last
   * previewing state (the resident's name, their family's documents) alive after the session.
   */
  private askedFor: WeakRef<object> | null = null;
  private sheetsLeft: number | null = null;

  constructor(
    private readonly paperLeft: (() => number | null) | undefined,
    private readonly report: ErrorReporter | undefined,
  ) {}

  /** `identity`: the session state object, which changes at every transition. */
  apply(state: SessionView['state'], identity: object): SessionView['state'] {
    if (state.step !== 'previewing' || this.paperLeft === undefined) return state;
    if (this.askedFor?.deref() !== identity) {
      this.askedFor = new WeakRef(identity);
      try {
        this.sheetsLeft = this.paperLeft();
      } catch (error) {
        this.sheetsLeft = null;
        this.report?.('paper gauge', error);
      }
    }
    const left = this.sheetsLeft;
    return left !== null && state.pageCount > left ? { ...state, paperShort: { sheetsLeft: left, pagesNeeded: state.pageCount } } : state;
  }
}
