/** command_status values we send or act on (SMPP 3.4 §5.1.3). */
export const STATUS = {
  OK: 0x00,
  INVMSGLEN: 0x01,
  INVCMDID: 0x03,
  INVBNDSTS: 0x04,
  ALYBND: 0x05,
  SYSERR: 0x08,
  INVSRCADR: 0x0a,
  INVDSTADR: 0x0b,
  BINDFAIL: 0x0d,
  INVPASWD: 0x0e,
  INVSYSID: 0x0f,
  MSGQFUL: 0x14,
  THROTTLED: 0x58,
  /** ESME receiver temporary app error: the SMSC should redeliver later (§5.1.3, 0x64). */
  RX_T_APPN: 0x64,
} as const;

const NAMES = new Map<number, string>(Object.entries(STATUS).map(([k, v]) => [v, `ESME_R${k}`]));

export const statusName = (status: number): string =>
  NAMES.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`;

/** The SMSC asks us to slow down: back off before the next submit. */
export const isThrottle = (status: number): boolean => status === STATUS.THROTTLED || status === STATUS.MSGQFUL;

/** A bind refused for its credentials: retrying soon will not help. */
export const isCredentialRefusal = (status: number): boolean =>
  status === STATUS.BINDFAIL || status === STATUS.INVPASWD || status === STATUS.INVSYSID;

/** How long a session sends nothing after ESME_RTHROTTLED / ESME_RMSGQFUL (research §4.1: 1 s or more). */
export const THROTTLE_PAUSE_MS = 1_000;
