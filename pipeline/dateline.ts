// A news wire's dateline (中新网11月3日电, 新华社北京3月5日电, 本报讯, 【财经网】) opens the first sentence but is
// not part of what the sentence says: a unit named right after it still heads the story.
const DATELINE =
  /^(?:[（(【[]?[^\s，。！？：:【】]{1,12}?(?:网|社|报|台|客户端|新闻)[）)】\]]?\s*(?:[^\s，。\d]{0,6}?)?(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:电|讯|消息)?|本报讯|【[^】]{1,20}】|[（(][^）)]{1,20}[）)])\s*(?:[（(][^）)]{1,20}[）)])?[，：:\s]*/;

/** Length of the dateline opening a body (0 when there is none). */
export function datelineLength(body: string): number {
  return DATELINE.exec(body)?.[0].length ?? 0;
}
