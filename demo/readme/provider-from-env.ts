import { createProviderRegistry } from '@reversal/core';
import { safaricomKe } from '@reversal/safaricom-ke';
import { vodacomMz } from '@reversal/vodacom-mz';
import { refundOrder } from './refund-order.js';

// REVERSAL_PROVIDER=safaricom-ke or vodacom-mz, plus that adapter's variables (see its README).
const registry = createProviderRegistry([safaricomKe, vodacomMz]);
const provider = registry.fromEnv(process.env);

const result = await refundOrder(provider, { receipt: process.argv[2]!, total: process.argv[3]!, id: 'ORDER42' });
console.log(result.status, result.reference, 'error' in result ? result.error.code : '');
await provider.close?.();
