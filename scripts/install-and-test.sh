#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then run all of it:
# lint; the built wheel installed in a clean environment and run as a user would (the
# README's first command); unit, end-to-end and browser tests in real headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
python3 -m venv --help >/dev/null 2>&1 && python3 -c "import ensurepip" 2>/dev/null || need_apt+=(python3-venv)
# Real GIS clients for tests/test_qgis.py: QGIS (its Python bindings live in the system
# python3, which the tests call as a subprocess) and GDAL's command-line tools and
# validate_gpkg.py. Installed without recommends (QGIS recommends GRASS and more).
need_gis=()
QT_QPA_PLATFORM=offscreen /usr/bin/python3 -c "import qgis.core" 2>/dev/null || need_gis+=(qgis python3-qgis)
[ -x /usr/bin/ogrinfo ] || need_gis+=(gdal-bin)
[ -f /usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py ] || need_gis+=(python3-gdal)
if [ ${#need_apt[@]} -gt 0 ] || [ ${#need_gis[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${need_apt[*]} ${need_gis[*]}"
    # Wait (up to ten minutes) for another apt or unattended-upgrades to let go of the
    # dpkg lock instead of failing at once.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    if [ ${#need_apt[@]} -gt 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need_apt[@]}" >/dev/null
    fi
    if [ ${#need_gis[@]} -gt 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need_gis[@]}" >/dev/null
    fi
  else
    echo "missing Debian packages (not root): run 'sudo apt-get install -y ${need_apt[*]} ${need_gis[*]}'" >&2
    exit 1
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/ruff check .

# The wheel, as `pip install .` builds it, must carry the gazetteer and the map's assets.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
.venv/bin/python -m pip wheel -q --no-deps . -w "$scratch/dist"
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/python" -m pip install -q "$scratch"/dist/*.whl
(cd "$scratch" && "$scratch/venv/bin/geomap" geocode Pokrovsk >/dev/null \
  && "$scratch/venv/bin/geomap" run "$OLDPWD/examples" -o "$scratch/out" >/dev/null \
  && test -s "$scratch/out/strikes.html" && test -s "$scratch/out/strikes.gpkg")
echo "installed wheel: geocode and run on examples/ work"

.venv/bin/python -m pytest -q
