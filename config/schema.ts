// The config contract, one file per config file under config/schema/; importers use this module.

import type { RiskModel } from '../pipeline/risk-model.js';
import type { ChannelConfig } from './schema/channels.js';
import type { Keyword } from './schema/lexicon.js';
import type { RecurrenceWording } from './schema/recurrence.js';
import type { RoundConfig } from './schema/rounds.js';
import type { Settings } from './schema/settings.js';
import type { SourceConfig } from './schema/sources.js';

export * from './schema/channels.js';
export { levelSchema, phaseNameSchema } from './schema/common.js';
export * from './schema/lexicon.js';
export * from './schema/recurrence.js';
export * from './schema/rounds.js';
export * from './schema/routes.js';
export * from './schema/settings.js';
export * from './schema/sources.js';

/** The whole validated configuration of one instance. */
export interface AppConfig {
  /** Absolute path of the config directory. */
  dir: string;
  settings: Settings & { storePath: string };
  sources: SourceConfig[];
  channels: Record<string, ChannelConfig>;
  /** Team name → channel names (the reserved `teams:` key of channels.yaml), for routes with `to: team`. */
  teams?: Record<string, string[]>;
  rounds: RoundConfig[];
  /** The default lexicon (config/lexicon/*.yaml), before each round's keywords are added. */
  lexicon: Keyword[];
  /** The fitted risk model (model/risk-model.json of the config dir, else the shipped config/model one). */
  model?: RiskModel;
  /** Word lists of recurrence matching (config/lexicon/recurrence/*.yaml); absent = none. */
  recurrenceWording?: RecurrenceWording;
  /** Harmless problems found while loading (unknown keys...), each `file: path: reason`; log them. */
  warnings?: string[];
}
