import type { ValidatedReversalRequest, ValidationIssue } from '@reversal/core';

// M-Pesa receipts are 10 upper-case letters and digits (PDU91HIVIT); a little slack in length
// keeps a future format from being refused here rather than by Daraja.
const RECEIPT = /^[A-Z0-9]{8,12}$/;

/**
 * Daraja's own checks, run after the common ones: the amount in whole shillings (Daraja reverses
 * the full original amount, and M-Pesa Kenya payments are whole shillings), the receipt format,
 * and `reason` fitting `Remarks` (2–100 characters).
 */
export function checkDarajaRequest(request: ValidatedReversalRequest): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (request.amount !== undefined && !request.amount.endsWith('.00')) {
    issues.push({
      field: 'amount',
      message: 'must be whole shillings (e.g. 200 or "200.00"): Daraja reverses the full original amount, never cents',
    });
  }
  if (!RECEIPT.test(request.transactionId)) {
    issues.push({
      field: 'transactionId',
      message: 'must be the M-Pesa receipt of the payment: 10 upper-case letters and digits, e.g. "PDU91HIVIT"',
    });
  }
  if (request.reason !== undefined && request.reason.trim().length < 2) {
    issues.push({ field: 'reason', message: "must be 2–100 characters (it becomes Daraja's Remarks), or left out" });
  }
  return issues;
}
