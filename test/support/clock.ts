/** Stops the shared clock (shared/clock.ts reads Date.now) at `iso`; undo with jest.restoreAllMocks(). */
export const pinClock = (iso: string): void => {
  jest.spyOn(Date, 'now').mockReturnValue(Date.parse(iso));
};
