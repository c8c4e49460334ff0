import { initAll } from "../govuk/govuk-frontend.min.js";
import { initSessionTimeout } from "./session-timeout.js";

initAll();
initSessionTimeout();
