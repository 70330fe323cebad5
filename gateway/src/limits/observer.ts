/** What the limits tell the gateway's metrics: each refusal by its code, and each estimated cost. */
export interface LimitObserver {
  refused(code: string): void;
  estimated(cost: number, signedIn: boolean): void;
}

/** For a gateway without metrics (tests that build one in-process). */
export const UNOBSERVED: LimitObserver = { refused: () => {}, estimated: () => {} };
