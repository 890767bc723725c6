// Loads the checkout (app.js and the card package it imports). Until that works the card form
// stays inert: disabled in the HTML, its inputs carry no `name`, and a submission is stopped
// here, so a card typed into a page whose package failed to load (blocked CDN, flaky network)
// goes nowhere. If loading fails, the page says so.
const form = document.getElementById('pay-form');
const stopSubmit = (event) => event.preventDefault();
form.addEventListener('submit', stopSubmit);

function showLoadFailure() {
  document.getElementById('form-loading').hidden = true;
  const box = document.getElementById('error');
  box.dataset.code = 'sdk_load_failed';
  document.getElementById('error-title').textContent = 'The card payment form could not load.';
  document.getElementById('error-detail').textContent =
    'No card details were sent. Reload the page, or turn off content blockers for this site.';
  box.hidden = false;
  document.documentElement.dataset.ready = 'failed';
}

import('/app.js').then(
  () => form.removeEventListener('submit', stopSubmit),
  showLoadFailure,
);
