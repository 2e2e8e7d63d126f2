import fs from 'node:fs';
import { generateApiTypes, SCHEMA_FILE } from './api-types.ts';

// `npm run gen:api`: regenerates the typed API client's declarations from the server's document.
const text = await generateApiTypes();
fs.writeFileSync(SCHEMA_FILE, text);
process.stdout.write(`wrote ${SCHEMA_FILE} (${text.length} bytes)\n`);
