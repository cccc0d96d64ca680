export { createTelegramBot } from './bot.js';
export { startTelegram, type RunningTelegramBot } from './start.js';
export { telegramDeps, type TelegramDeps, type TelegramServices } from './deps.js';
export { telegramSettingsFrom, type TelegramSettings } from './options.js';
export { ADMIN_COMMANDS, type AdminCommand } from './admin.js';
