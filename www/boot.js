// Loads the checkout (app.js and the card package it imports). Until the package has defined
// <midtrans-card-form> there are no card fields at all, only the element's loading text; if
// loading fails (blocked CDN, flaky network), the page says so and nothing can be typed.
import('/app.js').catch(() => {
  document.querySelector('[data-testid="form-loading"]').hidden = true;
  document.getElementById('load-error').hidden = false;
  document.documentElement.dataset.ready = 'failed';
});
