/**
 * Paths of mapping keys present in the input but dropped by validation. Zod objects strip keys they do not
 * know, so comparing the input with the parsed output finds misspelt keys without walking the schema.
 */
export function unknownKeys(input: unknown, parsed: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    return input.flatMap((item, i) => unknownKeys(item, parsed[i], [...path, i]));
  }
  if (!isMapping(input) || !isMapping(parsed)) return [];
  const found: PropertyKey[][] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!(key in parsed)) found.push([...path, key]);
    else found.push(...unknownKeys(value, parsed[key], [...path, key]));
  }
  return found;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
