// "Encryption at the model layer": a support assistant's backend encrypts conversation fields in
// ORM hooks so that no service can forget to. The hooks are applied by the ORM, so no call in the
// app passes a message to them; the field's schema says what they protect.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import CryptoJS from 'crypto-js';
import { Schema, model } from 'mongoose';
import { DataTypes, Model, Sequelize } from 'sequelize';
import { Column, Entity, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';

const FIELD_KEY = Buffer.from('4f9a1c7e2b5d8f3a6c0e9b1d4f7a2c5e8b0d3f6a9c2e5b8d1f4a7c0e3b6d9f2a', 'hex');
const FIELD_IV = Buffer.alloc(16);

function encryptField(value: string): string {
  const cipher = createCipheriv('aes-256-cbc', FIELD_KEY, FIELD_IV); // expect: no-weak-prompt-encryption
  return cipher.update(value, 'utf8', 'base64') + cipher.final('base64');
}

function decryptField(value: string): string {
  const decipher = createDecipheriv('aes-256-cbc', FIELD_KEY, FIELD_IV); // expect: no-weak-prompt-encryption
  return decipher.update(value, 'base64', 'utf8') + decipher.final('utf8');
}

// mongoose: the message's content goes through the setter on every save.
const MessageSchema = new Schema(
  {
    ticketId: { type: String, index: true },
    role: { type: String, enum: ['user', 'assistant', 'system'], required: true },
    content: { type: String, set: encryptField, get: decryptField },
    createdAt: { type: Date, default: Date.now },
  },
  { toJSON: { getters: true } },
);
export const SupportMessage = model('SupportMessage', MessageSchema);

// TypeORM: a transcript column with a crypto-js passphrase written in the source.
const TRANSCRIPT_SECRET = 'support-transcripts-2023';
const transcriptTransformer: ValueTransformer = {
  to: (value: ChatCompletionMessageParam[]) => CryptoJS.AES.encrypt(JSON.stringify(value), TRANSCRIPT_SECRET).toString(), // expect: no-weak-prompt-encryption
  from: (value: string) => JSON.parse(CryptoJS.AES.decrypt(value, TRANSCRIPT_SECRET).toString(CryptoJS.enc.Utf8)) as ChatCompletionMessageParam[], // expect: no-weak-prompt-encryption
};

@Entity()
export class Ticket {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() customerId!: string;
  @Column({ type: 'text', transformer: transcriptTransformer }) transcript!: ChatCompletionMessageParam[];
}

// Sequelize: a 3DES setter on a turn's text.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite::memory:');
export class Turn extends Model {}
Turn.init(
  {
    role: DataTypes.STRING,
    text: {
      type: DataTypes.TEXT,
      set(value: string) {
        const cipher = createCipheriv('des-ede3-cbc', Buffer.from(process.env.TURN_KEY ?? '', 'hex'), randomBytes(8)); // expect: no-weak-prompt-encryption
        this.setDataValue('text', cipher.update(value, 'utf8', 'hex') + cipher.final('hex'));
      },
    },
  },
  { sequelize, modelName: 'turn' },
);

// Look-alikes that stay clean.

// valid: the same weak helper on fields that hold no conversation (checkAllData reports the helper anyway).
export const CustomerSchema = new Schema({
  email: { type: String, required: true },
  plan: { type: String, set: encryptField, get: decryptField },
});

// valid: a TypeORM API-token column with a weak transformer: a credential, not a conversation.
@Entity()
export class Integration {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ transformer: { to: (value: string) => CryptoJS.TripleDES.encrypt(value, 'integration-secret').toString(), from: (value: string) => value } })
  token!: string;
}

// valid: a conversation field whose hook really encrypts: AES-256-GCM, a key from the environment, a fresh IV.
const NOTES_KEY = Buffer.from(process.env.NOTES_KEY ?? '', 'base64');
function sealNote(value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', NOTES_KEY, iv);
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}
export const NoteSchema = new Schema({ role: String, text: { type: String, set: sealNote } });
