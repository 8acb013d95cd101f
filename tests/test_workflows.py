"""The GitHub Actions workflows (.github/workflows/), linted offline, and the script that reads
Colab's current versions (colab/read_backend_info.py), run on pip-freeze texts made here.

The workflows: ``check-jsonschema --builtin-schema vendor.github-workflows`` (GitHub's
workflow schema, shipped in the wheel) and ``zizmor --offline`` (security audits: unpinned
actions, persisted credentials, template injection, excessive permissions...), each with a
negative control showing it fails on a broken copy. Then what neither checks: every action
pinned to the commit its ``# vX.Y.Z`` tag had when we verified it, every checkout without
persisted credentials, no permission granted by default, a timeout on every job.

Fast: about 4 seconds, 3 of them check-jsonschema's start-up (run once for all files).
"""

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from colab_versions import VERSIONS_FILE, colab_pins, colab_python
from helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
BIN = Path(sys.executable).parent

# The commit of each action tag the workflows use, read from the action's repository
# (`git ls-remote https://github.com/actions/checkout refs/tags/v7.0.1`; all five tags are
# lightweight, so the tag names the commit). To upgrade an action, read the new tag's commit
# the same way and change it here and in the workflows: never copy a SHA from elsewhere.
VERIFIED_PINS = {
    ("actions/checkout", "v7.0.1"): "3d3c42e5aac5ba805825da76410c181273ba90b1",
    ("actions/setup-python", "v7.0.0"): "5fda3b95a4ea91299a34e894583c3862153e4b97",
    ("actions/upload-artifact", "v7.0.0"): "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f",
    ("actions/upload-pages-artifact", "v5.0.0"): "fc324d3547104276b827a68afc52ff2a11cc49c9",
    ("actions/deploy-pages", "v5.0.0"): "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128",
}
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?P<comment>.*)$", re.M)


def tool(name: str) -> str:
    exe = BIN / name
    found = str(exe) if exe.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: install requirements.txt (make setup)")
    return found


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text())
    if True in workflow:  # YAML 1.1 reads the key `on` as True
        workflow["on"] = workflow.pop(True)
    return workflow


def test_there_are_workflows():
    assert {p.name for p in WORKFLOW_FILES} >= {"test.yml", "colab.yml", "site.yml"}


# --- check-jsonschema ---------------------------------------------------------------------------

# A workflow the schema rejects: a job without steps or uses, and a timeout that is no number.
INVALID_WORKFLOW = """\
name: invalid
on: push
jobs:
  broken:
    runs-on: ubuntu-24.04
    timeout-minutes: [1]
"""


@pytest.fixture(scope="module")
def schema_report(tmp_path_factory) -> dict:
    """check-jsonschema's JSON report on every workflow and one invalid copy (the negative
    control), in one run: the tool takes 3 s to start."""
    invalid = tmp_path_factory.mktemp("schema") / "invalid.yml"
    invalid.write_text(INVALID_WORKFLOW)
    done = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
        + ["--output-format", "json", *map(str, WORKFLOW_FILES), str(invalid)],
        capture_output=True,
        text=True,
    )
    report = json.loads(done.stdout)
    report["returncode"], report["invalid"] = done.returncode, str(invalid)
    return report


def test_workflows_match_githubs_schema(schema_report):
    real = {str(p) for p in WORKFLOW_FILES}
    errors = [e for e in schema_report["errors"] if e["filename"] in real]
    unparsed = [e for e in schema_report.get("parse_errors", []) if e["filename"] in real]
    assert not errors and not unparsed, "\n".join(
        f"{e['filename']}: {e.get('best_deep_match', e).get('path', '')}: "
        f"{e.get('best_deep_match', e)['message']}"
        for e in errors + unparsed
    )


def test_schema_check_rejects_an_invalid_workflow(schema_report):
    """Negative control: the same run fails, on the invalid copy only."""
    assert schema_report["returncode"] != 0
    assert {e["filename"] for e in schema_report["errors"]} == {schema_report["invalid"]}


# --- zizmor -------------------------------------------------------------------------------------


