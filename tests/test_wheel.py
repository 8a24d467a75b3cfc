"""The lexicons travel with the package: build the wheel, install it outside the checkout,
and lint a shipped sample with the installed command."""
from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_checks_a_shipped_sample(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                   check=True, cwd=tmp_path)
    (wheel,) = dist.glob("mtlint-*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, cwd=tmp_path)
    # Run-time dependencies come from this interpreter's site-packages (PYTHONPATH does not
    # process .pth files, so the checkout's editable install stays out of sight).
    deps = os.pathsep.join([sysconfig.get_paths()["purelib"], *site.getsitepackages()])
    env = {**os.environ, "PYTHONPATH": deps}
    where = subprocess.run([str(python), "-c", "import qa, qa.pack; print(qa.__file__); print(qa.pack.corpora_root())"],
                           capture_output=True, text=True, check=True, cwd=tmp_path, env=env).stdout.split()
    assert all(str(env_dir) in w for w in where), where
    sample = Path(where[1]) / "samples" / "article-fr-en.txt"
    assert sample.is_file()
    run = subprocess.run([str(env_dir / "bin" / "mtlint"), "check", "--format", "json", str(sample)],
                         capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run.returncode == 1, run.stderr
    assert '"findings"' in run.stdout and '"MT' in run.stdout
