// Site boilerplate: lines a site prints under every article (copyright, reprint terms, disclaimers, share and
// navigation bars, "related reading" lists). They carry risk-looking words (侵权, 追究法律责任, 违法) that are about
// no unit, and they are shared verbatim by unrelated stories, so scoring and story matching both read the body
// without them.

// A whole line that is only boilerplate. Anchored so a sentence that merely mentions 版权 in passing stays.
const BOILERPLATE_LINE: readonly RegExp[] = [
  /^[（(【[]?\s*(?:版权(?:声明|所有)|免责(?:声明|申明)|特别声明|郑重声明|转载(?:声明|须知|说明))/,
  /^(?:(?:本文|本站|本网|本号|本平台|文章|图片|内容|作品)[^，。,]{0,10}[，,]?)?未经.{0,12}(?:授权|许可|同意).{0,30}(?:转载|复制|使用|摘编|镜像)/,
  /^(?:如需|欢迎)?转载.{0,20}(?:请|须|需)?(?:注明|联系|获得).{0,20}(?:出处|来源|授权|作者)/,
  /(?:违者|否则).{0,10}(?:必究|追究(?:其)?法律责任)[。.！!]?$/,
  /^(?:本文|文章|以上)?(?:仅代表|只代表)?作者(?:个人)?(?:观点|立场)/,
  /^(?:本文|本站|本网).{0,20}(?:不代表|不构成|仅供参考)/,
  /^(?:如有|若有)?(?:侵权|侵犯).{0,20}(?:联系|删除)/,
  /^(?:分享到|分享至|扫一扫|扫码|长按|点击(?:上方|下方|关注|阅读原文)|关注(?:我们|公众号)|责任编辑|编辑[：:]|校对[：:]|审核[：:])/,
  /^(?:上一篇|下一篇|返回(?:首页|顶部|列表|搜狐)|打印本页|关闭窗口|【?(?:打印|关闭|收藏)】?)/,
  // "返回新华网首页", "返回搜狐，查看更多": a link back to the site, however it is worded.
  /^返回[^，。！？]{0,20}(?:首页|频道|栏目|[，,]?\s*查看更多)/,
  // By-lines and credits under an article: （县委宣传部供稿）, 张三 摄影, （记者 李四 通讯员 王五）.
  /^[（(【[]?\s*[^，。！？,.!?：:]{0,24}(?:供稿|供图|撰稿|摄影)\s*[）)】\]]?$/,
  /^[（(【[]\s*(?:[^（）()【】]{0,16}\s)?(?:记者|通讯员|摄)\s*[^（）()【】]{0,16}[）)】\]]$/,
  /^(?:初审|复审|终审|审校|监制|责编|值班编辑|撰稿|统筹|出品)[：:]/,
  /^(?:copyright|all rights reserved|©)/i,
  /^(?:[|｜/·\s]*(?:首页|网站首页|新闻|要闻|关于我们|联系我们|网站地图|设为首页|加入收藏)[|｜/·\s]*){2,}$/,
];

// A heading after which the rest of the body is a list of other articles.
const TRAILING_SECTION =
  /^[【[]?\s*(?:相关阅读|相关新闻|相关文章|延伸阅读|推荐阅读|热门推荐|猜你喜欢|往期回顾|往期推荐|更多精彩)\s*[】\]]?[：:]?\s*$/;

/** True when a line is site boilerplate rather than part of the article. */
export function isBoilerplateLine(line: string): boolean {
  const text = line.trim();
  if (text === '') return false;
  // Long lines are article prose even when they mention reprint terms somewhere.
  if (text.length > 120) return false;
  return BOILERPLATE_LINE.some((re) => re.test(text));
}

/** The body without boilerplate lines and without a trailing related-articles section; paragraphs joined by "\n". */
export function stripBoilerplate(body: string): string {
  const kept: string[] = [];
  for (const line of body.split('\n')) {
    const text = line.trim();
    if (TRAILING_SECTION.test(text)) break;
    if (!isBoilerplateLine(text)) kept.push(line);
  }
  return kept.join('\n');
}
