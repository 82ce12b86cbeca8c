import type { Language } from '../../config/grammar-schema.js';

/**
 * What the bot says about binding a Telegram account (not pipeline replies, so not templates):
 * short, in the operator's language (`grammar.language`).
 */
export interface BindingTexts {
  readonly button: string;
  readonly welcome: string;
  welcomeBound(agent: string): string;
  bound(agent: string): string;
  readonly notYours: string;
  notRegistered(phone: string): string;
  readonly taken: string;
  readonly failed: string;
}

const id: BindingTexts = {
  button: 'Bagikan nomor saya',
  welcome:
    'Halo! Untuk memakai bot ini, hubungkan akun Telegram Anda dengan nomor HP yang terdaftar di akun agen Anda: ' +
    'tekan tombol "Bagikan nomor saya" di bawah.',
  welcomeBound: (a) => `Akun Telegram ini terhubung ke agen ${a}. Kirim perintah di sini seperti lewat SMS.`,
  bound: (a) => `Berhasil: akun Telegram ini sekarang terhubung ke agen ${a}. Kirim perintah di sini seperti lewat SMS.`,
  notYours: 'Ditolak: itu bukan kontak Anda sendiri. Tekan tombol "Bagikan nomor saya" untuk membagikan nomor Anda.',
  notRegistered: (p) => `Nomor ${p} tidak terdaftar di akun agen mana pun. Hubungi upline atau operator Anda.`,
  taken: 'Akun Telegram ini sudah terhubung ke agen lain. Hubungi operator Anda.',
  failed: 'Maaf, terjadi gangguan. Coba lagi nanti.',
};

const en: BindingTexts = {
  button: 'Share my number',
  welcome:
    'Hello! To use this bot, link your Telegram account to the phone number registered for your agent account: ' +
    'press the "Share my number" button below.',
  welcomeBound: (a) => `This Telegram account is linked to agent ${a}. Send your commands here as you would by SMS.`,
  bound: (a) => `Done: this Telegram account is now linked to agent ${a}. Send your commands here as you would by SMS.`,
  notYours: 'Refused: that is not your own contact. Press "Share my number" to share your own number.',
  notRegistered: (p) => `The number ${p} is not registered for any agent. Contact your upline or the operator.`,
  taken: 'This Telegram account is already linked to another agent. Contact the operator.',
  failed: 'Sorry, something went wrong. Please try again later.',
};

export const bindingTexts = (language: Language): BindingTexts => (language === 'en' ? en : id);
