"""A non-editable install finds the column and the datasets from any folder (importlib.resources).

The wheel is built from the checkout and installed with --no-deps into a fresh venv that borrows the
dependencies of the kit's own environment through a .pth file; nothing is downloaded, and the editable
install of the checkout is not visible there (its finder is only loaded from its own site folder).
"""
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from conftest import ROOT


def test_wheel_ships_the_data_and_works_from_another_folder(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(wheels), str(ROOT)], check=True)
    wheel = next(wheels.glob("*.whl"))
    import zipfile
    names = zipfile.ZipFile(wheel).namelist()
    assert "kit/data/datapackage.json" in names
    assert "kit/data/article/column_raw.txt" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "borrowed_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--no-index", "--quiet", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = subprocess.run(
        [str(python), "-c", "import kit; a = kit.load_article(); print(a.title, a.published); "
         "print(kit.__file__); print(len(kit.list_datasets()))"],
        cwd=elsewhere, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    title_line, location, count = out.stdout.splitlines()
    assert title_line == ("Putin Doesn't Want to Intervene in Belarus. That's an Opportunity for the West. "
                          "2020-08-16")
    assert str(env_dir) in location, "the installed kit, not the checkout, was imported"
    assert int(count) >= 3
