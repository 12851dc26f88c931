#!/usr/bin/env bash
# Builds VS Code's server (the code-server npm package) once per machine, in a cache folder outside the
# repository, keyed by version. The usual VS Code download is refused on these machines; see README "Testing".
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${SIGNOFF_E2E_CACHE:-$HOME/.cache/signoff-e2e}"
DEST="$CACHE/code-server-$VERSION"
# Debian packages. Run time, checked on every run (cheap): chromium (the browser we drive) and an emoji font
# (checklists and certificates are full of ✅ 🚦 🔧; without one the screenshots show empty boxes). Build time, only
# when code-server is built: native build deps and ripgrep (for @vscode/ripgrep's cache).
ensure_packages() {
  local need=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
  [ "${#need[@]}" -eq 0 ] && return 0
  echo "installing Debian packages: ${need[*]}"
  local SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
}
ensure_packages chromium fonts-noto-color-emoji

if [ -x "$DEST/node_modules/.bin/code-server" ] && [ -f "$DEST/.complete" ]; then
  echo "code-server $VERSION already built in $DEST"; exit 0
fi
ensure_packages libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep

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
