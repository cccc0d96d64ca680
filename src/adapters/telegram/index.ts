;
export { startTelegram,  } from './start.js';
export { telegramDeps,   } from './deps.js';
export { telegramSettingsFrom,  } from './options.js';
;
;
