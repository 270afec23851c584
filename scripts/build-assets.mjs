// Copies GOV.UK Frontend and MoJ Frontend from node_modules into frontend/build and compiles our
// Sass. No bundler: the browser loads the two libraries' own ES module builds.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const out = join(root, "frontend", "build");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

// Images, favicons and the manifest; fonts are skipped because we do not use GDS Transport.
cpSync(join(modules, "govuk-frontend/dist/govuk/assets/images"), join(out, "govuk/assets/images"), { recursive: true });
cpSync(join(modules, "govuk-frontend/dist/govuk/assets/manifest.json"), join(out, "govuk/assets/manifest.json"));
cpSync(join(modules, "@ministryofjustice/frontend/moj/assets/images"), join(out, "govuk/assets/images"), { recursive: true });
cpSync(join(modules, "govuk-frontend/dist/govuk/govuk-frontend.min.js"), join(out, "js/govuk-frontend.min.js"));
cpSync(join(modules, "@ministryofjustice/frontend/moj/moj-frontend.min.js"), join(out, "js/moj-frontend.min.js"));
cpSync(join(root, "frontend/src/init.js"), join(out, "js/init.js"));

const result = sass.compile(join(root, "frontend/src/application.scss"), {
  loadPaths: [root, modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
  // MoJ Frontend 11 still calls mixins GOV.UK Frontend 6 deprecates; those warnings are theirs,
  // ours still print.
  logger: {
    warn(message, options) {
      const where = String(options.span?.url ?? "") + String(options.stack ?? "");
      if (!where.includes("node_modules")) console.warn(message);
    },
  },
});
writeFileSync(join(out, "css/application.css"), result.css);
console.log(`assets: wrote ${out}`);
