/**
 * Worker thread of the Telegram bench: the fake Bot API and the simulated users
 * run here, so the bot under test has the main thread to itself, as it would
 * with the real Bot API on Telegram's servers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FakeTelegramApi } from './fake-api.js';

export interface TrafficPlan {
  users: number;
  questionsPerUser: number;
  questions: readonly string[];
  timeoutMs: number;
}

export type TrafficMessage =
  | { type: 'ready'; apiRoot: string; token: string }
  | { type: 'done'; latencies: number[]; lost: number };

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

if (parentPort && workerData?.planbotTelegramBench) {
  const port = parentPort;
  const plan = workerData.plan as TrafficPlan;
  const fake = await FakeTelegramApi.start();
  port.postMessage({ type: 'ready', apiRoot: fake.apiRoot, token: fake.token } satisfies TrafficMessage);
  // Start once the bot is polling, so its start-up is not counted.
  await fake.waitFor((c) => c.method === 'getUpdates', { timeoutMs: 60_000 });
  const result = await simulateUsers(fake, plan);
  await fake.close();
  port.postMessage({ type: 'done', ...result } satisfies TrafficMessage);
}
