#!/bin/sh
# Stand-in schema engine for `prisma generate` only (see generate.mjs).
exit 0
