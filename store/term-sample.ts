// The word cloud's material as both backends read it (DashboardData.termSample); the words are counted in
// pipeline/word-cloud.ts.

/** Items whose titles feed the word cloud (the newest of the period). */
export const TERM_SAMPLE = 2000;

/** The risk terms the scorer hit for one round, once each. */
export function roundTerms(
  assessments: readonly { roundId: string; parts?: readonly { term?: string }[] }[],
  roundId: string,
): string[] {
  const hit = new Set<string>();
  for (const a of assessments) {
    if (a.roundId !== roundId) continue;
    for (const part of a.parts ?? []) if (part.term) hit.add(part.term);
  }
  return [...hit];
}
