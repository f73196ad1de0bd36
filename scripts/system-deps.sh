#!/usr/bin/env bash
# Debian packages Solidarity needs, installing only what is missing.
#   scripts/system-deps.sh run    what the app needs: Node.js/npm (front-end libraries at install time), Pango
#                                 (PDF summaries through WeasyPrint), fonts with Cyrillic and Hebrew glyphs
#   scripts/system-deps.sh        the above plus what the tests need: Chromium (browser tests), PostgreSQL (the
#                                 second database), gettext (translation catalogues), poppler-utils (PDF to pages),
#                                 Dovecot (the IMAP server the e-mail intake tests start on loopback), openssl,
#                                 nginx (the proxy in front of two app servers in tests/system)
set -euo pipefail
need=()
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
if [ "${1:-test}" != run ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
  command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
  [ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
fi
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
