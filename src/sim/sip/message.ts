/**
 * A SIP message as ints: no strings on the hot path. What the real message says in its
 * headers is folded into numbers: the Via branch is `tx`, the Call-ID and tags are `dialog`,
 * CSeq is `cseq` (with `method`, as CSeq carries the method of the request a response answers).
 */
export const SipMethod = { Invite: 1, Ack: 2, Bye: 3, Register: 4 } as const;
export type SipMethod = (typeof SipMethod)[keyof typeof SipMethod];

/** Status codes the model uses (RFC 3261 §21). */
export const SipStatus = {
  Trying: 100,
  Ringing: 180,
  Ok: 200,
  /** §8.1.3.1: a transaction timeout is handled as if a 408 had arrived. */
  RequestTimeout: 408,
  Busy: 486,
  /** §12.2.2: a request inside a dialog the UAS does not know (the dialog was lost). */
  NoDialog: 481,
  ServerError: 500,
} as const;

export interface SipMessage {
  /** The request's method; for a response, the method in its CSeq. */
  readonly method: SipMethod;
  /** 0 for a request, else the status code. */
  readonly status: number;
  /** Transaction id (the top Via branch, §17.1.3). A 2xx's ACK has a branch of its own. */
  readonly tx: number;
  /** Dialog id (Call-ID plus tags, §12); -1 outside a dialog (REGISTER). */
  readonly dialog: number;
  readonly cseq: number;
  /** User (address of record) the request is for or from. */
  readonly aor: number;
  /** Size of the SIP message (start line, headers, body), without transport headers. */
  readonly bytes: number;
}

export const isRequest = (m: SipMessage): boolean => m.status === 0;
export const isProvisional = (status: number): boolean => status >= 100 && status < 200;
export const isSuccess = (status: number): boolean => status >= 200 && status < 300;
export const isFinal = (status: number): boolean => status >= 200;

/**
 * SIP message sizes in bytes (start line, headers, blank line, body; CRLF line ends).
 * INVITE, ACK, BYE and the responses are SIPp's built-in `uac` and `uas` scenarios (SIPp
 * src/scenario.cpp, default_scenario[0] and [1], commit 31658c2) rendered as SIPp sends them
 * (leading blanks stripped, CRLF) with IPv4 addresses of 11 characters (192.168.1.x), port
 * 5060, a 5-digit pid and call number 1; longer addresses or call numbers add a few bytes.
 * The INVITE and its 200 OK carry SIPp's 7-line PCMU SDP (145 B). SIPp's uas sends no 100
 * Trying; its size is the 180's header set with the status line changed and no To tag.
 * Error responses likewise (486 Busy Here; a 481 is 19 B longer, not distinguished).
 * REGISTER and its 200 OK are estimates, as src/sim/net/packet.ts has them (SIPp has no
 * built-in REGISTER scenario).
 */
export const SIP_BYTES = {
  register: 520,
  invite: 523,
  ack: 371,
  bye: 371,
  trying: 298,
  ringing: 319,
  /** 200 OK to INVITE carries the SDP answer. */
  inviteOk: 480,
  /** 200 OK to BYE. */
  byeOk: 311,
  /** 200 OK to REGISTER (Contact with expires). */
  registerOk: 420,
  /** A final error response (4xx–6xx), no body. */
  error: 321,
} as const;

/** Size of a request with `method`. */
export function requestBytes(method: SipMethod): number {
  switch (method) {
    case SipMethod.Invite:
      return SIP_BYTES.invite;
    case SipMethod.Ack:
      return SIP_BYTES.ack;
    case SipMethod.Bye:
      return SIP_BYTES.bye;
    case SipMethod.Register:
      return SIP_BYTES.register;
  }
}

/** Size of a response with `status` to a request with `method`. */
export function responseBytes(method: SipMethod, status: number): number {
  if (status === SipStatus.Trying) return SIP_BYTES.trying;
  if (isProvisional(status)) return SIP_BYTES.ringing;
  if (isSuccess(status)) {
    if (method === SipMethod.Invite) return SIP_BYTES.inviteOk;
    return method === SipMethod.Register ? SIP_BYTES.registerOk : SIP_BYTES.byeOk;
  }
  return SIP_BYTES.error;
}

/** A request (size from its method). */
export function request(
  method: SipMethod,
  tx: number,
  dialog: number,
  cseq: number,
  aor: number,
): SipMessage {
  return { method, status: 0, tx, dialog, cseq, aor, bytes: requestBytes(method) };
}

/** The response with `status` to `req` (§8.2.6.2: same branch, Call-ID, CSeq). */
export function response(req: SipMessage, status: number): SipMessage {
  return {
    method: req.method,
    status,
    tx: req.tx,
    dialog: req.dialog,
    cseq: req.cseq,
    aor: req.aor,
    bytes: responseBytes(req.method, status),
  };
}
