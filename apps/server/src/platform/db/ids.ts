import { v7 } from 'uuid';

/** UUIDv7: time-ordered, so primary-key indexes stay compact and ids sort by creation. */
export const newId = (): string => v7();
