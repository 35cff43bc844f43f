#!/usr/bin/env bash
# Installs factcheck under a prefix: the binary, its man page (made by swift-argument-parser's
# generate-manual from the binary's own help) and bash, zsh and fish completions (made by the binary).
#   Scripts/install.sh BINARY GENERATE_MANUAL PREFIX
set -euo pipefail
binary="$1" manual_tool="$2" prefix="$3"

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$binary" "$prefix/bin/factcheck"

pages="$(mktemp -d)"
trap 'rm -rf "$pages"' EXIT
"$manual_tool" "$prefix/bin/factcheck" --output-directory "$pages" --authors "factcheck"
install -m 644 "$pages/factcheck.1" "$prefix/share/man/man1/factcheck.1"

"$prefix/bin/factcheck" --generate-completion-script bash > "$prefix/share/bash-completion/completions/factcheck"
"$prefix/bin/factcheck" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_factcheck"
"$prefix/bin/factcheck" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/factcheck.fish"

echo "installed $prefix/bin/factcheck, its man page and bash, zsh and fish completions"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "put it on PATH: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
