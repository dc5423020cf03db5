import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/loader.js';
import { loadRiskModel, RiskModelError, riskModelPath } from '../../config/risk-model-file.js';
import { FEATURE_NAMES } from '../../pipeline/features.js';
import { rejection, writeConfigDir } from './fixture.js';

const shipped = () => JSON.parse(readFileSync(riskModelPath(), 'utf8')) as Record<string, unknown>;

function thrown(fn: () => unknown): RiskModelError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RiskModelError) return err;
    throw err;
  }
  throw new Error('expected a RiskModelError');
}

describe('risk model file', () => {
  it('the shipped model loads and uses only known features', () => {
    const model = loadRiskModel(riskModelPath());
    expect(model.features.every((f) => (FEATURE_NAMES as readonly string[]).includes(f))).toBe(true);
    expect(model.weights).toHaveLength(model.features.length);
    expect(model.redLine).toBeGreaterThan(model.threshold);
  });

  it('a config dir without its own model uses the shipped one; its own model/risk-model.json wins', async () => {
    const plain = await writeConfigDir();
    expect(riskModelPath(plain)).toBe(riskModelPath());
    const own = await writeConfigDir({ 'model/risk-model.json': JSON.stringify(shipped()) });
    expect(riskModelPath(own)).toBe(`${own}/model/risk-model.json`);
    expect((await loadConfig(own, { env: {} })).model?.intercept).toBe(shipped().intercept);
  });

  it('missing, corrupt and incompatible files fail with their code and file name', async () => {
    const dir = await writeConfigDir({
      'model/risk-model.json': '{"version": 1, "features": ["termBody"]',
    });
    const file = `${dir}/model/risk-model.json`;
    const missing = thrown(() => loadRiskModel(`${dir}/model/none.json`));
    expect(missing.code).toBe('E_MODEL_MISSING');
    expect(missing.message).toContain('none.json');
    const corrupt = thrown(() => loadRiskModel(file));
    expect(corrupt.code).toBe('E_MODEL_CORRUPT');
    expect(corrupt.file).toBe(file);

    const old = await writeConfigDir({
      'model/risk-model.json': JSON.stringify({ ...shipped(), version: 99 }),
    });
    expect(thrown(() => loadRiskModel(`${old}/model/risk-model.json`)).code).toBe('E_MODEL_VERSION');
    const odd = await writeConfigDir({
      'model/risk-model.json': JSON.stringify({ ...shipped(), features: ['noSuchFeature'], weights: [1] }),
    });
    expect(thrown(() => loadRiskModel(`${odd}/model/risk-model.json`)).code).toBe('E_MODEL_VERSION');
    const short = await writeConfigDir({
      'model/risk-model.json': JSON.stringify({ ...shipped(), weights: [1] }),
    });
    expect(thrown(() => loadRiskModel(`${short}/model/risk-model.json`)).message).toContain(
      'differ in length',
    );
  });

  it('loadConfig (and so config check and every start) reports a bad model file instead of scoring without it', async () => {
    const dir = await writeConfigDir({ 'model/risk-model.json': 'not json' });
    const err = await rejection(() => loadConfig(dir, { env: {} }));
    expect(err.message).toContain('model/risk-model.json');
    expect(err.message).toContain('E_MODEL_CORRUPT');
  });
});