def zizmor(*args) -> tuple[subprocess.CompletedProcess, list[dict]]:
    """zizmor, offline, with no configuration file (so no finding is ignored), and its findings."""
    cmd = [tool("zizmor"), "--offline", "--no-config", "--format", "json", *map(str, args)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    return done, json.loads(done.stdout or "[]")


def describe(findings: list[dict]) -> str:
    return "\n".join(
        f"{f['ident']} ({f['determinations']['severity']}): {f['desc']} "
        f"at {[loc['symbolic']['key'] for loc in f['locations']]}"
        for f in findings
    )


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_finds_nothing(persona):
    """No finding at all, not even the auditor persona's (which keeps low-confidence and
    pedantic findings, such as credentials persisted by a checkout, that the default hides)."""
    done, findings = zizmor("--persona", persona, WORKFLOWS)
    assert not findings, describe(findings)
    assert done.returncode == 0, done.stderr


def test_zizmor_plain_run_is_clean():
    """The command a contributor types, as it is: exit 0 and zizmor's all-clear."""
    done = subprocess.run(
        [tool("zizmor"), "--offline", str(WORKFLOWS)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def mutated_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (WORKFLOWS / name).read_text()
    assert old in text, f"{name} no longer contains {old!r}: update the negative control"
    copy = tmp_path / ".github" / "workflows" / name
    copy.parent.mkdir(parents=True)
    copy.write_text(text.replace(old, new, 1))
    return copy


def test_zizmor_reports_an_unpinned_action(tmp_path):
    """Negative control: test.yml with its checkout at a tag, not a commit, fails."""
    pinned = f"actions/checkout@{VERIFIED_PINS['actions/checkout', 'v7.0.1']} # v7.0.1"
    copy = mutated_copy(tmp_path, "test.yml", pinned, "actions/checkout@v4")
    done, findings = zizmor(copy)
    assert done.returncode != 0
    assert [f["ident"] for f in findings] == ["unpinned-uses"], describe(findings)


def test_zizmor_reports_persisted_credentials(tmp_path):
    """Negative control: a checkout that keeps its token in .git/config, by the auditor."""
    copy = mutated_copy(
        tmp_path, "site.yml", "persist-credentials: false", "persist-credentials: true"
    )
    done, findings = zizmor("--persona", "auditor", copy)
    assert done.returncode != 0
    assert "artipacked" in {f["ident"] for f in findings}, describe(findings)


# --- What the linters do not check --------------------------------------------------------------


def uses_lines() -> list[tuple[str, re.Match]]:
    return [(p.name, m) for p in WORKFLOW_FILES for m in USES.finditer(p.read_text())]


def test_every_action_is_pinned_to_its_verified_commit():
    found = uses_lines()
    assert found
    for name, use in found:
        action, ref, comment = use["action"], use["ref"], use["comment"].strip()
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name}: {action}@{ref} is not a commit SHA"
        tag = re.fullmatch(r"#\s*(v\d+\.\d+\.\d+)", comment)
        assert tag, f"{name}: {action}@{ref} has no '# vX.Y.Z' comment (it has {comment!r})"
        expected = VERIFIED_PINS.get((action, tag.group(1)))
        assert expected, f"{name}: {action} {tag.group(1)} is not in VERIFIED_PINS"
        assert ref == expected, f"{name}: {action}@{ref} is not {tag.group(1)} ({expected})"


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_least_privilege_and_bounded_jobs(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, f"{path.name}: grant nothing at the top level"
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {job_id} must say what it needs"
        assert "write-all" not in str(job["permissions"])
        assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: {job_id} no timeout"
        assert job["runs-on"] == "ubuntu-24.04", f"{path.name}: {job_id} runs on {job['runs-on']}"
    for job_id, step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, (
                f"{path.name}: a checkout in {job_id} persists its credentials"
            )


def test_test_workflow_runs_make_test_on_every_push_and_pull_request():
    workflow = load(WORKFLOWS / "test.yml")
    assert {"push", "pull_request"} <= set(workflow["on"])
    assert workflow["on"]["push"] is None and workflow["on"]["pull_request"] is None  # no filter
    (job,) = workflow["jobs"].values()
    run = [s.get("run", "") for s in job["steps"]]
    assert any(r.strip().startswith("make test") and "test-" not in r for r in run)
    python = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert [s["with"]["python-version"] for s in python] == ["3.11"]
    # A `chromium` on PATH before `make test`; the artifacts uploaded when it fails.
    names = [s.get("name", "") for s in job["steps"]]
    assert names.index("Put Google Chrome on PATH as chromium") < names.index("make test")
    upload = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["if"] == "failure()" and upload[0]["with"]["path"] == "artifacts/"


def test_colab_workflow_reads_colabs_versions_then_runs_make_test_colab():
    workflow = load(WORKFLOWS / "colab.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = workflow["on"]["schedule"]
    minute, hour, day, month, weekday = cron["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "weekly"
    (job,) = workflow["jobs"].values()
    checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    (backend,) = [s for s in checkouts if s.get("with", {}).get("repository")]
    assert backend["with"]["repository"] == "googlecolab/backend-info"
    text = (WORKFLOWS / "colab.yml").read_text()
    read = text.index(f"colab/read_backend_info.py {backend['with']['path']} --write")
    assert read < text.index("make test-colab COLAB_PYTHON=")
    assert (ROOT / "colab" / "read_backend_info.py").is_file()


def test_site_workflow_deploys_with_only_pages_permissions():
    workflow = load(WORKFLOWS / "site.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("target", ["test", "test-colab", "site"])
def test_the_make_targets_the_workflows_run_exist(target):
    assert re.search(rf"^{re.escape(target)}:", (ROOT / "Makefile").read_text(), re.M)


# --- colab/read_backend_info.py -----------------------------------------------------------------

spec = importlib.util.spec_from_file_location(
    "read_backend_info", ROOT / "colab" / "read_backend_info.py"
)
rbi = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rbi)

# A small pip freeze in the format of googlecolab/backend-info's pip-freeze.txt: a comment
# header, `name==version` lines with names in any case, `name @ URL` lines.
FREEZE = """\
# Do not modify this file directly; it is generated by extract_colabx_testing_tarballs.sh via
#  $ python3 -m pip freeze
absl-py==1.4.0
array_record==0.8.3
google-colab @ file:///colabtools/dist/google_colab-1.0.0.tar.gz
IPython==9.9.0
Keras==3.14.0
matplotlib==3.10.8
numpy==2.0.2
TensorFlow==2.21.0
torch @ https://download.pytorch.org/whl/cpu/torch-2.11.0%2Bcpu-cp313-cp313-manylinux_2_28_x86_64.whl
"""
OS_INFO = """\
# Do not modify this file directly; it is generated by extract_colabx_testing_tarballs.sh via
#  $ (lsb_release -ds;python --version;) > os-info.txt
Ubuntu 22.04.5 LTS
Python 3.14.2
R version 4.6.1 (2026-06-24) -- "Happy Hop"
"""
VERSIONS = """\
# Colab's versions (a test's copy).
#   matplotlib==3.0.0  a comment: never touched
# python: 3.13
tensorflow==2.20.0
keras==3.13.2
numpy==2.0.2
matplotlib==3.10.0
ipython==7.34.0
"""


def backend_info(tmp_path: Path, freeze: str = FREEZE, os_info: str | None = OS_INFO) -> Path:
    folder = tmp_path / "backend-info"
    folder.mkdir()
    (folder / "pip-freeze.txt").write_text(freeze)
    if os_info is not None:
        (folder / "os-info.txt").write_text(os_info)
    return folder


def test_parse_freeze_normalises_names_and_sets_urls_aside():
    freeze = rbi.parse_freeze(FREEZE)
    assert freeze.versions == {
        "absl-py": "1.4.0",
        "array-record": "0.8.3",
        "ipython": "9.9.0",
        "keras": "3.14.0",
        "matplotlib": "3.10.8",
        "numpy": "2.0.2",
        "tensorflow": "2.21.0",
    }
    assert set(freeze.direct) == {"google-colab", "torch"}
    assert freeze.direct["google-colab"].startswith("file://")


def test_parse_os_python():
    assert rbi.parse_os_python(OS_INFO) == "3.14"
    assert rbi.parse_os_python("Ubuntu 22.04.5 LTS\n") is None


def test_update_changes_only_the_versions():
    result = rbi.update(VERSIONS, rbi.parse_freeze(FREEZE), "3.14")
    assert result.changes == [
        ("tensorflow", "2.20.0", "2.21.0"),
        ("keras", "3.13.2", "3.14.0"),
        ("matplotlib", "3.10.0", "3.10.8"),
        ("ipython", "7.34.0", "9.9.0"),
        ("python", "3.13", "3.14"),
    ]
    assert result.unchanged == [("numpy", "2.0.2")]
    assert not result.missing
    assert result.text == (
        VERSIONS.replace("# python: 3.13", "# python: 3.14")
        .replace("tensorflow==2.20.0", "tensorflow==2.21.0")
        .replace("keras==3.13.2", "keras==3.14.0")
        .replace("matplotlib==3.10.0\n", "matplotlib==3.10.8\n")
        .replace("ipython==7.34.0", "ipython==9.9.0")
    )
    assert "#   matplotlib==3.0.0  a comment" in result.text


def test_missing_names_are_reported_by_name():
    freeze = FREEZE.replace("Keras==3.14.0\n", "").replace(
        "numpy==2.0.2", "numpy @ file:///wheels/numpy-2.0.2-cp313-cp313-linux_x86_64.whl"
    )
    result = rbi.update(VERSIONS, rbi.parse_freeze(freeze), "3.13")
    assert result.missing == [
        "keras: not in pip-freeze.txt (is it still installed on Colab?)",
        "numpy: pip-freeze.txt has no 'numpy==...' line; Colab installs it from a URL "
        "(file:///wheels/numpy-2.0.2-cp313-cp313-linux_x86_64.whl), so it has no version to pin",
    ]
    assert "MISSING" in rbi.report(result) and "keras" in rbi.report(result)


def test_main_writes_the_file_the_tests_read(tmp_path, capsys):
    versions = tmp_path / "versions.txt"
    versions.write_text(VERSIONS)
    outputs = tmp_path / "github_output"
    code = rbi.main(
        [str(backend_info(tmp_path)), "--versions", str(versions), "--write"]
        + ["--github-output", str(outputs)]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "tensorflow: 2.20.0 -> 2.21.0" in out and "python: 3.13 -> 3.14" in out
    # tests/colab_versions.py, which `make test-colab` uses, reads the new versions.
    assert colab_pins(versions) == {
        "tensorflow": "2.21.0",
        "keras": "3.14.0",
        "numpy": "2.0.2",
        "matplotlib": "3.10.8",
        "ipython": "9.9.0",
    }
    assert colab_python(versions) == "3.14"
    assert outputs.read_text() == "python=3.14\nchanged=true\n"


def test_main_writes_nothing_when_a_name_is_missing(tmp_path, capsys):
    versions = tmp_path / "versions.txt"
    versions.write_text(VERSIONS)
    folder = backend_info(tmp_path, FREEZE.replace("matplotlib==3.10.8\n", ""))
    assert rbi.main([str(folder), "--versions", str(versions), "--write"]) == 1
    assert "matplotlib: not in pip-freeze.txt" in capsys.readouterr().out
    assert versions.read_text() == VERSIONS


def test_main_without_os_info_keeps_the_python_line(tmp_path, capsys):
    versions, out = tmp_path / "versions.txt", tmp_path / "out.txt"
    versions.write_text(VERSIONS)
    folder = backend_info(tmp_path, os_info=None)
    assert (
        rbi.main(
            [str(folder / "pip-freeze.txt"), "--versions", str(versions), "--output", str(out)]
        )
        == 0
    )
    assert "records no 'Python X.Y.Z' line" in capsys.readouterr().out
    assert colab_python(out) == "3.13" and versions.read_text() == VERSIONS


def test_main_reports_a_missing_checkout(tmp_path, capsys):
    assert rbi.main([str(tmp_path / "nowhere")]) == 2
    assert "nowhere: no such file" in capsys.readouterr().err
    assert rbi.main([str(tmp_path)]) == 2  # a folder without pip-freeze.txt
    assert "pip-freeze.txt: no such file" in capsys.readouterr().err


def test_every_pin_of_colab_versions_is_tracked(tmp_path):
    """Every exact pin of the real colab/versions.txt (not only the five named in the issue) and
    its Python line are read: Colab's versions, each bumped, all end up in the file."""
    bumped = {name: version + ".post1" for name, version in colab_pins().items()}
    freeze = "".join(f"{name.upper()}=={version}\n" for name, version in bumped.items())
    result = rbi.update(VERSIONS_FILE.read_text(), rbi.parse_freeze(freeze), "3.99")
    assert not result.missing
    new = tmp_path / "versions.txt"
    new.write_text(result.text)
    assert colab_pins(new) == bumped and colab_python(new) == "3.99"
    # Unchanged versions leave the file byte for byte as it is.
    same = "".join(f"{n}=={v}\n" for n, v in colab_pins().items())
    again = rbi.update(VERSIONS_FILE.read_text(), rbi.parse_freeze(same), colab_python())
    assert again.text == VERSIONS_FILE.read_text() and not again.changes
