/** The server's notion of now. Injected so that tests can move time instead of waiting for it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
