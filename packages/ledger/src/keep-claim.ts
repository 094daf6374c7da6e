/**
 * Keeps a claim alive while the work under it runs: calls `renew` every `everyMs` on a timer that
 * does not keep the process alive, until the returned function is called. A renewal that resolves
 * false (the claim lapsed and another holder took it) stops the renewals and calls `onLost`; one
 * that throws (the store is unreachable for a moment) is tried again at the next tick.
 */
export function keepClaim(renew: () => Promise<boolean>, everyMs: number, onLost: () => void = () => {}): () => void {
  let stopped = false;
  let renewing = false;
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  const timer = setInterval(() => {
    if (renewing || stopped) return;
    renewing = true;
    renew()
      .then(
        (held) => {
          if (held || stopped) return;
          stop();
          onLost();
        },
        () => {},
      )
      .finally(() => {
        renewing = false;
      });
  }, everyMs);
  timer.unref?.();
  return stop;
}
