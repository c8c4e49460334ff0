// Runs at the top of <body>: lets GOV.UK Frontend style for JavaScript before
// the page paints. Kept in a file (not inline) so the Content-Security-Policy
// never needs 'unsafe-inline'.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
