import { z } from 'zod';

// zod v4 compiles fast parsers with `new Function` when eval is allowed; the webview CSP forbids eval
// (no 'unsafe-eval'), and even zod's probe is reported as a violation. The choice is read when a
// schema is built, so this module must be the first import of every webview entry point.
z.config({ jitless: true });
