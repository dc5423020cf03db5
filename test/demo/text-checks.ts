/** Length of the longest common subsequence of two strings, by code point (O(n·m) time, O(m) memory). */
export function lcsLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = new Array<number>(y.length + 1).fill(0);
  for (const cx of x) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      cur[j] = cx === y[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** Share of the longer text that the two texts have in common (LCS / longer length), 0..1. */
export function lcsRatio(a: string, b: string): number {
  const longer = Math.max([...a].length, [...b].length);
  return longer === 0 ? 1 : lcsLength(a, b) / longer;
}

/** Whether the text names 明州市住建局 in any of zjj's forms (the phrase 明湖区住建局 does not count). */
export function mentionsCityBureau(text: string): boolean {
  return /明州市住房和城乡建设局|市住建局|明州住建局/.test(text.replaceAll('明湖区住建局', ''));
}
