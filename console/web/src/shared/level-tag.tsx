import { Tag } from 'antd';
import type { Level } from '../api/types.js';
import { LEVEL_LABELS } from './labels.js';

const TAG_COLORS: Readonly<Record<Level, string>> = {
  red: 'red',
  orange: 'orange',
  yellow: 'gold',
  green: 'green',
};

/** A level as a coloured 红/橙/黄/绿 tag. */
export function LevelTag({ level, suffix }: { level: Level; suffix?: string }) {
  return (
    <Tag color={TAG_COLORS[level]} data-level={level} className="level-tag">
      {LEVEL_LABELS[level]}
      {suffix}
    </Tag>
  );
}
