// Targeting heuristics: which clauses speak about a unit beyond the ones naming it.

import type { RoleMention } from './score-inputs.js';

// What may stand between two names of one list: 、，和与及, a slash or a bar, or 以及 (A、B、C等平台…, A与B…).
const LIST_GAP = /^(?:[\s、，,和与及跟同/|｜]{0,3}|\s*以及\s*)$/u;

/**
 * The body clauses each unit shares with the names listed together with it: in "A、B、C等平台涉嫌诈骗" or
 * "A与B是一伙人" the predicate after the last name is said of every name of the list, so each listed unit
 * counts the clauses of the other names of its list as its own.
 */
export function listClauses(mentions: readonly RoleMention[], body: string): Map<string, Set<number>> {
  const inBody = mentions
    .filter((m) => m.where === 'body' && m.role === 'subject')
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out = new Map<string, Set<number>>();
  let group: RoleMention[] = [];
  const flush = () => {
    const units = new Set(group.map((m) => m.unitId));
    if (units.size > 1) {
      const clauses = group.map((m) => m.clause);
      for (const u of units) {
        const set = out.get(u) ?? new Set<number>();
        for (const c of clauses) set.add(c);
        out.set(u, set);
      }
    }
    group = [];
  };
  for (const m of inBody) {
    const last = group[group.length - 1];
    if (last !== undefined && m.start < last.end) continue;
    if (last !== undefined && !LIST_GAP.test(body.slice(last.end, m.start))) flush();
    group.push(m);
  }
  flush();
  return out;
}
