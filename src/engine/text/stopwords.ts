/**
 * Words that carry the shape of a question, not its topic. They are ignored both
 * for ranking and for deciding whether the plan covers a question. Chinese entries
 * are simplified because search text is normalized to simplified first.
 */
const CHINESE = `
的 了 和 与 及 或 是 在 有 也 都 就 而 并 对 为 把 被 让 给 从 向 到 以 之 其 这 那 这个 那个 这些 那些
吗 呢 吧 啊 呀 么 嘛 哦 么样
什么 哪些 哪个 哪里 哪儿 哪 怎么 怎样 怎么样 如何 为什么 为何 多少 多久 几 几个 是否 有没有 是不是 能不能 可不可以
谁 何时 何处 什么样 多么
请问 请 问 问题 告诉 我 我们 你 你们 他 他们 它 它们 她 想 知道 一下 一些 关于 有关 相关 方面 内容 情况
包括 包含 提到 提及 讲 讲的是 说 说的是 说了 规定 涉及 介绍 解释 描述 概述 具体 主要 哪方面
计划 规划 行动计划 文件 本 该 此 上述 这份 部分 章 节 条 项 第
可以 能 会 要 应 应该 需要 将 已 已经 还 又 再 更 很 最
`;

const ENGLISH = `
a an the and or but of to in on at by for with from into about as is are was were be been being am
do does did done doing have has had having will would shall should can could may might must
what which who whom whose when where why how whether if then than that this these those there here
i me my we us our you your he him his she her it its they them their
please tell explain describe say says said mention mentions mentioned cover covers covered
plan plans planned action document section sections chapter part item items text
any some all each every other such more most also just only very much many
not no yes up out so too again further once often
come comes coming came go goes going went get gets getting got make makes making made take takes taking took
happen happens happened want wants know think see look give gives put let
thing things anything something way ways lot lots
`;

const STOPWORDS = new Set([...CHINESE.split(/\s+/), ...ENGLISH.split(/\s+/)].filter(Boolean));

export function isStopword(term: string): boolean {
  return STOPWORDS.has(term.toLowerCase());
}

/** Every stopword, sorted: lets caches built with one list tell they are stale under another. */
export function stopwordList(): string[] {
  return [...STOPWORDS].sort();
}
