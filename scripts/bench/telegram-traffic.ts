/**
 * Child process of the Telegram bench: the fake Bot API and the simulated users
 * run here, so the bot under test has its process to itself, as it would with
 * the real Bot API on Telegram's servers.
 */
import { paragraphBomb } from '../../src/services/reindex/ingest/hostile-documents.js';
import { FakeTelegramApi, parseTelegramHtml } from '../../test/fakes/telegram-bot-api.js';

export interface TrafficPlan {
  users: number;
  questionsPerUser: number;
  questions: readonly string[];
  timeoutMs: number;
  /** Questions per user sent first and not measured (first-use costs of the code paths). */
  warmUpPerUser?: number;
  /** This admin sends a .docx that inflates to 100 MB while the users ask (issue 15). */
  bombFromAdmin?: number;
}

export type TrafficMessage =
  | { type: 'ready'; apiRoot: string; token: string }
  | { type: 'done'; latencies: number[]; lost: number; bomb?: { replyMs: number; reply: string } };

/** Set in the child's environment by the bench, so importing this module elsewhere does nothing. */
export const TRAFFIC_ENV = 'PLANBOT_TELEGRAM_BENCH_TRAFFIC';

/** Each user sends a question, waits for the reply, sends the next; all users at once. Latency: update available → reply received. */
export async function simulateUsers(fake: FakeTelegramApi, plan: TrafficPlan): Promise<{ latencies: number[]; lost: number }> {
  const latencies: number[] = [];
  let lost = 0;
  await Promise.all(
    Array.from({ length: plan.users }, async (_, u) => {
      const user = { id: 500_000 + u, is_bot: false, first_name: `Bench${u}`, language_code: 'zh-hant' };
      const chat = fake.privateChat(user);
      for (let i = 0; i < plan.questionsPerUser; i++) {
        const question = plan.questions[(u * plan.questionsPerUser + i) % plan.questions.length]!;
        const mark = fake.mark();
        const sentAt = performance.now();
        fake.sendText(chat, user, question);
        try {
          const reply = await fake.waitForMessage(user.id, { after: mark, timeoutMs: plan.timeoutMs });
          latencies.push(reply.at - sentAt);
        } catch {
          lost++;
        }
      }
    }),
  );
  return { latencies, lost };
}

/** The admin sends the bomb; resolves with the bot's reply and how long it took. */
async function sendBomb(fake: FakeTelegramApi, adminId: number, timeoutMs: number): Promise<{ replyMs: number; reply: string }> {
  const bytes = await paragraphBomb(100);
  const admin = { id: adminId, is_bot: false, first_name: 'BenchAdmin', language_code: 'en' };
  const mark = fake.mark();
  const sentAt = performance.now();
  fake.sendDocument(fake.privateChat(admin), admin, { name: 'plan.docx', bytes, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  const reply = await fake.waitForMessage(adminId, { after: mark, timeoutMs });
  const parsed = parseTelegramHtml(String(reply.payload.text ?? ''));
  return { replyMs: reply.at - sentAt, reply: 'text' in parsed ? parsed.text : String(reply.payload.text) };
}

async function main(send: (m: TrafficMessage) => void): Promise<void> {
  const plan = await new Promise<TrafficPlan>((resolve) => process.once('message', (m) => resolve(m as TrafficPlan)));
  const fake = await FakeTelegramApi.start();
  send({ type: 'ready', apiRoot: fake.apiRoot, token: fake.token });
  // Start once the bot is polling, so its start-up is not counted.
  await fake.waitFor((c) => c.method === 'getUpdates', { timeoutMs: 60_000 });
  if (plan.warmUpPerUser) await simulateUsers(fake, { ...plan, questionsPerUser: plan.warmUpPerUser });
  const bomb = plan.bombFromAdmin === undefined ? undefined : sendBomb(fake, plan.bombFromAdmin, plan.timeoutMs * 3);
  const result = await simulateUsers(fake, plan);
  const bombReply = await bomb;
  await fake.close();
  send({ type: 'done', ...result, ...(bombReply ? { bomb: bombReply } : {}) });
  process.disconnect();
}

if (process.env[TRAFFIC_ENV] === '1' && process.send) {
  const send = process.send.bind(process);
  void main((m) => send(m));
}
