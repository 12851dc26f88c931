#!/usr/bin/env bash
# Builds VS Code's server (the code-server npm package) once per machine, in a cache folder outside the
# repository, keyed by version. The usual VS Code download is refused on these machines; see README "Testing".
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${SIGNOFF_E2E_CACHE:-$HOME/.cache/signoff-e2e}"
DEST="$CACHE/code-server-$VERSION"
if [ -x "$DEST/node_modules/.bin/code-server" ] && [ -f "$DEST/.complete" ]; then
  echo "code-server $VERSION already built in $DEST"; exit 0
fi

# Debian packages: native build deps, ripgrep (for @vscode/ripgrep's cache) and chromium (the browser we drive).
need=()
for p in libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

# @vscode/ripgrep's install step downloads from GitHub, which is unreachable; it looks in its cache first.
TMP="$(node -p 'require("os").tmpdir()')"
RG_CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
if [ ! -f "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
  work="$(mktemp -d)"; cp /usr/bin/rg "$work/rg"
  tar -C "$work" -czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
  rm -rf "$work"
fi

mkdir -p "$DEST"
cd "$DEST"
[ -f package.json ] || echo '{"name":"signoff-e2e-code-server","private":true}' > package.json
# npm 11 runs no dependency install scripts unless allowed; code-server's postinstall (and the nested installs it
# starts for VS Code's native modules) must run, so allow them for this one cache build only.
export npm_config_dangerously_allow_all_scripts=true
npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm "code-server@$VERSION"
# Fail early if the postinstall did not build VS Code's server side.
[ -d "$DEST/node_modules/code-server/lib/vscode/node_modules" ] || { echo "code-server postinstall did not run" >&2; exit 1; }
"$DEST/node_modules/.bin/code-server" --version
touch "$DEST/.complete"
echo "code-server $VERSION ready in $DEST"
