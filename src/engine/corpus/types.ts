/** One numbered part of a document: a chapter (4), a section (4.2) or a sub-item (4.2.3, 4.1.3.1). */
export interface Section {
  /** '0' for the preamble, '4', '4.2.3', or 'p12' for documents without numbering. */
  id: string;
  /** Heading text without its number, e.g. '貿易投資便利化'. */
  title: string;
  /** The section's own text as it stands in the source (heading line without its number, then its paragraphs). */
  text: string;
  /** Ids of the ancestors, outermost first: ['4', '4.2'] for 4.2.3. */
  parents: string[];
  /** Ids of the direct children, in document order. */
  children: string[];
  /** Nesting depth: 0 for the preamble and chapters, 1 for 4.1, … */
  depth: number;
  /** Character offsets [start, end) of the section's own lines in the source file. */
  start: number;
  end: number;
}

export interface ParsedDocument {
  docId: string;
  title: string;
  language: string;
  /** Sections in document order. */
  sections: Section[];
  /** True when the document had no recognisable numbering and sections are paragraphs. */
  unnumbered: boolean;
}

/** A translation of a document's sections, aligned by section id. */
export interface SectionTranslation {
  id: string;
  title: string;
  text: string;
  /** Stamp of the source text this was translated from; a mismatch marks it outdated. */
  sourceHash?: string;
}

export interface DocumentTranslation {
  docId: string;
  language: string;
  official: boolean;
  notice: string;
  sections: SectionTranslation[];
}

/** A searchable piece of a section: the whole section, or a window of a long one. */
export interface Chunk {
  /** Stable key: `${docId}#${sectionId}#${language}#${n}`. */
  key: string;
  docId: string;
  sectionId: string;
  /** Language of the chunk text ('zh-Hant' for the original, 'en' for a translation…). */
  language: string;
  /** Heading path, outermost first, e.g. ['務實合作', '經濟與可持續發展', '貿易投資便利化']. */
  headingPath: string[];
  /** Text used for search (heading path + content window). */
  text: string;
}
