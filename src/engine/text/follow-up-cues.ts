/** Pronouns and demonstratives that make a question lean on the previous one. */
const REFERS_BACK = /[它其該该此這这那][個个些項项]?|\b(it|its|they|their|them|this|that|these|those|there)\b/iu;

/** Words that ask for more about the same thing: details, what else, specifically. */
const CONTINUES = /具[體体]|詳細|详细|細節|细节|還有|还有|其他|更多|舉例|举例|例如|怎麼做|怎么做|如何落實|如何落实|\b(details?|else|more|specifically|example|how so)\b/iu;

/** A question that points back at the previous exchange ("its funding", "這些項目"). */
export function refersBack(question: string): boolean {
  return REFERS_BACK.test(question);
}

/** A follow-up that cannot stand on its own: it points back, or only asks for more of the same. */
export function continuesPrevious(question: string): boolean {
  return refersBack(question) || CONTINUES.test(question);
}
