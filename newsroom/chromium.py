"""Debian's Chromium, as the browser tests, `make screenshots` and `make lighthouse` launch it."""

CHROMIUM = "/usr/bin/chromium"
# No sandbox (containers), no GPU, and nothing that reaches the network on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
