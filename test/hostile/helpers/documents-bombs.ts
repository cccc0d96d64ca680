// The generators live in src/ because `npm run bench` sends a bomb too.
export { hugeText, mediaBomb, numberedParagraphs, paragraphBomb, spaceBomb } from '../../../src/ingest/hostile-documents.js';
