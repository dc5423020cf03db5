// Index templates and indices, created at start and idempotent: a template is replaced by the same one, an
// existing index gets any field added since (mappings only grow), a missing index is created from its template.
import { StoreError } from '../../core/errors.js';
import type { EsContext } from './context.js';
import { indexTemplate, MAPPINGS, type TemplateOptions } from './mappings.js';
import { INDEX_KINDS } from './names.js';

function errorType(error: unknown): string | undefined {
  return (error as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type;
}

/** Put every index template, then create missing indices and extend existing ones. */
export async function ensureIndices(
  ctx: EsContext,
  prefix: string,
  options: TemplateOptions = {},
): Promise<void> {
  for (const kind of INDEX_KINDS) {
    const template = indexTemplate(prefix, kind, options);
    await ctx.client.indices.putIndexTemplate(template);
    const index = ctx.names[kind];
    if (await ctx.client.indices.exists({ index })) {
      try {
        await ctx.client.indices.putMapping({ index, properties: MAPPINGS[kind] as never });
      } catch (cause) {
        throw new StoreError(
          'E_STORE_VERSION',
          `index ${index} has an incompatible mapping: ${String(cause)}`,
          { cause },
        );
      }
      continue;
    }
    try {
      await ctx.client.indices.create({ index });
    } catch (error) {
      // Another instance created it first.
      if (errorType(error) !== 'resource_already_exists_exception') throw error;
    }
  }
}
