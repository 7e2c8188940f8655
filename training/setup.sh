#!/usr/bin/env bash
# Installs what training needs from Debian's packages (run as root). Python: /usr/bin/python3.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# libopenblas0-pthread replaces the reference BLAS that python3-torch would otherwise use (about 4x slower).
apt-get install -y -qq --no-install-recommends \
  python3-torch python3-onnx python3-sentencepiece python3-numpy sentencepiece libopenblas0-pthread fasttext
