/** A tiny assertion helper (the journeys need no test framework). */
export function expect(actual: string) {
  return {
    toContain(part: string) {
      if (!actual.includes(part)) throw new Error(`expected to contain ${JSON.stringify(part)}`);
    },
    not: {
      toContain(part: string) {
        if (actual.includes(part)) throw new Error(`expected not to contain ${JSON.stringify(part)}`);
      },
    },
  };
}
