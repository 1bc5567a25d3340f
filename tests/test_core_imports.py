"""The ML core and the store never import Streamlit (arrows point down only)."""

import subprocess
import sys


def test_core_imports_without_streamlit():
    code = (
        "import sys; import fashion_lab.cli, fashion_lab.training, fashion_lab.preprocessing, "
        "fashion_lab.evaluation, model_store; "
        "assert 'streamlit' not in sys.modules, 'streamlit was imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_store_listing_does_not_need_tensorflow():
    code = (
        "import sys, model_store; model_store.ModelStore('/nonexistent').entries(); "
        "assert 'tensorflow' not in sys.modules, 'tensorflow was imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_model_registry_does_not_need_keras():
    code = (
        "import sys; from fashion_lab.architectures import layer_table; "
        "assert sum(row['parameters'] for row in layer_table('cnn')) == 804_554; "
        "assert 'keras' not in sys.modules, 'keras was imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
