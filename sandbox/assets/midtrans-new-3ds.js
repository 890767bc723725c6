/*
 * Offline stand-in for Midtrans's browser library midtrans-new-3ds.min.js (behaviour of version
 * "1.2", as documented at https://docs.midtrans.com/reference/get-token and
 * https://docs.midtrans.com/docs/coreapi-card-payment-integration, plus the quirks listed in
 * sandbox/README.md). Written for the midtrans-sandbox test double; it is not Midtrans code.
 *
 * Deliberately faithful, quirks included:
 *  - a classic, non-strict script that defines one global, MidtransNew3ds;
 *  - configuration (the #midtrans-script element, data-environment, data-client-key) is read
 *    lazily on every call; MidtransNew3ds.url and MidtransNew3ds.clientKey win when non-empty;
 *  - JSONP through an appended <script> with no onerror, no timeout, never removed;
 *  - the caller's card object is mutated (callback and client_key are added);
 *  - ONE shared options slot for getCardToken / registerCard / authenticate;
 *  - one window "message" listener (same function reference, never removed), which hands results
 *    to the public MidtransNew3ds.callback (a page that wraps it sees 3DS results too);
 *  - getCardToken, registerCard and authenticate need an options object (TypeError without);
 *  - redirect() assigns the undeclared globals url and queryParams (and no others) and needs an
 *    options object.
 */
var MidtransNew3ds = (function () {
  var environmentBaseUrls = {
    production: "https://api.midtrans.com",
    sandbox: "https://api.sandbox.midtrans.com",
    staging: "https://api.stg.veritrans.co.id"
  };
  var allowedOrigin = /https?:\/\/[\w.]+(veritrans|midtrans)\./;
  var currentOptions = {};
  var self = {
    version: "1.2",
    clientKey: "",
    url: ""
  };

  function scriptElement() {
    return document.getElementById("midtrans-script");
  }

  function endpointFor(path) {
    if (self.url) {
      return self.url;
    }
    var environment = scriptElement().getAttribute("data-environment");
    if (!environment) {
      console.log("Environment on `data-environment` is not found, set to production");
      return environmentBaseUrls.production + path;
    }
    return environmentBaseUrls[environment.toLowerCase()] + path;
  }

  function currentClientKey() {
    var key = self.clientKey ? self.clientKey : scriptElement().getAttribute("data-client-key");
    if (!key) {
      console.log("Client key is not found, please set `data-client-key` on the script tag or MidtransNew3ds.clientKey");
    }
    return key;
  }

  function sendJsonp(endpoint, data) {
    data.callback = "MidtransNew3ds.callback";
    data.client_key = currentClientKey();
    var query = "?";
    for (var key in data) {
      if (Object.prototype.hasOwnProperty.call(data, key)) {
        query += encodeURIComponent(key) + "=" + encodeURIComponent(data[key]) + "&";
      }
    }
    var tag = document.createElement("script");
    tag.src = endpoint + query;
    document.getElementsByTagName("head")[0].appendChild(tag);
  }

  function dispatch(response) {
    var options = currentOptions || {};
    if (response && response.status_code == "200") {
      if (options.onSuccess) {
        options.onSuccess(response);
      }
    } else if (response && response.status_code == "201") {
      if (options.onPending) {
        options.onPending(response);
      }
    } else if (options.onFailure) {
      options.onFailure(response);
    }
  }

  function onMessage(event) {
    var origin = event.origin || event.originalEvent.origin;
    var data = event.data;
    if (!allowedOrigin.test(origin)) {
      return;
    }
    if (data && data.status_code && data.status_message) {
      // The public member, looked up now: a page may have replaced or wrapped it.
      self.callback(data);
    }
  }

  // Takes the caller's options into the one shared slot. Like 1.2, it reads the object without
  // a guard: calling without options throws a TypeError.
  function remember(options) {
    var callbacks = [options.onSuccess, options.onFailure, options.onPending];
    currentOptions = options;
    return callbacks;
  }

  self.callback = dispatch;

  self.getCardToken = function (cardData, options) {
    remember(options);
    sendJsonp(endpointFor("/v2/token"), cardData);
  };

  self.registerCard = function (cardData, options) {
    remember(options);
    sendJsonp(endpointFor("/v2/card/register"), cardData);
  };

  self.authenticate = function (redirectUrl, options) {
    remember(options);
    if (window.addEventListener) {
      window.addEventListener("message", onMessage, false);
    } else if (window.attachEvent) {
      window.attachEvent("onmessage", onMessage);
    }
    if (options.performAuthentication) {
      options.performAuthentication(redirectUrl);
    }
  };

  self.redirect = function (redirectUrl, options) {
    url = redirectUrl;
    queryParams = "callback_type=form&";
    if (options.callbackUrl) {
      queryParams += "callback_url=" + encodeURIComponent(options.callbackUrl) + "&";
    }
    window.location.href = url + "?" + queryParams;
  };

  return self;
})();
