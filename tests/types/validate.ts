// The validation-only entry's types: the validators, `not_initialized`, and no Midtrans flow.
import init, { initSync, validateCardNumber, validateCard, MidtransCardError, type CardData, type ErrorCode, type NumberValidation } from 'midtrans-card/validate';
// @ts-expect-error: the validation-only entry has no MidtransCard
import { MidtransCard } from 'midtrans-card/validate';
// @ts-expect-error: nor the one-call loader
import { loadMidtrans } from 'midtrans-card/validate';

export async function check(card: CardData): Promise<boolean> {
  await init();
  const n: NumberValidation = validateCardNumber(String(card.card_number ?? ''));
  console.log(MidtransCard, loadMidtrans);
  return n.isValid && validateCard(card).isValid;
}

export function early(bytes: Uint8Array): boolean {
  try {
    return validateCardNumber('4811111111111114').isValid;
  } catch (e) {
    if (e instanceof MidtransCardError) {
      // The only code this entry throws.
      const code: 'not_initialized' = e.code;
      const all: ErrorCode = code;
      // @ts-expect-error: the Midtrans flow's codes are not in this entry
      const other: ErrorCode = 'invalid_card';
      console.log(all, other);
      initSync({ module: bytes });
      return validateCardNumber('4811111111111114').isValid;
    }
    throw e;
  }
}
