import { seen, testUser, type FakeTelegramApi } from '../../../helpers/fake-telegram-api.js';

/** What other users saw while something ran: each question's time to its reply. */
export interface LoadReport<T> {
  result: T;
  latenciesMs: number[];
  unanswered: number;
  /** Replies that cite no section (an apology instead of an answer). */
  uncited: string[];
  p95Ms: number;
}

const QUESTIONS = ['水資源合作有哪些安排?', '貿易投資便利化有哪些措施?', '農業合作有什麼內容?', 'What does the plan say about water resources?'];

/**
 * Runs `work` while `users` Telegram users keep asking plan questions through
 * the fake Bot API (each waits for its reply, then asks the next).
 */
export async function underQuestionLoad<T>(fake: FakeTelegramApi, work: () => Promise<T>, options: { users?: number; replyTimeoutMs?: number } = {}): Promise<LoadReport<T>> {
  const users = Array.from({ length: options.users ?? 6 }, () => testUser());
  const latenciesMs: number[] = [];
  const uncited: string[] = [];
  let unanswered = 0;
  let done = false;
  const ask = async (user: (typeof users)[number], n: number) => {
    const chat = fake.privateChat(user);
    for (let i = n; !done; i++) {
      const mark = fake.mark();
      const started = performance.now();
      fake.sendText(chat, user, QUESTIONS[i % QUESTIONS.length]!);
      try {
        const reply = await fake.waitForMessage(chat.id, { after: mark, timeoutMs: options.replyTimeoutMs ?? 20_000 });
        latenciesMs.push(performance.now() - started);
        if (!/§\s?\d/.test(seen(reply))) uncited.push(seen(reply).slice(0, 120));
      } catch {
        unanswered++;
      }
      await new Promise((r) => setTimeout(r, 30));
    }
  };
  const askers = users.map((u, i) => ask(u, i));
  let result: T;
  try {
    result = await work();
  } finally {
    done = true;
    await Promise.all(askers);
  }
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const p95Ms = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? Number.NaN;
  return { result, latenciesMs, unanswered, uncited, p95Ms: Math.round(p95Ms) };
}
