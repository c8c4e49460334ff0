import { initAll } from "../govuk/govuk-frontend.min.js";
import { initAddAnother } from "./add-another.js";
import { initSessionTimeout } from "./session-timeout.js";

initAll();
initSessionTimeout();
initAddAnother();
