/** A client mistake in an HTTP request: answered with `status` and the message. */
export class HttpInputError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface MessageBody {
  readonly from: string;
  readonly text: string;
  readonly id?: string | undefined;
  /** Seconds to wait for a sale's final result in the same response (0–60). */
  readonly wait: number;
}

const EXPECTED = 'expected JSON {"from": "<sender>", "text": "<command>", "id": "<your message id>"}';

/** Validates the body of POST /api/messages; throws HttpInputError(400) saying what was expected. */
export function parseMessageBody(raw: string): MessageBody {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new HttpInputError(400, `body is not valid JSON: ${EXPECTED}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpInputError(400, EXPECTED);
  const v = value as Record<string, unknown>;
  if (typeof v.from !== 'string' || v.from.trim() === '' || v.from.length > 64) {
    throw new HttpInputError(400, '"from" must be the sender: a non-empty string of at most 64 characters');
  }
  if (typeof v.text !== 'string' || v.text.length > 2000) {
    throw new HttpInputError(400, '"text" must be the command text: a string of at most 2000 characters');
  }
  if (v.id !== undefined && !((typeof v.id === 'string' && v.id.length > 0 && v.id.length <= 128) || Number.isSafeInteger(v.id))) {
    throw new HttpInputError(400, '"id" must be your message id: a string of 1-128 characters or an integer');
  }
  if (v.wait !== undefined && !(typeof v.wait === 'number' && v.wait >= 0 && v.wait <= 60)) {
    throw new HttpInputError(400, '"wait" must be a number of seconds from 0 to 60');
  }
  return { from: v.from.trim(), text: v.text, id: v.id === undefined ? undefined : String(v.id), wait: (v.wait as number | undefined) ?? 0 };
}
