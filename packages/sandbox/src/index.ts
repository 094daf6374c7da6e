// The public surface of @reversal/sandbox, listed by name.
// The shape every simulator shares.
export type {
  CallbackDelivery,
  CallbackSimulator,
  CallbackSimulatorOptions,
  Simulator,
  SimulatorTransaction,
  SimulatorTransactionInput,
} from './simulator.js';
export { isFailedDelivery } from './simulator.js';

// Daraja (Safaricom Kenya) simulator exports go below this line.
export type { CallbackRecorder, RecordedCallback } from './daraja/callback-recorder.js';
export { startCallbackRecorder } from './daraja/callback-recorder.js';
export type { DarajaErrorBody, DarajaErrorCode } from './daraja/daraja-errors.js';
export { DARAJA_ERRORS } from './daraja/daraja-errors.js';
export type {
  DarajaResultCode,
  DarajaResultScenario,
  DarajaScenario,
  DarajaSyncErrorScenario,
} from './daraja/daraja-scenario.js';
export { DARAJA_RESULT_SCENARIOS, DARAJA_SYNC_ERROR_SCENARIOS } from './daraja/daraja-scenario.js';
export type {
  DarajaSimulator,
  DarajaSimulatorOptions,
  DarajaSimulatorProviderOptions,
  DarajaSimulatorStats,
  ReceivedReversalRequest,
  ReceivedStatusQuery,
} from './daraja/daraja-simulator.js';
export type {
  DarajaStatusResultScenario,
  DarajaStatusScenario,
  DarajaStatusSyncErrorScenario,
} from './daraja/daraja-status-scenario.js';
export { DARAJA_STATUS_RESULT_SCENARIOS, DARAJA_STATUS_SYNC_ERROR_SCENARIOS } from './daraja/daraja-status-scenario.js';
export type { DarajaCallbackDelivery, DarajaCallbackKind } from './daraja/deliver-callback.js';
export type { DarajaTransaction, DarajaTransactionInput } from './daraja/ledger.js';
export { startDarajaSimulator } from './daraja/start-daraja-simulator.js';
export type { DarajaReversalBody } from './daraja/validate-reversal-body.js';
export type { DarajaStatusBody } from './daraja/validate-status-body.js';

// Vodacom Mozambique simulator exports go below this line.
export type { InsCodeResponse } from './vodacom-mz/ins-codes.js';
export { VODACOM_MZ_INS_CODES } from './vodacom-mz/ins-codes.js';
export { startVodacomMzSimulator, VODACOM_MZ_STANDARD_PORTS } from './vodacom-mz/start-vodacom-mz-simulator.js';
export type { VodacomMzScenario } from './vodacom-mz/vodacom-mz-scenario.js';
export type {
  RecordedVodacomMzRequest,
  VodacomMzSimulator,
  VodacomMzSimulatorOptions,
  VodacomMzSimulatorProviderOptions,
  VodacomMzTransaction,
  VodacomMzTransactionInput,
} from './vodacom-mz/vodacom-mz-simulator.js';

// Acme Money (the imaginary provider of @reversal/adapter-template) simulator exports go below this line.
export type {
  AcmeMoneyScenario,
  AcmeMoneySimulator,
  AcmeMoneySimulatorOptions,
  AcmeMoneySimulatorProviderOptions,
  AcmeMoneyTransaction,
  AcmeMoneyTransactionInput,
  RecordedAcmeMoneyRequest,
} from './acme-money/acme-money-simulator.js';
export { startAcmeMoneySimulator } from './acme-money/start-acme-money-simulator.js';
