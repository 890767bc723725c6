// The package's one error class. An Error subclass cannot be written in Rust, so this snippet
// defines it and the wasm code constructs it; the build re-exports it from the package entry.
export class MidtransCardError extends Error {
  constructor(code, message, details) {
    super(message);
    this.name = 'MidtransCardError';
    this.code = code;
    // @midtrans-start (not in midtrans-card/validate: its errors carry no details)
    if (details) {
      for (const key of ['errors', 'statusCode', 'validationMessages', 'response', 'httpStatus', 'charge', 'detail']) {
        if (details[key] !== undefined) this[key] = details[key];
      }
    }
    // @midtrans-end
  }
}
