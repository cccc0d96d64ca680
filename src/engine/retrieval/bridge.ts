/**
 * How a question word reached the plan's words, shown to the reader ("颱風 → 災害") so
 * an answer found through other words says which words it took them for.
 */
export interface Bridge {
  /** The asker's word, as written in the question. */
  from: string;
  /** The plan's word it was carried to. */
  to: string;
  /** Where the link comes from: the thesaurus, a synonym an admin taught, or CC-CEDICT glosses. */
  via: 'thesaurus' | 'taught' | 'dictionary';
  /** synonym: the same concept; broader: a specific thing to the category the plan names; related: a neighbouring concept. */
  relation: 'synonym' | 'broader' | 'related';
  /** The search terms (coverage forms) this bridge added: a section it reached contains one of them. */
  terms?: readonly string[];
}
