// The generators live in src/ because `npm run bench` sends a bomb too.
export { hugeText, mediaBomb, numberedParagraphs, paragraphBomb, spaceBomb } from '../../../../src/services/reindex/ingest/hostile-documents.js';
