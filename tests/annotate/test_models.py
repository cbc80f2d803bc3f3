"""The model's version is read without spaCy; it is the loaded model's."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storyline.annotate.models import model_version

PROBE = ("import sys\nfrom storyline.annotate.models import version_of\n"
         "print(version_of(), 'spacy' in sys.modules)")


@pytest.mark.slow
def test_version_of_reads_the_package_without_importing_spacy(nlp):
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            env={**os.environ}, timeout=120, check=True)
    version, imported = result.stdout.split()
    assert version == model_version(nlp)
    assert imported == "False"
