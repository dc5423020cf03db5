import { describe, expect, it } from 'vitest';
import { channelsFor, routeTips, tipId } from '../../alerts/routing.js';
import { assessment, demoRound, PLANTED_TITLE, plantedArticle } from './helpers/fixtures.js';

const NOW = '2026-11-22T02:00:00.000Z';

describe('routeTips', () => {
  it('routes a red item to the channels of both the red and the orange route, deduplicated', () => {
    const tips = routeTips(plantedArticle(), 'cluster-1', [demoRound()], NOW);
    expect(tips).toHaveLength(1);
    expect(tips[0]?.channels).toEqual(['office-mail', 'office-wecom']);
  });

  it('routes an orange item to the orange route only', () => {
    const article = plantedArticle([assessment({ level: 'orange', score: 40 })]);
    const tips = routeTips(article, 'cluster-1', [demoRound()], NOW);
    expect(tips.map((t) => t.channels)).toEqual([['office-mail']]);
  });

  it('makes no tip when no route reaches the level', () => {
    const article = plantedArticle([assessment({ level: 'yellow', score: 20 })]);
    expect(routeTips(article, 'cluster-1', [demoRound()], NOW)).toEqual([]);
  });

  it('makes no tip when the item mentions no watched unit', () => {
    const article = plantedArticle([assessment({ units: [] })]);
    expect(routeTips(article, 'cluster-1', [demoRound()], NOW)).toEqual([]);
  });

  it('makes no tip for an inactive round or an unknown round', () => {
    const article = plantedArticle();
    expect(routeTips(article, 'cluster-1', [demoRound({ active: false })], NOW)).toEqual([]);
    expect(routeTips(article, 'cluster-1', [demoRound({ id: 'other' })], NOW)).toEqual([]);
  });

  it('fills the tip from the article, the assessment and the unit config', () => {
    const [routed] = routeTips(plantedArticle(), 'cluster-1', [demoRound()], NOW);
    const tip = routed?.tip;
    expect(tip).toMatchObject({
      id: tipId('2026-r4', 'cluster-1', 'zjj'),
      roundId: '2026-r4',
      unitId: 'zjj',
      unitName: '明州市住房和城乡建设局',
      team: '第一巡察组',
      clusterId: 'cluster-1',
      articleId: 'a1b2c3d4e5f6',
      title: PLANTED_TITLE,
      url: 'http://127.0.0.1:8931/forum/thread-1001.html',
      sourceName: '明州论坛',
      publishedAt: '2026-11-22T01:30:00Z',
      level: 'red',
      score: 61,
      phase: 'entry',
      status: 'new',
      createdAt: NOW,
    });
    expect(tip?.id).toMatch(/^[0-9a-f]{24}$/);
    // Every part is kept, including the one about another unit (qsz), so the explanation adds up to the score.
    expect(tip?.parts.map((p) => p.label)).toEqual([
      '标题命中「违规收费」',
      '正文命中「吃拿卡要」',
      '标题提及明州市住房和城乡建设局',
      '标题提及青石镇人民政府',
      '进驻期间',
    ]);
    expect(tip?.parts.reduce((n, p) => n + p.points, 0)).toBe(tip?.score);
  });

  it('takes the team from the unit config over the match', () => {
    const base = assessment();
    const unit = { ...base.units[0], team: '旧组' } as (typeof base.units)[number];
    const round = demoRound();
    const [routed] = routeTips(plantedArticle([{ ...base, units: [unit] }]), 'c', [round], NOW);
    expect(routed?.tip.team).toBe('第一巡察组');
  });

  it('makes one tip per matched unit with a stable id per (round, cluster, unit)', () => {
    const base = assessment();
    const qsz = { roundId: '2026-r4', unitId: 'qsz', unitName: '青石镇人民政府', mentions: [] };
    const article = plantedArticle([{ ...base, units: [...base.units, qsz] }]);
    const first = routeTips(article, 'cluster-1', [demoRound()], NOW);
    const again = routeTips(article, 'cluster-1', [demoRound()], '2027-01-01T00:00:00Z');
    expect(first.map((t) => t.tip.unitId)).toEqual(['zjj', 'qsz']);
    expect(first[1]?.tip.team).toBe('第二巡察组');
    expect(first[1]?.tip.parts).toEqual(first[0]?.tip.parts);
    expect(again.map((t) => t.tip.id)).toEqual(first.map((t) => t.tip.id));
    expect(new Set(first.map((t) => t.tip.id)).size).toBe(2);
    expect(tipId('2026-r4', 'cluster-2', 'zjj')).not.toBe(first[0]?.tip.id);
  });
});

describe('channelsFor', () => {
  it('keeps route order and drops duplicates', () => {
    const round = demoRound({
      alerts: [
        { minLevel: 'yellow', channels: ['b', 'a'] },
        { minLevel: 'red', channels: ['a', 'c'] },
      ],
    });
    expect(channelsFor(round, assessment({ level: 'red' }))).toEqual(['b', 'a', 'c']);
    expect(channelsFor(round, assessment({ level: 'yellow' }))).toEqual(['b', 'a']);
    expect(channelsFor(round, assessment({ level: 'green' }))).toEqual([]);
  });
});
