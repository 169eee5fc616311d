// Preloaded (`node --require`) into a CLI process the scale bench starts: on exit, writes the process's
// CPU time (all threads, workers included) to the file named by KAIZEN_BENCH_CPU_FILE.
'use strict';
const fs = require('node:fs');
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  fs.writeFileSync(process.env.KAIZEN_BENCH_CPU_FILE, JSON.stringify({ cpuMs: (user + system) / 1000 }));
});
