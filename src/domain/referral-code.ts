/** No 0/O or 1/I: referral codes are read aloud and typed on phones. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A referral code: R + 5 characters. `random(n)` returns an integer in [0, n). */
export function referralCode(random: (n: number) => number): string {
  let code = 'R';
  for (let i = 0; i < 5; i++) code += ALPHABET[random(ALPHABET.length)];
  return code;
}
