// Runs in the browser before the app's own code.
import { z } from 'zod';

// zod compiles object parsers with `new Function` when it may, and probes for that permission;
// under the pages' Content-Security-Policy (no 'unsafe-eval') the probe is reported as a policy
// violation. Parsing without compiled parsers gives the same results.
z.config({ jitless: true });
