import { initAll } from "../govuk/govuk-frontend.min.js";
import { initAddAnother } from "./add-another.js";
import { initSessionTimeout } from "./session-timeout.js";

// GOV.UK Frontend's own texts (character counts, accordions) in the page's language, from base.html.
const texts = document.getElementById("govuk-frontend-texts");
initAll(texts ? JSON.parse(texts.textContent) : {});
initSessionTimeout();
initAddAnother();
