/**
 * The version of the rules that turn text into search terms (normalization, OpenCC phrases,
 * segmentation). An index built under other rules would be searched with terms it does not
 * hold, silently: it is rebuilt at start, like an index without the thesaurus. Bump it with
 * every change to those rules. 2: Taiwan phrases read as their mainland words (資訊 = 信息).
 */
export const SEARCH_TEXT_RULES = 2;
