// The validation-only entry's types: the validators, and no Midtrans flow.
import init, { validateCardNumber, validateCard, type CardData, type NumberValidation } from 'midtrans-card/validate';
// @ts-expect-error: the validation-only entry has no MidtransCard
import { MidtransCard } from 'midtrans-card/validate';

export async function check(card: CardData): Promise<boolean> {
  await init();
  const n: NumberValidation = validateCardNumber(String(card.card_number ?? ''));
  console.log(MidtransCard);
  return n.isValid && validateCard(card).isValid;
}
