import type { Conversation } from '../model';

/** The PII entity types Kaizen detects; each maps to a placeholder such as `[CUSTOMER_NAME_1]`. */
export type EntityType =
  | 'PERSON'
  | 'PHONE'
  | 'EMAIL'
  | 'CARD_NUMBER'
  | 'SSN'
  | 'IBAN'
  | 'ACCOUNT_NUMBER'
  | 'ADDRESS'
  | 'ZIP'
  | 'LOCATION'
  | 'DATE'
  | 'DATE_OF_BIRTH'
  | 'AGE'
  | 'IP_ADDRESS'
  | 'DRIVER_LICENSE'
  | 'URL'
  | 'DOLLAR_AMOUNT';

export interface DetectedEntity {
  type: EntityType;
  /** Offsets into the original text, end exclusive. */
  start: number;
  end: number;
  score: number;
  /** The quantity an amount or age stands for, used by bucketed placeholders (`[DOLLAR_AMOUNT:100-500]`). */
  value?: number;
}

export interface RedactionResult {
  text: string;
  entities: DetectedEntity[];
}

/**
 * Turns raw text into text safe to store. Placeholders are consistent within one conversation
 * (`[CUSTOMER_NAME_1]` is the same person throughout) and identifiers used as keys are HMAC-hashed.
 */
export interface RedactConversationOptions {
  /**
   * The call holds placeholders already (its stored part, redacted before, merged with a later part):
   * new placeholders are numbered after them, so a name learned later never takes an earlier one's number.
   */
  continueNumbering?: boolean;
}

export interface Redactor {
  redactText(text: string): RedactionResult;
  redactConversation(conversation: Conversation, options?: RedactConversationOptions): Conversation;
}
