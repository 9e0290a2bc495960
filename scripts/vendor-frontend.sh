#!/usr/bin/env bash
# Refreshes the vendored front-end files under src/ServiceRecovery.Web/wwwroot/lib from npm.
# The app serves them itself (no CDN), so pages work offline. Run after changing a version below,
# then commit the result.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
lib="$here/src/ServiceRecovery.Web/wwwroot/lib"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent bootstrap@5.3.9 bootstrap-icons@1.13.2 chart.js@4.6.1 htmx.org@2.0.11
rm -rf "$lib" && mkdir -p "$lib/bootstrap" "$lib/bootstrap-icons/fonts" "$lib/chart.js" "$lib/htmx"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map "$lib/bootstrap/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map "$lib/bootstrap/"
cp node_modules/bootstrap/LICENSE "$lib/bootstrap/LICENSE"
cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css "$lib/bootstrap-icons/"
cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff2 node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff "$lib/bootstrap-icons/fonts/"
cp node_modules/bootstrap-icons/LICENSE "$lib/bootstrap-icons/LICENSE"
cp node_modules/chart.js/dist/chart.umd.min.js "$lib/chart.js/"
cp node_modules/chart.js/LICENSE.md "$lib/chart.js/LICENSE.md"
cp node_modules/htmx.org/dist/htmx.min.js "$lib/htmx/"
cp node_modules/htmx.org/LICENSE "$lib/htmx/LICENSE"
echo "vendored into $lib:"; find "$lib" -type f | sed "s|$lib/||" | sort
