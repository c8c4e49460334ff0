#!/usr/bin/env bash
# Rebuild static/govuk/ from the npm package govuk-frontend (5.x), de-branded:
# Arial instead of the GDS Transport font (no @font-face at all), no crown or
# crest images. Needs node and npm; the result is committed, so running the
# app never needs them.
set -euo pipefail
cd "$(dirname "$0")"
version=5.9.0
npm install --no-save --silent "govuk-frontend@$version" sass@1
npx sass --style=compressed --no-source-map --quiet-deps \
    --silence-deprecation=import,global-builtin,mixed-decls stage1.scss ../static/govuk/govuk-frontend.min.css
# The footer's copyright crest is the one image the CSS refers to; we never
# show it, and collectstatic would fail on the missing file.
sed -i 's#background-image:url("/static/govuk/assets/images/govuk-crest.svg");##' ../static/govuk/govuk-frontend.min.css
cp "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js" ../static/govuk/
if grep -q 'url(' ../static/govuk/govuk-frontend.min.css; then
    echo "unexpected url() left in the CSS" >&2
    exit 1
fi
echo "static/govuk rebuilt from govuk-frontend $version"
