// The public surface of @reversal/sandbox, listed by name.
// Daraja (Safaricom Kenya) simulator exports go below this line.

// Vodacom Mozambique simulator exports go below this line.

export {};
