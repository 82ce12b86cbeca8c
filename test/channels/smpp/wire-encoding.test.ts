import smpp from 'smpp';
import { expect, it } from 'vitest';
import { encodePdu } from '../../../src/channels/smpp/smpp-wire.js';
import { splitText } from '../../../src/channels/smpp/segments.js';

/**
 * The message-path PDUs are encoded by our own code for speed; they must be the very octets the
 * package writes (the package stays the reference), and anything else must still go through it.
 */
const packageOctets = (command: string, params: Record<string, unknown>) => new smpp.PDU(command, params).toBuffer();
/** Ours takes the sequence number and status apart from the parameters. */
const ourOctets = (command: string, { sequence_number, command_status, ...params }: Record<string, unknown>) =>
  encodePdu(command, params, sequence_number as number, (command_status as number | undefined) ?? 0);

const sm = (text: string, extra: Record<string, unknown> = {}) => ({
  sequence_number: 77, source_addr_ton: 2, source_addr_npi: 1, source_addr: '9999', dest_addr_ton: 1, dest_addr_npi: 1,
  destination_addr: '6281234567890', esm_class: 0, registered_delivery: 1, data_coding: 0, short_message: Buffer.from(text, 'latin1'),
  ...extra,
});

it.each([
  ['submit_sm', sm('HARGA S: S5=5.450, S10=10.450')],
  ['deliver_sm', sm('SUKSES S10 ke 081234567890 SN 1234')],
  ['deliver_sm', sm('')],
  ['submit_sm', { sequence_number: 0x7fffffff, short_message: Buffer.alloc(0) }],
  ['deliver_sm', { ...sm('x'), service_type: 'CMT', schedule_delivery_time: '', validity_period: '', protocol_id: 3, priority_flag: 1 }],
  ['submit_sm', sm('flags given as a boolean and a string', { registered_delivery: true, esm_class: '4' })],
  ['submit_sm_resp', { sequence_number: 9, command_status: 0, message_id: '12345' }],
  ['deliver_sm_resp', { sequence_number: 9, command_status: 0, message_id: '' }],
  ['deliver_sm_resp', { sequence_number: 9, command_status: 0 }],
  ['submit_sm_resp', { sequence_number: 9, command_status: 0x58, message_id: 'ignored on error' }],
  ['enquire_link_resp', { sequence_number: 3, command_status: 0 }],
  ['unbind_resp', { sequence_number: 4, command_status: 0 }],
  ['generic_nack', { sequence_number: 5, command_status: 3 }],
  ['bind_transceiver_resp', { sequence_number: 1, command_status: 0, system_id: 'pulsagate' }],
  ['submit_sm', sm('with a TLV', { sar_msg_ref_num: 7, sar_total_segments: 2, sar_segment_seqnum: 1 })],
])('%s is encoded as the package encodes it', (command, params) => {
  expect(ourOctets(command, params).toString('hex')).toBe(packageOctets(command, params).toString('hex'));
});

it('every part of a split UCS2 and GSM reply is encoded as the package encodes it', () => {
  for (const text of ['Rp10.000 ✓ '.repeat(20), 'HARGA {S5} ~ €'.repeat(30)]) {
    for (const p of splitText(text, 42)) {
      const params = sm('', { esm_class: p.udh ? 0x40 : 0, data_coding: p.dataCoding, short_message: p.shortMessage });
      expect(ourOctets('deliver_sm', params).equals(packageOctets('deliver_sm', params))).toBe(true);
    }
  }
});
