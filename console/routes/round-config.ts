import { z } from 'zod';
import { applyExclusions } from '../../alerts/workflow/exclusions.js';
import type { RoundConfig } from '../../config/schema.js';
import { createProcessor } from '../../pipeline/process.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import { audit } from '../audit.js';
import type { ConsoleDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { roundFileName, roundFileText, roundYaml, saveRound, validateRound } from '../round-config.js';
import type { RouteFn } from '../router.js';

const saveBody = z.strictObject({ round: z.unknown() });
const dryRunBody = z.strictObject({
  text: z.string().max(100_000, { error: '正文最长 100000 个字符' }),
  title: z.string().max(500).optional(),
  round: z.unknown().optional(),
});

/** Admin round setup: read, save (validate → YAML → hot reload) and dry-run scoring. */
export function registerRoundConfigRoutes(route: RouteFn, deps: ConsoleDeps): void {
  const now = () => deps.clock?.() ?? new Date();
  const roundOr404 = (id = '') => {
    const round = deps.config.rounds.find((r) => r.id === id);
    if (!round) throw new NotFoundError(`未找到轮次「${id}」`);
    return round;
  };

  route({
    method: 'GET',
    path: '/api/rounds/:id/config',
    summary: '轮次完整配置（编辑用）',
    tag: '轮次',
    auth: 'admin',
    response: { description: '{ round, file, options }' },
    handler: async ({ params }) => {
      const round = roundOr404(params.id);
      const { config } = deps;
      return {
        round,
        file: `rounds/${await roundFileName(config.dir, round.id)}`,
        options: {
          sources: config.sources.map((s) => ({ id: s.id, name: s.name })),
          channels: Object.keys(config.channels),
          teams: Object.keys(config.teams ?? {}),
          categories: [...new Set(config.lexicon.map((k) => k.category))],
        },
      };
    },
  });

  route({
    method: 'PUT',
    path: '/api/rounds/:id/config',
    summary: '保存轮次配置（按 YAML 同一规则校验，写入文件，立即生效）',
    tag: '轮次',
    auth: 'admin',
    body: saveBody,
    response: { description: '{ round, warnings, file }' },
    handler: async ({ access, params, body }, request) => {
      const before = roundOr404(params.id);
      const round = validateRound(body.round, before.id);
      const at = now().toISOString();
      const existing = await roundFileText(deps.config.dir, round.id);
      const saved = await saveRound(deps.config, round, roundYaml(round, access.user.name, at, existing));
      await deps.applyConfig?.(saved.config);
      deps.config = saved.config;
      await audit(deps, request, access.user.name, 'config_change', saved.file, { round: round.id });
      const stored = saved.config.rounds.find((r) => r.id === round.id) ?? round;
      return { round: stored, file: saved.file, warnings: saved.config.warnings ?? [] };
    },
  });

  route({
    method: 'POST',
    path: '/api/rounds/:id/dry-run',
    summary: '试算：粘贴一段文字，查看命中的单位和评分说明',
    tag: '轮次',
    auth: 'admin',
    body: dryRunBody,
    response: { description: '{ units, score, level, phase?, parts }' },
    handler: async ({ params, body }) => {
      const saved = roundOr404(params.id);
      const round = body.round === undefined ? saved : validateRound(body.round, saved.id);
      return dryRun(deps, round, body.title ?? '', body.text);
    },
  });
}

/** Score a pasted text against one round exactly as the pipeline would (accepted exclusions included). */
async function dryRun(deps: ConsoleDeps, round: RoundConfig, title: string, text: string) {
  const { config } = deps;
  const [scoring] = applyExclusions(
    [{ ...round, active: true }],
    await deps.store.listSuggestions('accepted'),
  );
  const rounds = scoring ? [scoring] : [];
  const process = createProcessor({
    rounds,
    lexicon: config.lexicon,
    segmenter: createJiebaSegmenter(userDictionary(rounds, config.lexicon)),
    timezone: config.settings.timezone,
    roundsOf: 'all',
  });
  const at = (deps.clock?.() ?? new Date()).toISOString();
  const processed = process({
    url: 'https://dry-run.invalid/',
    sourceId: 'dry-run',
    sourceName: '试算',
    sourceType: 'html',
    title,
    body: text,
    publishedAt: at,
    fetchedAt: at,
  });
  const assessment = processed.assessments.find((a) => a.roundId === round.id);
  return {
    units: assessment?.units ?? [],
    score: assessment?.score ?? 0,
    level: assessment?.level ?? 'green',
    ...(assessment?.phase ? { phase: assessment.phase } : {}),
    parts: assessment?.parts ?? [],
  };
}
