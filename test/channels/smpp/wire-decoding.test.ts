import smpp from 'smpp';
import { expect, it } from 'vitest';
import { decodePdu, encodePdu } from '../../../src/channels/smpp/smpp-wire.js';

/**
 * PDUs are read by our own code for speed; each must be the very object the package makes of the
 * same octets (the package stays the reference), TLVs and unknown commands being left to it.
 */
const own = (pdu: object) => Object.fromEntries(Object.entries(pdu));
const octetsOf = (command: string, params: Record<string, unknown>) => new smpp.PDU(command, params).toBuffer();

it.each([
  ['submit_sm', { sequence_number: 5, source_addr_ton: 1, source_addr_npi: 1, source_addr: '6281200000123', destination_addr: '9999', short_message: Buffer.from('S10.081300001234.1234') }],
  ['submit_sm', { sequence_number: 6, schedule_delivery_time: '261201120000004+', validity_period: '', short_message: Buffer.alloc(0), data_coding: 8 }],
  ['deliver_sm', { sequence_number: 7, esm_class: 0x40, short_message: Buffer.from([5, 0, 3, 9, 2, 1, 0x41]) }],
  ['submit_sm', { sequence_number: 8, short_message: Buffer.from('with TLVs'), sar_msg_ref_num: 7, sar_total_segments: 2, sar_segment_seqnum: 1 }],
  ['deliver_sm', { sequence_number: 9, short_message: Buffer.alloc(0), message_payload: Buffer.from('a payload') }],
  ['deliver_sm_resp', { sequence_number: 10, message_id: '' }],
  ['submit_sm_resp', { sequence_number: 11, message_id: 'abc-123' }],
  ['submit_sm_resp', { sequence_number: 12, command_status: 0x58 }],
  ['enquire_link', { sequence_number: 13 }],
  ['unbind_resp', { sequence_number: 14 }],
  ['generic_nack', { sequence_number: 15, command_status: 3 }],
  ['bind_transceiver', { sequence_number: 1, system_id: 'partner1', password: 'secret', interface_version: 0x34 }],
  ['bind_transceiver_resp', { sequence_number: 1, system_id: 'pulsagate' }],
])('%s is read as the package reads it', (command, params) => {
  const octets = octetsOf(command, params);
  const ours = decodePdu(octets);
  const theirs = new smpp.PDU(octets);
  expect(own(ours)).toEqual(own(theirs));
  expect(Object.keys(ours)).toEqual(Object.keys(theirs));
  expect(ours.isResponse()).toBe(theirs.isResponse());
  expect(ours).toBeInstanceOf(smpp.PDU);
});

it('reads a truncated body as the package does, and an unknown command through it', () => {
  const full = encodePdu('submit_sm', { source_addr: '62812', short_message: Buffer.from('x') }, 3);
  const cut = Buffer.from(full.subarray(0, 24)); // header and a few octets, length fixed up
  cut.writeUInt32BE(cut.length, 0);
  expect(own(decodePdu(cut))).toEqual(own(new smpp.PDU(cut)));
  const unknown = Buffer.from(full);
  unknown.writeUInt32BE(0x00000777, 4);
  expect(own(decodePdu(unknown))).toEqual(own(new smpp.PDU(unknown)));
  expect(decodePdu(unknown).command).toBe('unknown');
  const lying = Buffer.from(full); // its sm_length says more octets than follow
  lying[lying.length - 2] = 9;
  expect(own(decodePdu(lying))).toEqual(own(new smpp.PDU(lying)));
  const noNul = Buffer.from(full.subarray(0, 20)); // service_type never ends
  noNul.writeUInt32BE(noNul.length, 0);
  noNul.fill(0x41, 16);
  expect(own(decodePdu(noNul))).toEqual(own(new smpp.PDU(noNul)));
});

it('cuts PDUs out of the stream however the octets arrive, and a bad length is an error', async () => {
  const { createRawServer } = await import('../../../src/channels/smpp/smpp-wire.js');
  const { connect } = await import('node:net');
  const seen: string[] = [];
  const errors: string[] = [];
  const server = createRawServer((session) => {
    session.on('pdu', (pdu: smpp.PDU) => seen.push(`${pdu.command}#${pdu.sequence_number}:${String(pdu.source_addr ?? '')}`));
    session.on('error', (e: Error) => errors.push(e.message));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const sm = (seq: number) => encodePdu('submit_sm', { source_addr: `6281${seq}`, short_message: Buffer.from('SAL.1234') }, seq);
  const pause = () => new Promise((r) => setTimeout(r, 30));
  socket.write(Buffer.concat([sm(1), sm(2)])); // two in one write
  await pause();
  const third = sm(3);
  for (const piece of [third.subarray(0, 2), third.subarray(2, 17), third.subarray(17)]) { // one over three writes
    socket.write(piece);
    await pause();
  }
  socket.write(Buffer.concat([encodePdu('enquire_link', {}, 4), sm(5).subarray(0, 10)])); // a whole one and a start
  await pause();
  expect(seen).toEqual(['submit_sm#1:62811', 'submit_sm#2:62812', 'submit_sm#3:62813', 'enquire_link#4:']);
  const tooShort = Buffer.alloc(8);
  tooShort.writeUInt32BE(8, 0);
  socket.write(Buffer.concat([sm(5).subarray(10), tooShort])); // the rest of 5, then a length under a header
  await pause();
  expect(seen.at(-1)).toBe('submit_sm#5:62815');
  expect(errors).toEqual([expect.stringMatching(/too small \(8/)]);
  socket.destroy();
  await new Promise((r) => server.close(r));
});

it('reads nothing off the socket while paused (the peer is held back), and everything on resume', async () => {
  const { createRawServer } = await import('../../../src/channels/smpp/smpp-wire.js');
  const { connect } = await import('node:net');
  const seen: number[] = [];
  let session: smpp.Session | undefined;
  const server = createRawServer((s) => {
    session = s;
    s.pause();
    s.on('pdu', (pdu: smpp.PDU) => seen.push(pdu.sequence_number));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const sm = (seq: number) => encodePdu('submit_sm', { source_addr: '62812', short_message: Buffer.from('SAL.1234') }, seq);
  socket.write(Buffer.concat([sm(1), sm(2)]));
  for (const byte of sm(3)) socket.write(Buffer.from([byte])); // one PDU a byte at a time
  await new Promise((r) => setTimeout(r, 100));
  expect(seen).toEqual([]);
  expect(session!.socket.readableLength).toBeGreaterThan(0); // still in the socket, not taken
  session!.resume();
  await expect.poll(() => seen).toEqual([1, 2, 3]);
  socket.destroy();
  await new Promise((r) => server.close(r));
});
