// Prints the bad-input catalogue as Markdown (the list in this folder's README):
//   npx tsx apps/web/test/bad-input/print-cases.ts
import { catalogueAsMarkdown } from './catalogue';

console.log(catalogueAsMarkdown());
