// Starts GOV.UK Frontend's components. Pages work without it; it adds the enhancements only.
import { initAll } from "./govuk-frontend.min.js";

initAll();
