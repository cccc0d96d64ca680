import type { Actor } from '../../chat/actor.js';
import type { Logger } from '../../config/logger.js';

/** A 👍/👎 on an answer. */
export interface Feedback {
  actor: Actor;
  rating: 'up' | 'down';
  question: string;
  /** Sections the rated answer cited, in rank order. */
  sectionIds: string[];
  indexVersion: string;
  channel?: string;
  messageTs?: string;
}

/**
 * Where ratings go. The status-and-logging work replaces the default with a
 * store; until then ratings are only logged (without the question text, which
 * may be personal) and the user is thanked either way.
 */
export interface FeedbackSink {
  record(feedback: Feedback): Promise<void>;
}

export function loggingFeedbackSink(log: Logger): FeedbackSink {
  return {
    async record(f) {
      log.info({ rating: f.rating, sections: f.sectionIds, indexVersion: f.indexVersion, platform: f.actor.platform }, 'answer feedback');
    },
  };
}
