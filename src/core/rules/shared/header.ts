/** Lookups over a certificate's header fields, shared by the header, date, id and path rules. */
import type { CertificateModel } from '../../model/certificate';
import type { Field } from '../../model/common';
import { stripEmphasis } from '../../parse/mdast-utils';

export const REQUIRED_HEADER_FIELDS = ['Component', 'Agent', 'Date', 'Certificate ID'] as const;

export function normKey(key: string): string {
  return stripEmphasis(key).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Every header field with this name (case-insensitive). */
export function headerFields(model: CertificateModel, name: string): Field[] {
  const want = name.toLowerCase();
  return model.header.filter((f) => normKey(f.key) === want);
}

/** The header field with this name when there is exactly one with a non-empty value. */
export function headerValue(model: CertificateModel, name: string): Field | undefined {
  const found = headerFields(model, name);
  return found.length >= 1 && stripEmphasis(found[0].value).trim() ? found[0] : undefined;
}

/** The field value without emphasis or surrounding backticks. */
export function cleanValue(value: string): string {
  return stripEmphasis(value).replace(/^`(.*)`$/, '$1').trim();
}
