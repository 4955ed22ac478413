import type { WriteGate, Writer } from './user-writes';

/**
 * One WriteGate over several, each for the documents whose id starts with its
 * prefix (metadata edits, requests of the agent): each sees only its own kind,
 * and fills in its refusals in their places.
 */
export function gatesByKind(gates: Readonly<Record<string, WriteGate>>): WriteGate {
  const entries = Object.entries(gates);
  const mine = (prefix: string, doc: Record<string, unknown>) =>
    typeof doc._id === 'string' && doc._id.startsWith(prefix);
  return {
    async refuse(docs, refusals, writer: Writer) {
      for (const [prefix, gate] of entries) {
        const at = docs.flatMap((doc, i) => (mine(prefix, doc) ? [i] : []));
        if (at.length === 0) continue;
        const own = at.map((i) => refusals[i]);
        await gate.refuse(
          at.map((i) => docs[i] as Record<string, unknown>),
          own,
          writer,
        );
        at.forEach((i, j) => (refusals[i] = own[j]));
      }
    },
    stored(writer, docs) {
      for (const [prefix, gate] of entries) {
        const own = docs.filter((doc) => mine(prefix, doc));
        if (own.length > 0) gate.stored(writer, own);
      }
    },
  };
}
